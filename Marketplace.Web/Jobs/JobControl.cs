using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Marketplace.Web.Jobs;

/// <summary>A job as operators see it: its title (a localizer key), whether it runs now anywhere, when next, and its last run.</summary>
public sealed record JobOverview(JobKey Key, string Title, bool Running, DateTimeOffset? NextRun, JobRun? LastRun);

/// <summary>What /admin/jobs reads and does: the jobs of the whole cluster with their runs, run now, cancel.</summary>
public sealed class JobControl(ISchedulerFactory schedulers, MarketplaceDbContext db, IOptions<JobsOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<JobOverview>> JobsAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var executing = await ExecutingAsync(scheduler, ct);
        await MarkOrphansAsync(executing, ct);
        var result = new List<JobOverview>();
        foreach (var key in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), ct)).OrderBy(k => k.Group != JobGroups.Recurring).ThenBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            var detail = await scheduler.GetJobDetail(key, ct);
            if (detail is null) continue;
            var triggers = await scheduler.GetTriggersOfJob(key, ct);
            var next = triggers.Select(t => t.NextFireTimeUtc).Where(t => t.HasValue).Min();
            var last = await db.JobRuns.AsNoTracking().Where(r => r.Group == key.Group && r.Job == key.Name)
                .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
            result.Add(new JobOverview(key, detail.Description ?? key.Name, executing.Any(f => f.JobKey == key), next, last));
        }
        return result;
    }

    public async Task<IReadOnlyList<JobRun>> RecentRunsAsync(CancellationToken ct = default) =>
        await db.JobRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(options.Value.RecentRuns).ToListAsync(ct);

    /// <summary>Runs the job now, on whichever node takes it; false when there is no such job (a finished one-off request).</summary>
    public async Task<bool> RunNowAsync(JobKey key, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        if (!await scheduler.Exists(key, ct)) return false;
        await scheduler.TriggerJob(key, ct);
        return true;
    }

    /// <summary>Asks every running execution of the job, on any node, to stop at its next checkpoint; false when none runs.</summary>
    public async Task<bool> CancelAsync(JobKey key, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        if (!(await ExecutingAsync(scheduler, ct)).Any(f => f.JobKey == key)) return false;
        await scheduler.Interrupt(key, ct);
        return true;
    }

    private static async Task<IReadOnlyList<FireInstance>> ExecutingAsync(IScheduler scheduler, CancellationToken ct) =>
        (await scheduler.QueryFireInstances(new FireInstanceQuery(), ct)).Items;

    /// <summary>
    /// A run still marked running whose firing no node is executing ended with its node (a crash or kill): it is shown
    /// as interrupted, and the job's recovery runs the work again.
    /// </summary>
    private async Task MarkOrphansAsync(IReadOnlyList<FireInstance> executing, CancellationToken ct)
    {
        var live = executing.Select(f => f.FireInstanceId).ToHashSet(StringComparer.Ordinal);
        // A run is recorded just after its firing is marked executing; a minute's grace keeps a run that is starting.
        var before = clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        var running = await db.JobRuns.Where(r => r.State == JobRunState.Running && r.StartedAt < before).ToListAsync(ct);
        var orphans = running.Where(r => !live.Contains(r.FireInstanceId)).ToList();
        if (orphans.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var run in orphans) run.MarkInterrupted(now);
        await db.SaveChangesAsync(ct);
    }
}
