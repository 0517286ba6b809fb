using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;

namespace Marketplace.Web.Acquisition;

/// <summary>
/// Packages (专利组合/专利池) built by operators from the portfolio's acquired patents and/or high-value patents of one
/// industry chain, shown in the licensing catalogue and on each member patent's page, with one contract.
/// </summary>
public sealed class PackageService(MarketplaceDbContext db, IPatentIndex index, AuditLog audit, TimeProvider clock)
{
    public Task<PatentPackage?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.PatentPackages.Include(p => p.Patents).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public async Task<IReadOnlyList<PatentPackage>> AllAsync(CancellationToken cancellationToken = default) =>
        [.. (await db.PatentPackages.Include(p => p.Patents).ToListAsync(cancellationToken)).OrderByDescending(p => p.CreatedAt)];

    /// <summary>Packages matching the catalogue's words (name, description, a member's number or title), newest first.</summary>
    public async Task<IReadOnlyList<PatentPackage>> CatalogueAsync(string? text, CancellationToken cancellationToken = default)
    {
        var all = await AllAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text)) return all;
        var t = text.Trim();
        return [.. all.Where(p => p.Name.Contains(t, StringComparison.OrdinalIgnoreCase) || p.Description.Contains(t, StringComparison.OrdinalIgnoreCase)
            || p.Patents.Any(m => m.PatentId.Contains(t, StringComparison.OrdinalIgnoreCase) || m.Title.Contains(t, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The packages a patent belongs to (the patent page), read from the database.</summary>
    public async Task<IReadOnlyList<PatentPackage>> OfPatentAsync(string patentId, CancellationToken cancellationToken = default)
    {
        var ids = db.PackagedPatents.Where(p => p.PatentId == patentId).Select(p => p.PackageId);
        return [.. (await db.PatentPackages.Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken)).OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A package of the named patents: each must be in the portfolio (acquired through a pool) or a high-value patent of
    /// the package's chain in the index. At least <see cref="PatentPackage.MinPatents"/>.
    /// </summary>
    public async Task<PatentPackage> CreateAsync(LicensingActor actor, string? name, string? chainId, string? description, IReadOnlyList<string> patentIds, long? askingPriceFen,
        PackageDeal deal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var wanted = patentIds.Select(p => p.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count < PatentPackage.MinPatents) throw new AcquisitionRuleException(AcquisitionFields.Patents, "A package holds at least {0} patents.", PatentPackage.MinPatents);
        var acquired = (await db.AcquisitionCandidates.Where(c => wanted.Contains(c.PatentId) && c.Stage == CandidateStage.Acquired).Select(c => c.PatentId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var records = await index.GetManyAsync(wanted, cancellationToken);
        var chain = string.IsNullOrWhiteSpace(chainId) ? null : chainId.Trim();
        var members = new List<CandidateSnapshot>();
        foreach (var id in wanted)
        {
            if (!records.TryGetValue(id, out var record)) throw new AcquisitionRuleException(AcquisitionFields.Patents, "Patent {0} is not in the index.", id);
            var highValueOfChain = chain is not null && LabelFacets.ValuesOf(record, LabelFacets.HighValue).Contains("true")
                && LabelFacets.ValuesOf(record, LabelFacets.Chain).Contains(chain);
            if (!acquired.Contains(id) && !highValueOfChain)
                throw new AcquisitionRuleException(AcquisitionFields.Patents, "Patent {0} is neither in the portfolio nor a high-value patent of the package's chain.", id);
            members.Add(AcquisitionService.Snapshot(record));
        }
        var package = PatentPackage.Create(name, chain, description, members, askingPriceFen, deal, AcquisitionService.HolderOf(actor), actor.UserId, clock.GetUtcNow().UtcDateTime);
        db.PatentPackages.Add(package);
        audit.Add(AcquisitionAuditActions.PackageCreated, actor.Organization?.Id, package.Reference, string.Join(",", package.Patents.Select(p => p.PatentId)));
        await db.SaveChangesAsync(cancellationToken);
        return package;
    }
}
