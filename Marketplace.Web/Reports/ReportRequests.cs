using System.Threading.Channels;
using Analytics;
using Analytics.Reports;
using Marketplace.Web.Operations;
using Search.Indexer.Engine;

namespace Marketplace.Web.Reports;

/// <summary>What an operator asked for: the outcome of <see cref="ReportRequests.RequestAsync"/>.</summary>
public sealed record ReportRequestResult(string? Id, IReadOnlyList<(string Field, string Message)> Problems);

/// <summary>
/// The background queue of navigation reports: a request is validated, keyed by scope and index version,
/// answered from the cache when that report exists, and otherwise queued for <see cref="ReportWorker"/>.
/// </summary>
public sealed class ReportRequests(ReportStore store, NavigationReportService reports, IPatentIndex index, TimeProvider clock)
{
    private readonly Channel<(string Id, ReportScope Scope)> _channel = Channel.CreateUnbounded<(string, ReportScope)>(new UnboundedChannelOptions { SingleReader = true });

    internal ChannelReader<(string Id, ReportScope Scope)> Reader => _channel.Reader;

    public async Task<ReportRequestResult> RequestAsync(ReportScope scope, CancellationToken ct = default)
    {
        var problems = reports.Validate(scope);
        if (problems.Count > 0) return new ReportRequestResult(null, problems);
        var version = await NavigationReportService.IndexVersionAsync(index, ct);
        var id = ReportStore.IdOf(scope, version);
        if (store.TryQueue(id, clock.GetUtcNow()))
            await _channel.Writer.WriteAsync((id, scope), ct);
        return new ReportRequestResult(id, []);
    }
}

/// <summary>Generates queued reports one at a time (a report reads the whole index: two at once would only share the cores).</summary>
public sealed class ReportWorker(ReportRequests queue, ReportStore store, NavigationReportService reports, IPatentIndex index, MarketplaceMetrics metrics,
    ILogger<ReportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (id, scope) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            var requested = store.Progress(id)?.Requested ?? DateTimeOffset.UtcNow;
            try
            {
                store.SetProgress(new ReportProgress(id, ReportState.Running, "reading", 0, null, null, requested));
                var progress = new SynchronousProgress(p => store.SetProgress(new ReportProgress(id, ReportState.Running, p.Phase, p.Done, p.Total, null, requested)));
                var report = await reports.GenerateAsync(index, scope, progress, stoppingToken);
                store.SetProgress(new ReportProgress(id, ReportState.Running, "documents", report.RecordsRead, report.RecordsRead, null, requested));
                var charts = ReportCharts.Draw(report);
                var pdf = ReportDocuments.Pdf(report, charts);
                var xlsx = ReportDocuments.Excel(report);
                await store.SaveAsync(id, report, charts, pdf, xlsx, stoppingToken);
                store.SetProgress(new ReportProgress(id, ReportState.Done, "done", report.RecordsRead, report.RecordsRead, null, requested));
                metrics.JobFinished("report", report.RecordsRead, TimeSpan.FromSeconds(report.Seconds));
                logger.LogInformation("Navigation report {ReportId} generated: {InScope} of {Read} records in scope in {Seconds} s", id, report.RecordsInScope, report.RecordsRead, report.Seconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Any failure ends this report only: the worker (and the host) must go on with the next one.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Navigation report {ReportId} failed", id);
                store.SetProgress(new ReportProgress(id, ReportState.Failed, "failed", 0, null, e.Message, requested));
            }
        }
    }

    /// <summary>Progress written straight through (Progress&lt;T&gt; would post to a thread-pool callback per report).</summary>
    private sealed class SynchronousProgress(Action<AnalyticsProgress> report) : IProgress<AnalyticsProgress>
    {
        public void Report(AnalyticsProgress value) => report(value);
    }
}
