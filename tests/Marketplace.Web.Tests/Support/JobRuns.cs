using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Marketplace.Web.Tests.Support;

public static class JobRuns
{
    /// <summary>Runs the job now and returns its firing's id once every listener, the run recorder first, has seen it end.</summary>
    public static async Task<string> RunJobAndWaitAsync(this MarketplaceSite site, JobKey key)
    {
        ArgumentNullException.ThrowIfNull(site);
        var scheduler = await site.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var ended = new EndedListener(key);
        // Added after the recorder, so called after it: the recorder has written or removed the row when this one is told.
        scheduler.ListenerManager.AddJobListener(ended, [GroupMatcher<JobKey>.AnyGroup()]);
        try
        {
            await scheduler.TriggerJob(key);
            return await ended.FireInstance.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(ended.Name);
        }
    }

    private sealed class EndedListener(JobKey key) : IJobListener
    {
        public TaskCompletionSource<string> FireInstance { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name { get; } = "ended-" + Guid.NewGuid().ToString("N");

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.JobDetail.Key.Equals(key)) FireInstance.TrySetResult(context.FireInstanceId);
            return ValueTask.CompletedTask;
        }
    }
}
