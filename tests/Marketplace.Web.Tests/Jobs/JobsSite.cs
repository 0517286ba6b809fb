using System.Collections.Concurrent;
using Marketplace.Web.Data;
using Marketplace.Web.Hosting;
using Marketplace.Web.Jobs;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Marketplace.Web.Tests.Jobs;

/// <summary>
/// A site with jobs of the tests' own beside the product's: a daily job that always fails and one that counts its runs
/// (registered after the product's, so they run after them), and a slow job that runs until it is cancelled. The daily
/// run has no schedule here: tests start it from /admin/jobs.
/// </summary>
public sealed class JobsSite : IAsyncLifetime
{
    public MarketplaceSite Site { get; } = MarketplaceSite.WithServices(
        new Dictionary<string, string?>
        {
            ["DailyJobs:Enabled"] = "false",
            ["RateLimits:SignInPerMinute"] = "100000",
        },
        services =>
        {
            services.AddScoped<IDailyJob, FailingDailyJob>();
            services.AddScoped<IDailyJob, CountingDailyJob>();
            services.AddRecurringJob<SlowJob>(SlowJob.Name, "Slow test job", _ => null);
        });

    public Task InitializeAsync() => Site.InitializeAsync();

    public Task DisposeAsync() => Site.DisposeAsync();
}

internal sealed class FailingDailyJob : IDailyJob
{
    public Task RunAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("This daily job always fails.");
}

internal sealed class CountingDailyJob : IDailyJob
{
    private static int _runs;

    public static int Runs => Volatile.Read(ref _runs);

    public Task RunAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _runs);
        return Task.CompletedTask;
    }
}

/// <summary>Runs until it is cancelled, checking for a cancel every 50 ms (its checkpoints).</summary>
internal sealed class SlowJob : IJob
{
    public const string Name = "slow-test";

    public static SemaphoreSlim Started { get; } = new(0);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        Started.Release();
        while (true)
            await Task.Delay(50, cancellationToken);
    }
}

/// <summary>Counts each firing of a recurring test job by its due time, across every host in the test process.</summary>
internal sealed class TickJob : IJob
{
    public const string Name = "tick-test";

    public static ConcurrentDictionary<DateTimeOffset, int> Firings { get; } = new();

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        Firings.AddOrUpdate(context.ScheduledFireTimeUtc!.Value, 1, (_, n) => n + 1);
        return ValueTask.CompletedTask;
    }
}

internal static class JobRuns
{
    /// <summary>The newest run of the job that started after <paramref name="since"/>, once it has finished.</summary>
    public static async Task<JobRun> FinishedAsync(IServiceProvider services, string job, DateTime since, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
                var run = await db.JobRuns.AsNoTracking().Where(r => r.Job == job && r.StartedAt >= since).OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync();
                if (run is { State: not JobRunState.Running }) return run;
                if (DateTime.UtcNow > until) throw new TimeoutException($"No finished run of {job} since {since:O} (last: {run?.State.ToString() ?? "none"}).");
            }
            await Task.Delay(100);
        }
    }
}
