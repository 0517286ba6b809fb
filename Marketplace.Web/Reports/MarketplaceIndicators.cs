using System.Globalization;
using Marketplace.Web.Contests;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Patents;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;

namespace Marketplace.Web.Reports;

/// <summary>
/// The dashboard's marketplace figures, read from the marketplace's own tables (the sources of truth
/// the licensing ledger and the contest pages read too). Money is summed in memory: SQLite has no
/// decimal arithmetic, and the tables are small next to the patent index.
/// </summary>
public sealed class MarketplaceIndicators(MarketplaceDbContext db, DashboardOptions options, TimeProvider clock) : IMarketplaceIndicators
{
    /// <summary>The search that lists the patents of standing declarations (the index's open-licence label).</summary>
    public static readonly string OpenLicensedPatentsSearch = $"/search?{PatentSearchRequest.FilterPrefix}{LabelFacets.OpenLicense}={LabelFacets.OpenLicenseAvailable}";

    /// <summary>
    /// Declarations standing now (published, not withdrawn) and the distinct patents they cover; the
    /// trend counts declarations by year of publication, withdrawn ones included (they were published then).
    /// </summary>
    public async Task<MarketplaceFigure> OpenLicensesPublishedAsync(CancellationToken ct = default)
    {
        var published = await db.OpenLicenseDeclarations.AsNoTracking().Where(d => d.PublishedOn != null)
            .Select(d => new { d.Status, d.PublishedOn }).ToListAsync(ct);
        var patents = await db.DeclaredPatents.AsNoTracking()
            .Where(p => db.OpenLicenseDeclarations.Any(d => d.Id == p.DeclarationId && d.Status == DeclarationStatus.Published))
            .Select(p => p.PatentId).Distinct().CountAsync(ct);
        return new MarketplaceFigure(published.Count(d => d.Status == DeclarationStatus.Published), null,
            "Declarations published and not withdrawn; the trend counts publications per year.", "/licences")
        {
            Detail = "{0} patents covered",
            DetailArguments = [patents.ToString("N0", CultureInfo.InvariantCulture)],
            DetailLink = OpenLicensedPatentsSearch,
            Target = options.OpenLicensesPublishedTarget,
            TargetSetting = "Dashboard:OpenLicensesPublishedTarget",
            Trend = Trend(published.Select(d => (d.PublishedOn!.Value.Year, 1m))),
        };
    }

    /// <summary>Licences in force (effective or recorded); the trend counts licences by the year they took effect, expired ones included.</summary>
    public async Task<MarketplaceFigure> OpenLicensesTakenAsync(CancellationToken ct = default)
    {
        var orders = await db.LicenseOrders.AsNoTracking().Where(o => o.EffectiveAt != null)
            .Select(o => new { o.Status, o.EffectiveAt }).ToListAsync(ct);
        return new MarketplaceFigure(orders.Count(o => o.Status is LicenseStatus.Effective or LicenseStatus.Recorded), null,
            "Licences in force (effective or recorded); the trend counts licences by the year they took effect.", "/licensing/ledger")
        {
            Target = options.OpenLicensesTakenTarget,
            TargetSetting = "Dashboard:OpenLicensesTakenTarget",
            Trend = Trend(orders.Select(o => (o.EffectiveAt!.Value.Year, 1m))),
        };
    }

    /// <summary>
    /// Upfront fees paid (orders whose payment is recorded as paid) plus royalties marked paid, in yuan.
    /// The payment events are the webhook's idempotency log, not the ledger; there are no refunds in the
    /// model (a paid licence cannot be cancelled), so nothing is subtracted.
    /// </summary>
    public async Task<MarketplaceFigure> LicenseRevenueAsync(CancellationToken ct = default)
    {
        var upfront = await db.LicenseOrders.AsNoTracking().Where(o => o.Payment == PaymentState.Paid && o.PaidAt != null)
            .Select(o => new { o.UpfrontFen, o.PaidAt }).ToListAsync(ct);
        var royalties = await db.RoyaltyReports.AsNoTracking().Where(r => r.PaidAt != null)
            .Select(r => new { r.RoyaltyYuan, r.PaidAt }).ToListAsync(ct);
        var payments = upfront.Select(o => (o.PaidAt!.Value.Year, o.UpfrontFen / 100m))
            .Concat(royalties.Select(r => (r.PaidAt!.Value.Year, r.RoyaltyYuan))).ToList();
        return new MarketplaceFigure(payments.Sum(p => p.Item2), "yuan",
            "Upfront fees and royalties paid, in yuan (RMB), by year of payment.", "/licensing/ledger")
        {
            Target = options.LicenseRevenueTargetYuan,
            TargetSetting = "Dashboard:LicenseRevenueTargetYuan",
            Trend = Trend(payments),
        };
    }

    /// <summary>
    /// Contests whose final stage is closed (results published, or about to be), with their entries;
    /// the trend by the year the results were published (else the final stage closed).
    /// </summary>
    public async Task<MarketplaceFigure> ContestsHeldAsync(CancellationToken ct = default)
    {
        var contests = await db.Contests.AsNoTracking().Include(c => c.Stages).AsSplitQuery()
            .Where(c => c.Status != ContestStatus.Draft).ToListAsync(ct);
        var held = contests.Where(c => c.Status == ContestStatus.ResultsPublished || (c.Stages.Count > 0 && c.CurrentStage is null))
            .Select(c => (c.Id, Year: (c.ResultsPublishedAt ?? c.Stages[^1].ClosedAt ?? c.CreatedAt).Year)).ToList();
        var ids = held.Select(h => h.Id).ToList();
        var entries = ids.Count == 0 ? 0 : await db.ContestEntries.AsNoTracking().CountAsync(e => ids.Contains(e.ContestId), ct);
        return new MarketplaceFigure(held.Count, null, "Contests whose final stage is closed; the trend by the year of the results.", "/contests")
        {
            Detail = "{0} entries",
            DetailArguments = [entries.ToString("N0", CultureInfo.InvariantCulture)],
            DetailLink = "/contests",
            Target = options.ContestsHeldTarget,
            TargetSetting = "Dashboard:ContestsHeldTarget",
            Trend = Trend(held.Select(h => (h.Year, 1m))),
        };
    }

    /// <summary>Sums per year from the first year with activity to this year, at most the configured number of years.</summary>
    private List<FigurePoint> Trend(IEnumerable<(int Year, decimal Value)> items)
    {
        var byYear = items.GroupBy(i => i.Year).ToDictionary(g => g.Key, g => g.Sum(i => i.Value));
        if (byYear.Count == 0) return [];
        var last = Math.Max(clock.GetUtcNow().UtcDateTime.Year, byYear.Keys.Max());
        var first = Math.Max(byYear.Keys.Min(), last - Math.Clamp(options.TrendYears, 3, 30) + 1);
        return [.. Enumerable.Range(first, last - first + 1).Select(y => new FigurePoint(y, byYear.GetValueOrDefault(y)))];
    }
}
