using Analytics.HighValue;
using Marketplace.Web.Data;
using Marketplace.Web.IndexLabels;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;

namespace Marketplace.Web.Pledges;

/// <summary>
/// Whether a patent is under a pledge not yet released, for features that must refuse what a pledge forbids: a transfer
/// (or a licence) of a pledged patent needs the pledgee's consent, so they are refused until release.
/// </summary>
public interface IPledgeRegister
{
    Task<bool> IsPledgedAsync(string patentId, CancellationToken cancellationToken = default);

    /// <summary>Of <paramref name="patentIds"/>, those under a pledge today.</summary>
    Task<IReadOnlySet<string>> PledgedAsync(IEnumerable<string> patentIds, CancellationToken cancellationToken = default);
}

internal sealed class PledgeRegister(MarketplaceDbContext db, TimeProvider clock) : IPledgeRegister
{
    public async Task<bool> IsPledgedAsync(string patentId, CancellationToken cancellationToken = default) =>
        (await PledgedAsync([patentId], cancellationToken)).Count > 0;

    public async Task<IReadOnlySet<string>> PledgedAsync(IEnumerable<string> patentIds, CancellationToken cancellationToken = default)
    {
        var ids = patentIds.Distinct(StringComparer.Ordinal).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var candidates = await db.PledgeRecords.Include(p => p.Patents)
            .Where(p => p.ReleasedOn == null || p.ReleasedOn > today)
            .Where(p => p.Patents.Any(x => ids.Contains(x.PatentId)))
            .ToListAsync(cancellationToken);
        return candidates.Where(r => r.InForceOn(today)).SelectMany(r => r.Patents.Select(p => p.PatentId))
            .Where(ids.Contains).ToHashSet(StringComparer.Ordinal);
    }
}

/// <summary>
/// The index's <see cref="LabelFacets.Pledge"/> label: a patent carries <see cref="LabelFacets.Pledged"/> exactly while a
/// pledge in the register binds it.
/// </summary>
public sealed class PledgeLabel(IPledgeRegister register, MarketplaceDbContext db) : IIndexLabel
{
    public string Facet => LabelFacets.Pledge;

    public string Value => LabelFacets.Pledged;

    public Task<IReadOnlySet<string>> CarriedByAsync(IReadOnlyCollection<string> patentIds, CancellationToken cancellationToken = default) =>
        register.PledgedAsync(patentIds, cancellationToken);

    public async Task<IReadOnlyCollection<string>> TouchedAsync(CancellationToken cancellationToken = default) =>
        await db.PledgedPatents.Select(p => p.PatentId).Distinct().ToListAsync(cancellationToken);
}

/// <summary>
/// High-value criterion 4 (relatively high pledge financing) reads the register instead of an uploaded list. A pledge
/// of several patents secures one loan: each patent is credited its equal share, so a package of twenty patents behind
/// one loan does not make each of them "high". Released pledges count too: the criterion asks whether the patent
/// obtained financing, not whether it is pledged now.
/// </summary>
internal sealed class RegisteredPledgeFinancing(IServiceScopeFactory scopes) : IPledgeFinancingSource
{
    public IReadOnlyList<PledgeEntry> Entries()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        // Analytics asks synchronously while it builds its rules; the register is small.
        var records = db.PledgeRecords.AsNoTracking().Include(p => p.Patents).OrderBy(p => p.CreatedAt).ThenBy(p => p.RegistrationNumber).ToList();
        var entries = new List<PledgeEntry>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Patents.Count == 0) continue;
            var share = decimal.Round(r.AmountYuan / r.Patents.Count, 2);
            entries.AddRange(r.Patents.Select(p => new PledgeEntry(p.PatentId, share, r.RegisteredOn, r.PledgeeName, i + 1)));
        }
        return entries;
    }
}
