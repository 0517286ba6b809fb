using Quartz;

namespace Marketplace.Web.Jobs;

/// <summary>
/// Requests of work that runs once (a load, a report): each becomes a persisted Quartz job with a trigger due now, so it
/// runs on whichever node is free, and again after a crash (the job requests recovery).
/// </summary>
public sealed partial class JobRequests(ISchedulerFactory schedulers, ILogger<JobRequests> logger)
{
    /// <summary>
    /// Queues <typeparamref name="TJob"/> under <paramref name="group"/>.<paramref name="name"/> with string data.
    /// False when a job of that key is already queued or running (the request is already in hand).
    /// </summary>
    public async Task<bool> EnqueueAsync<TJob>(string group, string name, string title, IReadOnlyDictionary<string, string> data, CancellationToken ct = default)
        where TJob : IJob
    {
        ArgumentNullException.ThrowIfNull(data);
        var scheduler = await schedulers.GetScheduler(ct);
        var key = new JobKey(name, group);
        if (await scheduler.Exists(key, ct)) return false;
        var map = new JobDataMap();
        foreach (var (k, v) in data) map.Add(k, v);
        var job = JobBuilder.Create<TJob>().WithIdentity(key).WithDescription(title).UsingJobData(map).RequestRecovery().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(name, group).ForJob(key).StartNow()
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, cancellationToken: ct);
            LogQueued(logger, group, name);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node queued the same request a moment earlier.
            return false;
        }
    }

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Job {Group}.{Name} queued")]
    private static partial void LogQueued(ILogger logger, string group, string name);
}

/// <summary>
/// Work that a node must put back in the queue when it starts, because its own records say it is unfinished while no
/// job for it exists (a request made before the job system, or a host stopped half-way through a load).
/// </summary>
public interface IJobResume
{
    Task ResumeAsync(JobRequests queue, CancellationToken cancellationToken);
}
