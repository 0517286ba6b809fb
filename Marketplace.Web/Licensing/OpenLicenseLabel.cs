using Marketplace.Web.Data;
using Marketplace.Web.IndexLabels;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;

namespace Marketplace.Web.Licensing;

/// <summary>
/// The index's <see cref="LabelFacets.OpenLicense"/> label: a patent carries <see cref="LabelFacets.OpenLicenseAvailable"/>
/// exactly while a published declaration covers it.
/// </summary>
public sealed class OpenLicenseLabel(MarketplaceDbContext db) : IIndexLabel
{
    public string Facet => LabelFacets.OpenLicense;

    public string Value => LabelFacets.OpenLicenseAvailable;

    public async Task<IReadOnlySet<string>> CarriedByAsync(IReadOnlyCollection<string> patentIds, CancellationToken cancellationToken = default) =>
        (await db.DeclaredPatents
            .Where(p => patentIds.Contains(p.PatentId))
            .Join(db.OpenLicenseDeclarations.Where(d => d.Status == DeclarationStatus.Published), p => p.DeclarationId, d => d.Id, (p, d) => p.PatentId)
            .ToListAsync(cancellationToken))
        .ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyCollection<string>> TouchedAsync(CancellationToken cancellationToken = default) =>
        await db.DeclaredPatents.Select(p => p.PatentId).Distinct().ToListAsync(cancellationToken);
}
