using System.Net;
using Marketplace.Web.Jobs;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Jobs;

/// <summary>Operators run and cancel jobs at /admin/jobs; the daily run goes on past a failing daily job.</summary>
public sealed class JobsPageTests(JobsSite jobs) : IClassFixture<JobsSite>
{
    private const string Operator = "operator@demo.patent-marketplace.local";

    private MarketplaceSite Site => jobs.Site;

    [Fact]
    public async Task Run_now_runs_the_daily_jobs_and_one_failing_daily_job_does_not_stop_the_others()
    {
        using var client = await new SiteClient(Site.BaseAddress).SignInAsDemoAsync(Operator);
        var before = CountingDailyJob.Runs;
        var since = DateTime.UtcNow.AddSeconds(-1);

        using var response = await client.SubmitAsync("/admin/jobs", "tr[data-job='daily'] form.run-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var confirmation = await client.PageAsync(response.Headers.Location!.OriginalString);
        // The job by its title in the reader's language, not its key.
        Assert.Contains("每日任务（需求、提醒、摘要）", confirmation.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);

        var run = await JobRuns.FinishedAsync(Site.Services, DailyJobsJob.JobName, since);
        Assert.Equal(JobRunState.Failed, run.State);
        Assert.Contains(nameof(FailingDailyJob), run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(CountingDailyJob), run.Error, StringComparison.Ordinal);
        // Registered after the failing job, so it ran after it.
        Assert.Equal(before + 1, CountingDailyJob.Runs);

        var page = await client.PageAsync("/admin/jobs");
        var row = page.QuerySelector("tr[data-job='daily']")!;
        Assert.Contains(nameof(FailingDailyJob), row.QuerySelector(".job-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#job-runs tr[data-job='daily'][data-state='Failed']"));
    }

    [Fact]
    public async Task Cancel_stops_a_running_job_at_its_next_checkpoint_and_says_so()
    {
        using var client = await new SiteClient(Site.BaseAddress).SignInAsDemoAsync(Operator);
        var since = DateTime.UtcNow.AddSeconds(-1);
        using (var started = await client.SubmitAsync("/admin/jobs", $"tr[data-job='{SlowJob.Name}'] form.run-form", new Dictionary<string, string>()))
            Assert.Contains("done=started", started.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(await SlowJob.Started.WaitAsync(TimeSpan.FromMinutes(1)), "The slow job did not start.");

        var page = await client.PageAsync("/admin/jobs");
        Assert.NotNull(page.QuerySelector($"tr[data-job='{SlowJob.Name}'] form.cancel-form"));
        using var response = await client.SubmitAsync("/admin/jobs", $"tr[data-job='{SlowJob.Name}'] form.cancel-form", new Dictionary<string, string>());
        Assert.Contains("done=cancelling", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var confirmation = await client.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Slow test job", confirmation.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);

        var run = await JobRuns.FinishedAsync(Site.Services, SlowJob.Name, since, TimeSpan.FromSeconds(30));
        Assert.Equal(JobRunState.Cancelled, run.State);
        var after = await client.PageAsync("/admin/jobs");
        Assert.Null(after.QuerySelector($"tr[data-job='{SlowJob.Name}'] form.cancel-form"));
    }
}
