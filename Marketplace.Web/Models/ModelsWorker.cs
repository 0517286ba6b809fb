using Analytics;
using Marketplace.Web.Samples;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;

namespace Marketplace.Web.Models;

/// <summary>
/// The site's background model work (issue 15 §3), one pass at a time on the site's index writer: a pending training
/// request (kept in the models folder, so one left by a crash runs after the restart) trains a candidate version that
/// is activated only if it passes validation, and the index is relabelled when the active version changed; then the
/// value cohorts are relearnt when enough records were added or removed, relabelling only the records whose value
/// moved. Starts after the start-up labelling, which trains the first version itself; the active version serves throughout.
/// </summary>
public sealed partial class ModelsWorker(
    IPatentIndex index,
    PatentAnalytics analytics,
    LabelStatus labels,
    ModelWork work,
    IOptions<ModelsOptions> options,
    TimeProvider clock,
    ILogger<ModelsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await Task.Yield();
        try
        {
            var removed = analytics.Store.CleanUp();
            if (removed > 0) LogCleaned(logger, removed, analytics.Store.Root);
            await labels.Finished.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(stoppingToken);
                await work.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a training under way leaves its request, so the next start trains again.
        }
    }

    /// <summary>One pass: a requested training, a relabel if the active version changed, a cohort refresh if enough changed.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        var relabel = work.TakeRelabel();
        try
        {
            if (analytics.Store.PendingRequest() is { } request)
            {
                work.Enter(ModelWorkState.Training, clock.GetUtcNow());
                LogTraining(logger, request.RequestedBy, request.Reason, request.RequestedAt);
                try
                {
                    // CPU-bound and partly synchronous: off the host's threads.
                    var outcome = await Task.Run(() => analytics.TrainVersionAsync(index.ExportAsync(ct), null, ct), ct);
                    LogTrained(logger, outcome.Manifest.Version, outcome.Activated, outcome.Reason);
                    relabel |= outcome.Activated;
                    work.Leave();
                }
                catch (InvalidOperationException ex)
                {
                    // The corpus cannot train a model (e.g. too few chains): asking again would fail the same way.
                    LogTrainingFailed(logger, ex);
                    work.Leave();
                }
                analytics.Store.CompleteRequest();
            }
            if (relabel)
            {
                work.Enter(ModelWorkState.Relabelling, clock.GetUtcNow());
                var summary = await Task.Run(() => analytics.LabelIndexAsync(index, null, ct), ct);
                LogRelabelled(logger, summary.Records, summary.Elapsed.TotalSeconds);
                work.Leave();
            }
            if (analytics.TrainedManifest() is not null)
            {
                var refresh = await Task.Run(() => analytics.RefreshCohortsIfChangedAsync(index, null, ct), ct);
                if (refresh.Refreshed) LogCohorts(logger, refresh.Records, refresh.Relabelled);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
            work.Leave();
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Removed {Count} unfinished model folder(s) an interrupted training left in {Folder}")]
    private static partial void LogCleaned(ILogger logger, int count, string folder);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Training a model version, asked by {RequestedBy} ({Reason}) at {RequestedAt}")]
    private static partial void LogTraining(ILogger logger, string requestedBy, string reason, DateTimeOffset requestedAt);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Model version {Version} trained; activated: {Activated} ({Reason})")]
    private static partial void LogTrained(ILogger logger, int version, bool activated, string reason);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Error, Message = "Training failed; the active model keeps serving")]
    private static partial void LogTrainingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Information, Message = "Relabelled {Records} records with the active model in {Seconds:0.0} s")]
    private static partial void LogRelabelled(ILogger logger, long records, double seconds);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Information, Message = "Value cohorts relearnt from {Records} records; {Relabelled} records whose value index moved were relabelled")]
    private static partial void LogCohorts(ILogger logger, long records, long relabelled);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Error, Message = "Background model work failed; it tries again at its next pass")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
