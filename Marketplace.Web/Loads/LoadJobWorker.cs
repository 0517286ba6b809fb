using Analytics;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;
using Search.Indexer.Loading;

namespace Marketplace.Web.Loads;

/// <summary>
/// Runs queued loads one at a time with the site's index writer: claims a job, loads its file (a .zip expanded
/// first) with the loader, labels each committed batch right after it is written, and writes progress, a heartbeat
/// and the last checkpoint to the job every second. A load left running by a crash or restart is claimed again once
/// its heartbeat is stale and read from the start: the loader merges what it finds, so nothing is loaded twice.
/// A cancel stops at the next commit.
/// </summary>
public sealed partial class LoadJobWorker(
    IServiceScopeFactory scopes,
    IPatentIndex index,
    PatentLoader loader,
    PatentAnalytics analytics,
    LoadFolders folders,
    LoadJobSignal signal,
    IOptions<LoadsOptions> options,
    TimeProvider clock,
    ILogger<LoadJobWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Guid? claimed;
                await using (var scope = scopes.CreateAsyncScope())
                    claimed = await scope.ServiceProvider.GetRequiredService<LoadJobService>().ClaimNextAsync(options.Value.StaleAfter, stoppingToken);
                if (claimed is { } id)
                {
                    await RunAsync(id, stoppingToken);
                    continue;
                }
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database was unreachable or a job could not be recorded: try again after a pause.
                LogWorkerProblem(logger, ex);
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task RunAsync(Guid id, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<LoadJobService>();
        var job = await jobs.ClaimedAsync(id, stoppingToken);
        job.BeginRun(Now());
        await jobs.SaveAsync(stoppingToken);
        LogStarting(logger, job.Id, job.FileName, job.Format, job.Bytes, job.Attempts);

        using var stop = new CancellationTokenSource();
        var progressLock = new Lock();
        LoadProgress? latest = null;
        long committedRecords = 0;
        DateTime? committedAt = null;
        ArrivingRecordLabeller? labeller = null;
        var labelsFailed = false;
        try
        {
            var quarantine = folders.QuarantineFolder(job.Id);
            if (Directory.Exists(quarantine)) Directory.Delete(quarantine, recursive: true);
            var input = folders.UploadPath(job);
            if (job.Format == LoadJob.ZipFormat)
            {
                var expanded = folders.ExpandedFolder(job.Id);
                await Task.Run(() => ZipUploads.Expand(input, expanded, options.Value, stoppingToken), stoppingToken);
                input = expanded;
            }

            var load = new LoadOptions
            {
                QuarantineFolder = quarantine,
                CommitEvery = options.Value.CommitEvery,
                BatchSize = Math.Min(2_000, options.Value.CommitEvery),
                Stop = stop.Token,
                Committed = async (ids, ct) =>
                {
                    if (!labelsFailed)
                    {
                        try
                        {
                            // Opened at the first commit, so a first load into an empty index has records to train on.
                            labeller ??= await analytics.OpenArrivingLabellerAsync(index, null, ct);
                            await labeller.LabelAsync(ids, ct);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            labelsFailed = true;
                            LogLabelsFailed(logger, ex, job.Id);
                        }
                    }
                    lock (progressLock)
                    {
                        committedRecords += ids.Count;
                        committedAt = Now();
                    }
                },
            };
            var progress = new Progress<LoadProgress>(p => { lock (progressLock) latest = p; });
            var running = loader.LoadAsync([input], load, progress, stoppingToken);

            // Every second: progress and heartbeat out, a cancel request in.
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(ProgressInterval, clock, stoppingToken));
                lock (progressLock)
                {
                    if (latest is not null) job.Report(latest, Now());
                    else job.Beat(Now());
                    if (committedAt is { } at) job.Checkpoint(committedRecords, at);
                }
                await jobs.SaveAsync(stoppingToken);
                if (!stop.IsCancellationRequested && await jobs.CancelRequestedAsync(job.Id, stoppingToken))
                {
                    LogCancelling(logger, job.Id);
                    await stop.CancelAsync();
                }
            }
            var summary = await running;
            // The labels of the last batch were written after its commit: make them durable too.
            await index.CommitAsync(stoppingToken);
            if (committedAt is { } last) job.Checkpoint(committedRecords, last);
            if (labelsFailed) job.SkipLabels();
            job.Finish(summary, Now());
            await jobs.SaveAsync(stoppingToken);
            LogFinished(logger, job.Id, job.State, summary.Added, summary.Merged, summary.Unchanged, summary.Quarantined, summary.RecordsPerSecond);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: the job stays Running and is taken over after the restart.
            LogInterrupted(logger, job.Id);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, job.Id);
            job.Fail(Hardening.DiskFull.Describe(ex), Now());
            await jobs.SaveAsync(CancellationToken.None);
        }
        finally
        {
            labeller?.Dispose();
            var expanded = folders.ExpandedFolder(job.Id);
            if (job.IsFinished && Directory.Exists(expanded))
            {
                try { Directory.Delete(expanded, recursive: true); } catch (IOException) { }
            }
        }
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Load {JobId} started: {FileName} ({Format}, {Bytes} bytes), attempt {Attempt}")]
    private static partial void LogStarting(ILogger logger, Guid jobId, string fileName, string format, long bytes, int attempt);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Load {JobId} ended {State}: {Added} added, {Merged} merged, {Unchanged} unchanged, {Quarantined} quarantined ({Rate:F0} records/s)")]
    private static partial void LogFinished(ILogger logger, Guid jobId, LoadJobState state, long added, long merged, long unchanged, long quarantined, double rate);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Load {JobId} asked to stop: it stops at its next commit")]
    private static partial void LogCancelling(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Load {JobId} interrupted by the host stopping; it resumes after the restart")]
    private static partial void LogInterrupted(ILogger logger, Guid jobId);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Error, Message = "Load {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Error, Message = "Load {JobId}: labelling on the way in failed; records are loaded and labelled by the next full labelling")]
    private static partial void LogLabelsFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Error, Message = "The load worker could not claim or record a job; trying again")]
    private static partial void LogWorkerProblem(ILogger logger, Exception exception);
}
