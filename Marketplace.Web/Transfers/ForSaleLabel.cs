using Marketplace.Web.Data;
using Marketplace.Web.IndexLabels;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;

namespace Marketplace.Web.Transfers;

/// <summary>
/// The index's "for sale" label (转让中): a patent carries <see cref="LabelFacets.ForSaleListed"/> while its listing takes
/// offers. The applicant stays as the index has it: a recorded transfer is shown on the patent page, never rewritten into the record.
/// </summary>
public sealed class ForSaleLabel(MarketplaceDbContext db) : IIndexLabel
{
    public string Facet => LabelFacets.ForSale;

    public string Value => LabelFacets.ForSaleListed;

    public async Task<IReadOnlySet<string>> CarriedByAsync(IReadOnlyCollection<string> patentIds, CancellationToken cancellationToken = default) =>
        (await db.TransferListings
            .Where(l => patentIds.Contains(l.PatentId) && (l.Status == TransferStatus.Listed || l.Status == TransferStatus.UnderNegotiation) && l.AcceptedOfferId == null)
            .Select(l => l.PatentId).ToListAsync(cancellationToken))
        .ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyCollection<string>> TouchedAsync(CancellationToken cancellationToken = default) =>
        await db.TransferListings.Select(l => l.PatentId).Distinct().ToListAsync(cancellationToken);
}
