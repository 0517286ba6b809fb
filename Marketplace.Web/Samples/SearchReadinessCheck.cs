using Microsoft.Extensions.Diagnostics.HealthChecks;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Elasticsearch;

namespace Marketplace.Web.Samples;

/// <summary>
/// Ready when the index answers, the first-start sample load has finished and the start-up labelling has
/// finished (so a visitor of a ready site sees the label facets). A failed labelling leaves the site
/// serving, reported as degraded with the reason.
/// </summary>
public sealed class SearchReadinessCheck(IPatentIndex index, SampleLoadStatus status, LabelStatus labels) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.IsFinished)
            return HealthCheckResult.Unhealthy($"sample load in progress: {status.Message}");
        if (status.State == SampleLoadState.Failed)
            return HealthCheckResult.Unhealthy($"sample load failed: {status.Message}");
        if (!labels.IsFinished)
            return HealthCheckResult.Unhealthy($"labels are being computed: {labels.Message ?? "checking the index"}");
        try
        {
            if (index is ElasticsearchIndex cluster)
            {
                // Not GetStatsAsync: its facet aggregations are too heavy for a probe on tens of millions of records.
                var (version, records) = await cluster.ProbeAsync(cancellationToken);
                return version is null
                    ? HealthCheckResult.Unhealthy($"the Elasticsearch alias '{cluster.Alias}' is missing")
                    : WithLabels($"elasticsearch index {version} behind '{cluster.Alias}' with {records} records");
            }
            var stats = await index.GetStatsAsync(cancellationToken);
            return WithLabels($"{stats.Engine} index with {stats.Records} records");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the patent index does not answer", ex);
        }
    }

    private HealthCheckResult WithLabels(string index) => labels.State == LabelState.Failed
        ? HealthCheckResult.Degraded($"{index}; labelling failed: {labels.Message}")
        : HealthCheckResult.Healthy($"{index}; labels: {labels.Message}");
}
