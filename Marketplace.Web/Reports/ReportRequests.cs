using System.Text.Json;
using Analytics;
using Analytics.Reports;
using Marketplace.Web.Jobs;
using Marketplace.Web.Operations;
using Quartz;
using Search.Indexer.Engine;

namespace Marketplace.Web.Reports;

/// <summary>What an operator asked for: the outcome of <see cref="ReportRequests.RequestAsync"/>.</summary>
public sealed record ReportRequestResult(string? Id, IReadOnlyList<(string Field, string Message)> Problems);

/// <summary>
/// Requests of navigation reports: a request is validated, keyed by scope and index version, answered from the cache
/// when that report exists, and otherwise queued as a persisted <see cref="ReportJob"/> (ADR-019), so a report asked
/// for before a crash or restart is still generated afterwards.
/// </summary>
public sealed class ReportRequests(ReportStore store, NavigationReportService reports, IPatentIndex index, JobRequests jobs, TimeProvider clock)
{
    public async Task<ReportRequestResult> RequestAsync(ReportScope scope, CancellationToken ct = default)
    {
        var problems = reports.Validate(scope);
        if (problems.Count > 0) return new ReportRequestResult(null, problems);
        var version = await NavigationReportService.IndexVersionAsync(index, ct);
        var id = ReportStore.IdOf(scope, version);
        var now = clock.GetUtcNow();
        if (store.TryQueue(id, now))
            await jobs.EnqueueAsync<ReportJob>(JobGroups.Reports, id, "Navigation report", ReportJob.Data(scope, now), ct);
        return new ReportRequestResult(id, []);
    }
}

/// <summary>
/// Generates one queued report. One at a time per process (a report reads the whole index: two at once would only share
/// the cores); an operator's cancel stops it at its next progress checkpoint. A host that stops lets it finish first.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReportJob(ReportStore store, NavigationReportService reports, IPatentIndex index, MarketplaceMetrics metrics, JobProgress jobProgress,
    ILogger<ReportJob> logger) : IJob
{
    private const string ScopeKey = "scope";
    private const string RequestedKey = "requested";

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static IReadOnlyDictionary<string, string> Data(ReportScope scope, DateTimeOffset requested) => new Dictionary<string, string>
    {
        [ScopeKey] = JsonSerializer.Serialize(scope),
        [RequestedKey] = requested.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = context.JobDetail.Key.Name;
        var data = context.MergedJobDataMap;
        var scope = JsonSerializer.Deserialize<ReportScope>(data.GetString(ScopeKey)!)!;
        var requested = DateTimeOffset.Parse(data.GetString(RequestedKey)!, System.Globalization.CultureInfo.InvariantCulture);
        var ct = context.CancellationToken;
        await OneAtATime.WaitAsync(ct);
        try
        {
            store.SetProgress(new ReportProgress(id, ReportState.Running, "reading", 0, null, null, requested));
            var lastReported = DateTime.MinValue;
            var progress = new SynchronousProgress(p =>
            {
                store.SetProgress(new ReportProgress(id, ReportState.Running, p.Phase, p.Done, p.Total, null, requested));
                // Checkpoint: an operator's cancel ends the report here.
                ct.ThrowIfCancellationRequested();
                if (DateTime.UtcNow - lastReported < TimeSpan.FromSeconds(1)) return;
                lastReported = DateTime.UtcNow;
                _ = jobProgress.ReportAsync(context, "{0}: {1} records read", ReportPhases.Title(p.Phase), p.Done);
            });
            var report = await reports.GenerateAsync(index, scope, progress, ct);
            store.SetProgress(new ReportProgress(id, ReportState.Running, "documents", report.RecordsRead, report.RecordsRead, null, requested));
            var charts = ReportCharts.Draw(report);
            var pdf = ReportDocuments.Pdf(report, charts);
            var xlsx = ReportDocuments.Excel(report);
            await store.SaveAsync(id, report, charts, pdf, xlsx, ct);
            store.SetProgress(new ReportProgress(id, ReportState.Done, "done", report.RecordsRead, report.RecordsRead, null, requested));
            metrics.JobFinished("report", report.RecordsRead, TimeSpan.FromSeconds(report.Seconds));
            logger.LogInformation("Navigation report {ReportId} generated: {InScope} of {Read} records in scope in {Seconds} s", id, report.RecordsInScope, report.RecordsRead, report.Seconds);
        }
        catch (OperationCanceledException)
        {
            store.SetProgress(new ReportProgress(id, ReportState.Failed, "cancelled", 0, null, "Cancelled by an operator.", requested));
            throw;
        }
        // A failure ends this report only; the run record and the report's page say why.
        catch (Exception e)
        {
            logger.LogError(e, "Navigation report {ReportId} failed", id);
            store.SetProgress(new ReportProgress(id, ReportState.Failed, "failed", 0, null, e.Message, requested));
            throw new JobExecutionException(e);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>Progress written straight through (Progress&lt;T&gt; would post to a thread-pool callback per report).</summary>
    private sealed class SynchronousProgress(Action<AnalyticsProgress> report) : IProgress<AnalyticsProgress>
    {
        public void Report(AnalyticsProgress value) => report(value);
    }
}
