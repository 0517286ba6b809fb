using Analytics;
using Marketplace.Web.Jobs;
using Marketplace.Web.Models;
using Microsoft.Extensions.Options;
using Quartz;
using Search.Indexer.Engine;
using Search.Indexer.Loading;

namespace Marketplace.Web.Loads;

/// <summary>
/// The job of one queued load (ADR-017, ADR-019): loads its file (a .zip expanded first) with the site's index writer,
/// labels each committed batch right after it is written, and writes progress, a heartbeat and the last checkpoint to the
/// load every second. Loads run one at a time per process. An operator's cancel (on the load's page, or Cancel on
/// /admin/jobs) stops it at its next commit. A host stopping ends the run at once and leaves the load Running; the next
/// start queues it again (<see cref="LoadsResume"/>), and a crash is recovered by the job system. A run reads the file
/// from the start: the loader merges what it finds, so nothing is loaded twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class LoadRunJob(
    IServiceScopeFactory scopes,
    IPatentIndex index,
    PatentLoader loader,
    PatentAnalytics analytics,
    ModelWork modelWork,
    LoadFolders folders,
    JobProgress jobProgress,
    IHostApplicationLifetime lifetime,
    IOptions<LoadsOptions> options,
    TimeProvider clock,
    ILogger<LoadRunJob> logger) : IJob
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <summary>The index has one writer: two loads at once would only contend for it.</summary>
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    private const string LoadIdKey = "load";

    public static Task<bool> QueueAsync(JobRequests queue, Guid id, CancellationToken ct = default) =>
        queue.EnqueueAsync<LoadRunJob>(JobGroups.Loads, id.ToString(), "Data load", new Dictionary<string, string> { [LoadIdKey] = id.ToString() }, ct);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = Guid.Parse(context.MergedJobDataMap.GetString(LoadIdKey)!);
        var stoppingToken = lifetime.ApplicationStopping;
        await OneAtATime.WaitAsync(stoppingToken);
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
                if (!await scope.ServiceProvider.GetRequiredService<LoadJobService>().BeginAsync(id, stoppingToken))
                    return;
            using (modelWork.LoadStarted())
                context.Result = await RunAsync(context, id, stoppingToken);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<JobRunState> RunAsync(IJobExecutionContext context, Guid id, CancellationToken stoppingToken)
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

            // Labelling that fails does not fail the load: its records stay unlabelled, the job says so, the next full
            // labelling adds them.
            async Task LabelAsync(Func<Task> labelling)
            {
                if (labelsFailed) return;
                try
                {
                    await labelling();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    labelsFailed = true;
                    LogLabelsFailed(logger, ex, job.Id);
                }
            }

            // With a model already trained, records new to the index are labelled before they are written, so each is
            // written once; a first load into an empty index opens the labeller at its first commit, to train on it.
            if (analytics.TrainedManifest() is not null)
                await LabelAsync(async () => labeller = await analytics.OpenArrivingLabellerAsync(index, null, stoppingToken));
            var load = new LoadOptions
            {
                QuarantineFolder = quarantine,
                CommitEvery = options.Value.CommitEvery,
                BatchSize = Math.Min(2_000, options.Value.CommitEvery),
                Stop = stop.Token,
                Arriving = (records, ct) => labeller is null ? Task.CompletedTask : LabelAsync(() => labeller.LabelArrivingAsync(records, ct)),
                Committed = async (ids, ct) =>
                {
                    await LabelAsync(async () =>
                    {
                        // Opened at the first commit, so a first load into an empty index has records to train on.
                        labeller ??= await analytics.OpenArrivingLabellerAsync(index, null, ct);
                        await labeller.LabelAsync(ids, ct);
                    });
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
                if (latest is { } shown)
                    await jobProgress.ReportAsync(context, "{0} records read, {1} % of the input", shown.Added + shown.Merged + shown.Unchanged + shown.Quarantined,
                        shown.BytesTotal > 0 ? 100 * shown.BytesDone / shown.BytesTotal : 0);
                if (!stop.IsCancellationRequested && (context.CancellationToken.IsCancellationRequested || await jobs.CancelRequestedAsync(job.Id, stoppingToken)))
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
            return job.State == LoadJobState.Cancelled ? JobRunState.Cancelled : JobRunState.Succeeded;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: the load stays Running and is queued again after the restart.
            LogInterrupted(logger, job.Id);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, job.Id);
            job.Fail(Hardening.DiskFull.Describe(ex), Now());
            await jobs.SaveAsync(CancellationToken.None);
            throw new JobExecutionException(ex);
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

}

/// <summary>At start, queues again every load its table says is unfinished and that has no job (see <see cref="LoadRunJob"/>).</summary>
public sealed class LoadsResume(IServiceScopeFactory scopes) : IJobResume
{
    public async Task ResumeAsync(JobRequests queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        await using var scope = scopes.CreateAsyncScope();
        foreach (var id in await scope.ServiceProvider.GetRequiredService<LoadJobService>().UnfinishedAsync(cancellationToken))
            await LoadRunJob.QueueAsync(queue, id, cancellationToken);
    }
}
