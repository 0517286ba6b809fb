using Marketplace.Web.Data;
using Marketplace.Web.Jobs;
using Marketplace.Web.Models;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Marketplace.Web.Tests.Jobs;

/// <summary>
/// A run that says it found nothing to do leaves no row in the recent runs, so a frequent check (the models job every
/// minute) does not flood them; a run that did work is recorded as before. The models job is listed on /admin/jobs.
/// </summary>
public sealed class NothingToDoRunTests(NothingToDoSite fixture) : IClassFixture<NothingToDoSite>
{
    private const string Operator = "operator@demo.patent-marketplace.local";

    private readonly MarketplaceSite _site = fixture.Site;

    [Fact]
    public async Task A_models_pass_that_found_nothing_to_do_leaves_no_run_and_the_job_is_listed_for_operators()
    {
        var fired = await _site.RunJobAndWaitAsync(new JobKey(ModelsJob.JobName, JobGroups.Recurring));

        Assert.False(await RecordedAsync(fired));
        using var client = await new SiteClient(_site.BaseAddress).SignInAsDemoAsync(Operator);
        var page = await client.PageAsync("/admin/jobs");
        var row = page.QuerySelector($"tr[data-job='{ModelsJob.JobName}']");
        Assert.NotNull(row);
        Assert.Contains("模型训练与语料统计刷新", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("form.run-form"));
    }

    [Fact]
    public async Task A_run_that_did_work_is_recorded_and_one_that_did_nothing_is_not()
    {
        var key = new JobKey(IdleOrBusyJob.Name, JobGroups.Recurring);

        IdleOrBusyJob.Busy = true;
        var busy = await _site.RunJobAndWaitAsync(key);
        IdleOrBusyJob.Busy = false;
        var idle = await _site.RunJobAndWaitAsync(key);

        Assert.True(await RecordedAsync(busy));
        Assert.False(await RecordedAsync(idle));
    }

    private async Task<bool> RecordedAsync(string fireInstanceId)
    {
        await using var scope = _site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        return await db.JobRuns.AnyAsync(r => r.FireInstanceId == fireInstanceId && r.State == JobRunState.Succeeded);
    }
}

public sealed class NothingToDoSite : IAsyncLifetime
{
    // No model and no request here, so a models pass has nothing to do; its schedule is far off, so it runs only when asked.
    public MarketplaceSite Site { get; } = MarketplaceSite.WithServices(
        new Dictionary<string, string?>
        {
            ["DailyJobs:Enabled"] = "false",
            ["Models:Enabled"] = "true",
            ["Models:PollInterval"] = "01:00:00",
            ["RateLimits:SignInPerMinute"] = "100000",
        },
        services => services.AddRecurringJob<IdleOrBusyJob>(IdleOrBusyJob.Name, "Idle or busy test job", _ => null));

    public Task InitializeAsync() => Site.InitializeAsync();

    public Task DisposeAsync() => Site.DisposeAsync();
}

/// <summary>Says it found nothing to do unless <see cref="Busy"/>.</summary>
internal sealed class IdleOrBusyJob : IJob
{
    public const string Name = "idle-or-busy-test";

    public static volatile bool Busy;

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!Busy) context.Result = NothingToDo.Result;
        return ValueTask.CompletedTask;
    }
}
