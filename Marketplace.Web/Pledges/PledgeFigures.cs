using Marketplace.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Pledges;

/// <summary>Pledge financing registered in one year, against the annual targets (percent of each, or null without one).</summary>
public sealed record PledgeYearFigure(int Year, int Count, decimal AmountYuan, int? PercentOfAmountTarget, int? PercentOfCountTarget);

/// <summary>Pledge financing of one year in one county; <see cref="County"/> is null for pledges without one.</summary>
public sealed record PledgeCountyFigure(int Year, string? County, int Count, decimal AmountYuan);

public sealed record PledgeFinancingFigures(IReadOnlyList<PledgeYearFigure> Years, IReadOnlyList<PledgeCountyFigure> Counties, decimal? AmountTarget, int? CountTarget);

/// <summary>
/// The dashboard's pledge financing (质押融资): amount and count of pledges by year of registration and by county,
/// against the configured annual targets. Every registered pledge counts in its year, released or not, as cities
/// report the financing obtained.
/// </summary>
public sealed class PledgeFinancingViewComponent(MarketplaceDbContext db, IOptions<PledgeOptions> options) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await FiguresAsync(db, options.Value));

    public static async Task<PledgeFinancingFigures> FiguresAsync(MarketplaceDbContext db, PledgeOptions options, CancellationToken cancellationToken = default)
    {
        // Amounts summed in memory: SQLite stores decimals as text and cannot add them.
        var rows = await db.PledgeRecords.AsNoTracking().Select(p => new { p.RegisteredOn, p.County, p.AmountYuan }).ToListAsync(cancellationToken);
        var years = rows.GroupBy(r => r.RegisteredOn.Year).OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var amount = g.Sum(r => r.AmountYuan);
                return new PledgeYearFigure(g.Key, g.Count(), amount, Percent(amount, options.AnnualAmountTargetYuan), Percent(g.Count(), options.AnnualCountTarget));
            }).ToList();
        var counties = rows.GroupBy(r => (r.RegisteredOn.Year, r.County)).OrderByDescending(g => g.Key.Year).ThenBy(g => g.Key.County ?? "\uffff", StringComparer.Ordinal)
            .Select(g => new PledgeCountyFigure(g.Key.Year, g.Key.County, g.Count(), g.Sum(r => r.AmountYuan))).ToList();
        return new PledgeFinancingFigures(years, counties, options.AnnualAmountTargetYuan, options.AnnualCountTarget);
    }

    private static int? Percent(decimal value, decimal? target) => target is > 0 ? (int)Math.Min(100m, Math.Floor(value * 100m / target.Value)) : null;
}

/// <summary>On a patent's page: the pledges that bind it, so a buyer or licensee knows the pledgee must consent.</summary>
public sealed class PledgeNoticeViewComponent(PledgeService pledges) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string patentId)
    {
        var binding = await pledges.InForceForPatentAsync(patentId);
        return binding.Count == 0 ? Content("") : View(binding);
    }
}
