using Analytics.Valuation;
using Marketplace.Web.Data;
using Marketplace.Web.Valuation;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;

namespace Marketplace.Web.Transfers;

/// <summary>
/// Completed transfers as comparables for valuations: a listing paid (or paid and recorded) at its accepted price, of a
/// patent the index places in the subject's industry chain, paid by the valuation date. The listing keeps no chain or
/// filing date, so both are read from the patent's record; a patent gone from the index is left out.
/// </summary>
public sealed class TransferComparables(MarketplaceDbContext db, IPatentIndex index) : IComparableTransactions
{
    public async Task<IReadOnlyList<ComparableTransaction>> FindAsync(ComparableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.ChainId is null) return [];
        var until = query.Until.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        var paid = (await db.TransferListings.AsNoTracking()
                .Where(l => (l.Status == TransferStatus.Paid || l.Status == TransferStatus.Recorded) && l.PriceFen > 0 && l.PaidAt != null && l.PaidAt <= until)
                .Select(l => new { l.Reference, l.PatentId, l.PatentTitle, l.PriceFen, l.PaidAt })
                .ToListAsync(cancellationToken))
            .Where(l => !query.ExcludedPatentIds.Contains(l.PatentId))
            .ToList();
        if (paid.Count == 0) return [];
        var records = await index.GetManyAsync([.. paid.Select(l => l.PatentId).Distinct(StringComparer.Ordinal)], cancellationToken);
        return [.. paid
            .Where(l => records.TryGetValue(l.PatentId, out var r) && LabelFacets.ValuesOf(r, LabelFacets.Chain).Contains(query.ChainId, StringComparer.Ordinal))
            .Select(l =>
            {
                var record = records[l.PatentId];
                var day = DateOnly.FromDateTime(l.PaidAt!.Value);
                return new ComparableTransaction(l.Reference, ComparableKind.Transfer, l.PatentId, l.PatentTitle, day, l.PriceFen!.Value / 100m, 1,
                    StatutoryLife.RemainingYears(record.DocumentType, record.ApplicationDate, day), query.ChainId);
            })
            .OrderByDescending(c => c.Date)];
    }
}
