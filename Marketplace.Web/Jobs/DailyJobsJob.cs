using Marketplace.Web.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Marketplace.Web.Jobs;

/// <summary>
/// Every registered <see cref="IDailyJob"/>, once a day at <see cref="DailyJobOptions.HourUtc"/>: producing jobs first,
/// each in its own scope, and between jobs the run stops if an operator cancelled it. A failing job is logged and the
/// others still run; the run then ends failed, naming the jobs that failed.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DailyJobsJob(IServiceScopeFactory scopes, JobProgress progress, ILogger<DailyJobsJob> logger) : IJob
{
    public const string JobName = "daily";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var failed = await RunOnceAsync(scopes, logger,
            (done, total, job) => progress.ReportAsync(context, "Ran {0} of {1} daily jobs; now {2}", done, total, job), cancellationToken);
        if (failed.Count > 0)
            throw new JobExecutionException($"Daily jobs failed: {string.Join(", ", failed)}");
    }

    /// <summary>What one daily run does; the names of the jobs that failed. Tests call it directly.</summary>
    public static async Task<IReadOnlyList<string>> RunOnceAsync(IServiceScopeFactory scopes, ILogger logger,
        Func<int, int, string, Task>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        List<(int Index, DailyJobStage Stage, string Name)> order;
        await using (var scope = scopes.CreateAsyncScope())
            order = scope.ServiceProvider.GetServices<IDailyJob>().Select((job, i) => (i, job.Stage, job.GetType().Name)).OrderBy(j => j.Stage).ThenBy(j => j.i).ToList();
        var failed = new List<string>();
        for (var n = 0; n < order.Count; n++)
        {
            // The checkpoint: an operator's cancel takes effect between two jobs, never half-way through one.
            cancellationToken.ThrowIfCancellationRequested();
            var (index, _, name) = order[n];
            if (progress is not null) await progress(n, order.Count, name);
            // A scope per job: a job that failed half-way leaves no tracked changes for the next one to save.
            await using var scope = scopes.CreateAsyncScope();
            var job = scope.ServiceProvider.GetServices<IDailyJob>().ElementAt(index);
            try
            {
                await job.RunAsync(cancellationToken);
                LogRan(logger, name);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Add(name);
                LogFailed(logger, name, e);
            }
        }
        return failed;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Daily job {Job} failed")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Daily job {Job} ran")]
    private static partial void LogRan(ILogger logger, string job);
}

public static class DailyJobsHostingExtensions
{
    /// <summary>The daily run as a recurring job; features register their <see cref="IDailyJob"/>s as scoped services.</summary>
    public static IHostApplicationBuilder AddDailyJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DailyJobOptions>().BindConfiguration(DailyJobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRecurringJob<DailyJobsJob>(DailyJobsJob.JobName, "Daily jobs (needs, reminders, digests)", sp =>
            sp.GetRequiredService<IOptions<DailyJobOptions>>().Value is { Enabled: true } o ? JobSchedule.DailyAt(o.HourUtc) : null);
        return builder;
    }
}
