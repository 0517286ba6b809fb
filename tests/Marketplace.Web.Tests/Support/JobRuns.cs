using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Marketplace.Web.Tests.Support;

public static class JobRuns
{
    /// <summary>
    /// Runs the job now and returns its firing's id once every listener, the run recorder first, has seen it end. Only
    /// this firing counts: one of the job's own schedule that ends meanwhile (a pass at start) is not taken for it.
    /// </summary>
    public static async Task<string> RunJobAndWaitAsync(this MarketplaceSite site, JobKey key)
    {
        ArgumentNullException.ThrowIfNull(site);
        var scheduler = await site.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var marker = Guid.NewGuid().ToString("N");
        var ended = new EndedListener(key, marker);
        // Added after the recorder, so called after it: the recorder has written or removed the row when this one is told.
        scheduler.ListenerManager.AddJobListener(ended, [GroupMatcher<JobKey>.AnyGroup()]);
        try
        {
            await scheduler.TriggerJob(key, new JobDataMap { [MarkerKey] = marker });
            return await ended.FireInstance.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(ended.Name);
        }
    }

    private const string MarkerKey = "test-run";

    private sealed class EndedListener(JobKey key, string marker) : IJobListener
    {
        public TaskCompletionSource<string> FireInstance { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name { get; } = "ended-" + Guid.NewGuid().ToString("N");

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.JobDetail.Key.Equals(key) && context.Trigger.JobDataMap.TryGetValue(MarkerKey, out var m) && Equals(m, marker))
                FireInstance.TrySetResult(context.FireInstanceId);
            return ValueTask.CompletedTask;
        }
    }
}
