using Analytics.HighValue;
using Marketplace.Web.Data;
using Marketplace.Web.Samples;
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
/// Keeps the index's <see cref="LabelFacets.Pledge"/> label in step with the register, as the open-licence label is kept
/// with declarations: a patent carries <see cref="LabelFacets.Pledged"/> exactly while a pledge binds it.
/// </summary>
public sealed class PledgeLabels(IPledgeRegister register, IPatentIndex index)
{
    public async Task RefreshAsync(IEnumerable<string> patentIds, CancellationToken cancellationToken = default)
    {
        var ids = patentIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return;
        var pledged = await register.PledgedAsync(ids, cancellationToken);
        // Only this label, on the record as stored when written: labelling running meanwhile keeps its labels, and this one stays.
        var changes = ids.ToDictionary(id => id,
            id => pledged.Contains(id) ? LabelChanges.Label(LabelFacets.Pledge, LabelFacets.Pledged) : LabelChanges.Label(LabelFacets.Pledge),
            StringComparer.Ordinal);
        var epoch = index.WriteEpoch;
        if (await index.SetLabelsAsync(changes, cancellationToken) == 0) return;
        await index.CommitSinceAsync(epoch, cancellationToken);
    }
}

/// <summary>
/// Once the first-start load has finished, writes the pledge label for every patent the register names (and removes
/// it where pledges were released), so a freshly loaded or rebuilt index agrees with the register.
/// </summary>
public sealed partial class PledgeLabelSync(IServiceScopeFactory scopes, SampleLoadStatus samples, ILogger<PledgeLabelSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await samples.Finished.WaitAsync(stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var ids = await db.PledgedPatents.Select(p => p.PatentId).Distinct().ToListAsync(stoppingToken);
            await scope.ServiceProvider.GetRequiredService<PledgeLabels>().RefreshAsync(ids, stoppingToken);
            LogSynced(logger, ids.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Pledge labels synchronised for {Count} pledged patents")]
    private static partial void LogSynced(ILogger logger, int count);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "Pledge labels could not be synchronised")]
    private static partial void LogFailed(ILogger logger, Exception exception);
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
