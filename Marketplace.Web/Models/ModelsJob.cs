using Analytics;
using Marketplace.Web.Jobs;
using Marketplace.Web.Samples;
using Microsoft.Extensions.Options;
using Quartz;
using Search.Indexer.Engine;

namespace Marketplace.Web.Models;

/// <summary>
/// The site's background model work (issue 15 §3) as a durable job (ADR-019), one pass at a time on the site's index
/// writer: a pending training request (kept in the models folder, so one left by a crash runs after the restart) trains
/// a candidate version that is activated only if it passes validation, and the index is relabelled when the active
/// version changed; then the value cohorts are relearnt when enough records were added or removed, relabelling only the
/// records whose value moved, though not while a load runs (<see cref="ModelWork.LoadRunning"/>, ADR-029). It recurs
/// every <see cref="ModelsOptions.PollInterval"/> and runs at once when an operator asks (<see cref="RunSoonAsync"/>); a
/// pass that found nothing to do leaves no run on /admin/jobs (ADR-027). It waits for the start-up labelling, which
/// trains the first version itself; the active version serves throughout.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class ModelsJob(
    IPatentIndex index,
    PatentAnalytics analytics,
    LabelStatus labels,
    ModelWork work,
    JobProgress progress,
    IHostApplicationLifetime lifetime,
    IOptions<ModelsOptions> options,
    TimeProvider clock,
    ILogger<ModelsJob> logger) : IJob
{
    public const string JobName = "models";
    public const string Title = "Model training and corpus statistics";

    /// <summary>The group of the one-off "run now" requests, apart from the recurring job of the same work.</summary>
    public const string RequestGroup = "models";

    /// <summary>Queues a pass now (a training asked on the page, a relabel after an activation); false when one is already queued.</summary>
    public static Task<bool> RunSoonAsync(JobRequests jobs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return jobs.EnqueueAsync<ModelsJob>(RequestGroup, "run-now", Title, new Dictionary<string, string>(), ct);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!options.Value.Enabled)
        {
            context.Result = NothingToDo.Result;
            return;
        }
        await labels.Finished.WaitAsync(cancellationToken);
        await work.EnterPassAsync(cancellationToken);
        try
        {
            // Inside the gate: no training of this process is writing a version now, so a temporary folder is a dead one's.
            var removed = analytics.Store.CleanUp();
            if (removed > 0) LogCleaned(logger, removed, analytics.Store.Root);
            if (!await RunPassAsync(phase => progress.ReportAsync(context, phase), cancellationToken))
                context.Result = NothingToDo.Result;
        }
        finally
        {
            work.LeavePass();
        }
    }

    /// <summary>
    /// One pass: a requested training, a relabel if the active version changed, a cohort refresh if enough changed.
    /// False when it found none of these to do. A training the corpus cannot make fails the run once (its request is
    /// dropped, as asking again would fail the same way); an operator's cancel drops the request too, while a host
    /// stopping leaves it for the next start.
    /// </summary>
    private async Task<bool> RunPassAsync(Func<string, Task> report, CancellationToken ct)
    {
        var relabel = work.TakeRelabel();
        var did = false;
        string? failure = null;
        try
        {
            if (analytics.Store.PendingRequest() is { } request)
            {
                did = true;
                await report("Training a model version");
                work.Enter(ModelWorkState.Training, clock.GetUtcNow());
                LogTraining(logger, request.RequestedBy, request.Reason, request.RequestedAt);
                try
                {
                    // CPU-bound and partly synchronous: off the scheduler's threads.
                    var outcome = await Task.Run(() => analytics.TrainVersionAsync(index.ExportAsync(ct), null, ct), ct);
                    LogTrained(logger, outcome.Manifest.Version, outcome.Activated, outcome.Reason);
                    relabel |= outcome.Activated;
                }
                catch (InvalidOperationException ex)
                {
                    LogTrainingFailed(logger, ex);
                    failure = ex.Message;
                }
                catch (OperationCanceledException) when (!lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    // An operator's cancel: the request is withdrawn, or the next pass would train again at once.
                    analytics.Store.CompleteRequest();
                    throw;
                }
                finally
                {
                    work.Leave();
                }
                analytics.Store.CompleteRequest();
            }
            if (relabel)
            {
                did = true;
                await report("Relabelling the index with the active model version");
                work.Enter(ModelWorkState.Relabelling, clock.GetUtcNow());
                try
                {
                    var summary = await Task.Run(() => analytics.LabelIndexAsync(index, null, ct), ct);
                    LogRelabelled(logger, summary.Records, summary.Elapsed.TotalSeconds);
                    relabel = false;
                }
                finally
                {
                    work.Leave();
                }
            }
            if (analytics.TrainedManifest() is null)
            {
                // No model yet: nothing is labelled, so there are no cohorts to relearn.
            }
            else if (work.LoadRunning)
                LogCohortsWait(logger);
            else
            {
                var refresh = await Task.Run(() => analytics.RefreshCohortsIfChangedAsync(index, null, ct), ct);
                if (refresh.Refreshed)
                {
                    did = true;
                    LogCohorts(logger, refresh.Records, refresh.Relabelled);
                }
            }
        }
        finally
        {
            // A relabel that did not happen (a cancel, a failure) is asked again of the next pass.
            if (relabel) work.RequestRelabel();
        }
        if (failure is not null) throw new JobExecutionException(failure);
        return did;
    }

    [LoggerMessage(EventId = 1509, Level = LogLevel.Debug, Message = "A load is running: the value cohorts are relearnt after it ends")]
    private static partial void LogCohortsWait(ILogger logger);

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
}
