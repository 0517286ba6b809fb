using Marketplace.Web.Samples;

namespace Marketplace.Web.IndexLabels;

/// <summary>
/// Once the first-start load has finished, brings every registered <see cref="IIndexLabel"/> in line on every patent it
/// ever touched (writing it where it holds, removing stale ones), in one write and one commit, so a freshly loaded or
/// rebuilt index agrees with the database. A label whose database query fails is logged and left out; the others go on.
/// </summary>
public sealed partial class IndexLabelSync(IServiceScopeFactory scopes, SampleLoadStatus samples, ILogger<IndexLabelSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await samples.Finished.WaitAsync(stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            var writer = scope.ServiceProvider.GetRequiredService<IndexLabelWriter>();
            var changes = new IndexLabelChanges();
            var counts = new List<(IIndexLabel Label, int Touched, int Carried)>();
            foreach (var label in writer.Labels)
            {
                try
                {
                    var touched = await label.TouchedAsync(stoppingToken);
                    var carried = touched.Count == 0 ? new HashSet<string>() : await label.CarriedByAsync(touched, stoppingToken);
                    changes.Add(label, touched, carried);
                    counts.Add((label, touched.Count, carried.Count));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogLabelFailed(logger, label.Facet, ex);
                }
            }
            await writer.WriteAsync(changes, stoppingToken);
            foreach (var (label, touched, carried) in counts) LogSynced(logger, label.Facet, touched, carried);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Index label {Facet} synchronised on {Touched} patents, {Carried} of which carry it")]
    private static partial void LogSynced(ILogger logger, string facet, int touched, int carried);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Warning, Message = "Index label {Facet} could not be read for synchronisation; the other labels go on")]
    private static partial void LogLabelFailed(ILogger logger, string facet, Exception exception);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Warning, Message = "Index labels could not be synchronised")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
