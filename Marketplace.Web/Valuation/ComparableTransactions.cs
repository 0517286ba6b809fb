using Analytics.Valuation;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Valuation;

/// <summary>What a valuation looks for: transactions in the subject's industry chain up to the valuation date, not of the subject's own patents.</summary>
public sealed record ComparableQuery(string? ChainId, DateOnly Until, IReadOnlySet<string> ExcludedPatentIds);

/// <summary>
/// A source of the platform's own transactions for the market approach. Licensing's licences are one; a feature that
/// records transfers registers another (<c>services.AddScoped&lt;IComparableTransactions, …&gt;()</c>) and valuations
/// list its transfers beside the licences, without this folder knowing it.
/// </summary>
public interface IComparableTransactions
{
    Task<IReadOnlyList<ComparableTransaction>> FindAsync(ComparableQuery query, CancellationToken cancellationToken = default);
}

/// <summary>
/// Licences taken on the platform with an upfront fee (lump sum or entry fee) whose declaration covers a patent of the
/// chain: the fee is the price, shared over the declaration's patents. Royalty-only and free licences have no price.
/// </summary>
public sealed class LicenceComparables(MarketplaceDbContext db) : IComparableTransactions
{
    public async Task<IReadOnlyList<ComparableTransaction>> FindAsync(ComparableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.ChainId is null) return [];
        var until = query.Until.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        var orders = await db.LicenseOrders.AsNoTracking()
            .Where(o => o.UpfrontFen > 0 && o.EffectiveAt != null && o.EffectiveAt <= until
                && (o.Status == LicenseStatus.Effective || o.Status == LicenseStatus.Recorded || o.Status == LicenseStatus.Expired))
            .Join(db.OpenLicenseDeclarations.AsNoTracking().Include(d => d.Patents), o => o.DeclarationId, d => d.Id, (o, d) => new { o.Reference, o.UpfrontFen, o.EffectiveAt, Declaration = d })
            .ToListAsync(cancellationToken);
        return [.. orders
            .Where(o => o.Declaration.Patents.Any(p => p.Chain == query.ChainId) && !o.Declaration.Patents.Any(p => query.ExcludedPatentIds.Contains(p.PatentId)))
            .Select(o =>
            {
                var day = DateOnly.FromDateTime(o.EffectiveAt!.Value);
                var first = o.Declaration.Patents.OrderBy(p => p.PatentId, StringComparer.Ordinal).First();
                var left = o.Declaration.Patents.Select(p => StatutoryLife.RemainingYears(p.DocumentType, p.ApplicationDate, day)).Where(y => y is not null).DefaultIfEmpty(null).Max();
                return new ComparableTransaction(o.Reference, ComparableKind.License, first.PatentId, first.Title, day, o.UpfrontFen / 100m, o.Declaration.Patents.Count, left, query.ChainId);
            })
            .OrderByDescending(c => c.Date)];
    }
}
