using Quartz;

namespace Marketplace.Web.Jobs;

/// <summary>The groups jobs are kept in: recurring jobs live for ever, the others are one request each (a load, a report).</summary>
public static class JobGroups
{
    public const string Recurring = "recurring";
    public const string Loads = "loads";
    public const string Reports = "reports";
}

/// <summary>When a recurring job runs: by a cron expression (UTC, Quartz syntax with seconds) or every <see cref="Every"/>.</summary>
public sealed record JobSchedule(string? Cron = null, TimeSpan? Every = null)
{
    public static JobSchedule DailyAt(int hourUtc) => new(Cron: $"0 0 {hourUtc} * * ?");

    public static JobSchedule Interval(TimeSpan every) => new(Every: every);
}

/// <summary>
/// A recurring job as a feature registered it with <see cref="JobRegistration.AddRecurringJob{TJob}"/>: its key, the
/// title operators read (a localizer key), and its schedule from the feature's options (null: only when run by hand).
/// </summary>
public sealed record RecurringJob(JobKey Key, string Title, Type JobType, Func<IServiceProvider, JobSchedule?> Schedule);

public static class JobRegistration
{
    /// <summary>
    /// The one registration a feature makes for background work that recurs (ADR-019): the job runs once per firing across
    /// every site process on the database, survives restarts, shows on /admin/jobs with its runs, and can be run or
    /// cancelled from there. <typeparamref name="TJob"/> is created per run with its dependencies from the container.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, string title, Func<IServiceProvider, JobSchedule?> schedule)
        where TJob : class, IJob
    {
        services.AddSingleton(new RecurringJob(new JobKey(name, JobGroups.Recurring), title, typeof(TJob), schedule));
        return services;
    }
}
