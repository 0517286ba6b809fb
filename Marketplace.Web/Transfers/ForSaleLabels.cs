using Marketplace.Web.Data;
using Marketplace.Web.Samples;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;

namespace Marketplace.Web.Transfers;

/// <summary>
/// Writes the "for sale" label (转让中) into the index for patents whose listing takes offers, and removes it
/// otherwise; only this label, through the same label writes as the open-licence label. The applicant stays as
/// the index has it: a recorded transfer is shown on the patent page, never rewritten into the record.
/// </summary>
public sealed class ForSaleLabels(MarketplaceDbContext db, IPatentIndex index)
{
    public async Task RefreshAsync(IEnumerable<string> patentIds, CancellationToken cancellationToken = default)
    {
        var ids = patentIds.Distinct(StringComparer.Ordinal).ToList();
        var forSale = (await db.TransferListings
                .Where(l => ids.Contains(l.PatentId) && (l.Status == TransferStatus.Listed || l.Status == TransferStatus.UnderNegotiation) && l.AcceptedOfferId == null)
                .Select(l => l.PatentId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var changes = ids.ToDictionary(id => id,
            id => forSale.Contains(id) ? LabelChanges.Label(LabelFacets.ForSale, LabelFacets.ForSaleListed) : LabelChanges.Label(LabelFacets.ForSale),
            StringComparer.Ordinal);
        var epoch = index.WriteEpoch;
        if (await index.SetLabelsAsync(changes, cancellationToken) == 0) return;
        await index.CommitSinceAsync(epoch, cancellationToken);
    }
}

/// <summary>Once the first-start load has finished, labels every listed patent, so a fresh or rebuilt index agrees with the database.</summary>
public sealed partial class ForSaleLabelSync(IServiceScopeFactory scopes, SampleLoadStatus samples, ILogger<ForSaleLabelSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await samples.Finished.WaitAsync(stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var ids = await db.TransferListings.Select(l => l.PatentId).Distinct().ToListAsync(stoppingToken);
            if (ids.Count > 0) await scope.ServiceProvider.GetRequiredService<ForSaleLabels>().RefreshAsync(ids, stoppingToken);
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

    [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "For-sale labels synchronised for {Count} listed patents")]
    private static partial void LogSynced(ILogger logger, int count);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Warning, Message = "For-sale labels could not be synchronised")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
