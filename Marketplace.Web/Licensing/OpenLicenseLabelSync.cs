using Marketplace.Web.Data;
using Marketplace.Web.Samples;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Licensing;

/// <summary>
/// Once the first-start load has finished, writes the open-licence label for every published declaration
/// into the index (and removes stale ones), so a freshly loaded or rebuilt index agrees with the database.
/// </summary>
public sealed partial class OpenLicenseLabelSync(IServiceScopeFactory scopes, SampleLoadStatus samples, ILogger<OpenLicenseLabelSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await samples.Finished.WaitAsync(stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var ids = await db.DeclaredPatents.Select(p => p.PatentId).Distinct().ToListAsync(stoppingToken);
            if (ids.Count > 0) await scope.ServiceProvider.GetRequiredService<OpenLicenseLabels>().RefreshAsync(ids, stoppingToken);
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

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Open-licence labels synchronised for {Count} declared patents")]
    private static partial void LogSynced(ILogger logger, int count);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Open-licence labels could not be synchronised")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
