using Marketplace.Web.Data;
using Marketplace.Web.Jobs;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Jobs;

/// <summary>Several site processes on one PostgreSQL database form one job cluster: each firing of a scheduled job runs once.</summary>
public sealed class JobClusterTests
{
    [Fact]
    public async Task Two_hosts_on_one_PostgreSQL_database_run_each_firing_of_a_scheduled_job_exactly_once()
    {
        var database = PostgresCluster.Shared.NewDatabase("jobs_cluster");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseProviders.PostgreSql,
            ["Database:ConnectionString"] = database,
            ["Search:SamplesPath"] = "",
            ["Jobs:CheckinInterval"] = "00:00:02",
        };
        static void Tick(IServiceCollection services) =>
            services.AddRecurringJob<TickJob>(TickJob.Name, "Tick test job", _ => JobSchedule.Interval(TimeSpan.FromSeconds(1)));

        var first = MarketplaceSite.WithServices(settings, Tick);
        var second = MarketplaceSite.WithServices(settings, Tick);
        DateTimeOffset bothUp;
        try
        {
            // One after the other: both migrate the same database at start.
            await first.InitializeAsync();
            await second.InitializeAsync();
            bothUp = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }

        var whileBothRan = TickJob.Firings.Where(f => f.Key >= bothUp).ToList();
        Assert.True(whileBothRan.Count >= 5, $"Only {whileBothRan.Count} firings in 10 s while both hosts ran.");
        Assert.All(TickJob.Firings, f => Assert.True(f.Value == 1, $"The firing due at {f.Key:O} ran {f.Value} times."));

        await using var db = new PostgreSqlMarketplaceDbContext(new DbContextOptionsBuilder<PostgreSqlMarketplaceDbContext>().UseNpgsql(database).Options);
        var runs = await db.JobRuns.AsNoTracking().Where(r => r.Job == TickJob.Name).ToListAsync();
        Assert.Equal(TickJob.Firings.Values.Sum(), runs.Count);
        Assert.All(runs.GroupBy(r => r.ScheduledAt), g => Assert.Single(g));
        Assert.All(runs, r => Assert.Equal(JobRunState.Succeeded, r.State));
    }
}
