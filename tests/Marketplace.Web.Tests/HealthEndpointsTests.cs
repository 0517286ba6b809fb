using System.Net;
using System.Text.Json;
using Marketplace.Web.Samples;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Web.Tests;

[Collection(SharedSite.Name)]
public sealed class HealthEndpointsTests(MarketplaceSite site)
{
    [Fact]
    public async Task Healthz_answers_ok_while_the_process_is_up()
    {
        using var client = site.CreateClient();
        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_answers_ok_with_the_record_count_once_the_samples_are_loaded()
    {
        using var client = site.CreateClient();
        using var response = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var records = (await site.Index.GetStatsAsync()).Records;
        Assert.True(records > 0, "the samples should have filled the index");
        Assert.Contains($"{records} records", body.RootElement.GetProperty("checks").GetProperty("search").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Readiness_is_unhealthy_while_the_sample_load_runs_and_healthy_after_it()
    {
        var status = new SampleLoadStatus();
        var check = new SearchReadinessCheck(site.Index, status, Labelled());

        status.Loading("loading 3 sample files");
        var during = await check.CheckHealthAsync(new HealthCheckContext());
        status.Finish(SampleLoadState.Completed, "done");
        status.Loading("a late progress report");
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, during.Status);
        Assert.Contains("loading 3 sample files", during.Description);
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Equal(SampleLoadState.Completed, status.State);
    }

    [Fact]
    public async Task Readiness_stays_unhealthy_when_the_sample_load_failed()
    {
        var status = new SampleLoadStatus();
        status.Finish(SampleLoadState.Failed, "disk full");

        var result = await new SearchReadinessCheck(site.Index, status, Labelled()).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("disk full", result.Description);
    }

    [Fact]
    public async Task Readiness_waits_for_the_labels_after_the_samples_and_shows_a_labelling_failure_as_degraded()
    {
        var samples = new SampleLoadStatus();
        samples.Finish(SampleLoadState.Completed, "done");
        var labels = new LabelStatus();
        var check = new SearchReadinessCheck(site.Index, samples, labels);

        var waiting = await check.CheckHealthAsync(new HealthCheckContext());
        labels.Running("labelling 5000 of 6117");
        var running = await check.CheckHealthAsync(new HealthCheckContext());
        labels.Finish(LabelState.Failed, "the rules labelled 3 of 40 records with 1 chain(s)");
        var failed = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, waiting.Status);
        Assert.Equal(HealthStatus.Unhealthy, running.Status);
        Assert.Contains("labelling 5000 of 6117", running.Description);
        Assert.Equal(HealthStatus.Degraded, failed.Status);
        Assert.Contains("labelling failed: the rules labelled 3 of 40", failed.Description);
        Assert.Contains(" records", failed.Description);
    }

    private static LabelStatus Labelled()
    {
        var labels = new LabelStatus();
        labels.Finish(LabelState.Completed, "all records are labelled");
        return labels;
    }
}
