using Quartz;

namespace Marketplace.Web.Jobs;

/// <summary>
/// When a node starts: brings the persisted recurring jobs in line with what the features registered (a schedule that
/// changed in configuration is replaced, a job switched off loses its trigger but stays runnable by hand), then lets each
/// <see cref="IJobResume"/> queue again what its records say is unfinished.
/// </summary>
public sealed partial class JobStartup(ISchedulerFactory schedulers, IEnumerable<RecurringJob> recurring, IEnumerable<IJobResume> resumes, JobRequests queue,
    IServiceProvider services, ILogger<JobStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var job in recurring)
            await SyncAsync(scheduler, job, cancellationToken);
        foreach (var resume in resumes)
            await resume.ResumeAsync(queue, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SyncAsync(IScheduler scheduler, RecurringJob job, CancellationToken ct)
    {
        var existing = await scheduler.GetJobDetail(job.Key, ct);
        if (existing is null || existing.JobType.Type != job.JobType || existing.Description != job.Title)
        {
            var detail = JobBuilder.Create().OfType(job.JobType).WithIdentity(job.Key).WithDescription(job.Title).StoreDurably().RequestRecovery().Build();
            await scheduler.AddJob(detail, AddJobOptions.ReplacingAndStoringNonDurable, ct);
        }

        var triggerKey = new TriggerKey(job.Key.Name, job.Key.Group);
        var current = await scheduler.GetTrigger(triggerKey, ct);
        var schedule = job.Schedule(services);
        if (schedule is null)
        {
            if (current is not null) await scheduler.UnscheduleJob(triggerKey, ct);
            return;
        }
        if (current is not null && Matches(current, schedule)) return;

        var builder = TriggerBuilder.Create().WithIdentity(triggerKey).ForJob(job.Key);
        // A node that was down at the due time runs the job once when it is back, not once per missed firing.
        var trigger = schedule.Cron is { } cron
            ? builder.WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build()
            : builder.StartAt(DateTimeOffset.UtcNow + schedule.Every!.Value)
                .WithSimpleSchedule(s => s.WithInterval(schedule.Every.Value).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build();
        try
        {
            if (current is null) await scheduler.ScheduleJob(trigger, cancellationToken: ct);
            else await scheduler.RescheduleJob(triggerKey, trigger, ct);
            LogScheduled(logger, job.Key.Name, schedule.Cron ?? schedule.Every.ToString()!);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node starting at the same moment scheduled it.
        }
    }

    private static bool Matches(ITrigger trigger, JobSchedule schedule) => trigger switch
    {
        ICronTrigger cron => cron.CronExpressionString == schedule.Cron,
        ISimpleTrigger simple => schedule.Cron is null && simple.RepeatInterval == schedule.Every,
        _ => false,
    };

    [LoggerMessage(EventId = 6203, Level = LogLevel.Information, Message = "Recurring job {Job} scheduled: {Schedule}")]
    private static partial void LogScheduled(ILogger logger, string job, string schedule);
}
