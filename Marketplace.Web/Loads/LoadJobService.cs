using Marketplace.Web.Data;
using Marketplace.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Loads;

/// <summary>The load jobs table: queue an upload, list the history, cancel, and (for the load's job) begin a run.</summary>
public sealed class LoadJobService(MarketplaceDbContext db, JobRequests queue, TimeProvider clock)
{
    public const int HistorySize = 200;

    /// <summary>
    /// Records the load, then queues its job. A crash between the two leaves a queued row without a job, which the next
    /// start queues again (<see cref="LoadsResume"/>).
    /// </summary>
    public async Task<LoadJob> QueueAsync(LoadJob job, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        db.LoadJobs.Add(job);
        await db.SaveChangesAsync(ct);
        await LoadRunJob.QueueAsync(queue, job.Id, ct);
        return job;
    }

    /// <summary>The latest loads, newest first.</summary>
    public async Task<IReadOnlyList<LoadJob>> HistoryAsync(CancellationToken ct = default) =>
        await db.LoadJobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(HistorySize).ToListAsync(ct);

    public Task<LoadJob?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.LoadJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);

    /// <summary>
    /// A queued load is cancelled at once; a running one is asked to stop, which it does at its next commit.
    /// False when the load has already finished.
    /// </summary>
    public async Task<bool> RequestCancelAsync(Guid id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = await db.LoadJobs.Where(j => j.Id == id && j.State == LoadJobState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, LoadJobState.Cancelled).SetProperty(j => j.CancelRequested, true).SetProperty(j => j.FinishedAt, now), ct);
        if (queued > 0) return true;
        var running = await db.LoadJobs.Where(j => j.Id == id && j.State == LoadJobState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
        return running > 0;
    }

    /// <summary>
    /// The load's job starts a run: a queued load, or one left running by a host that stopped or died, becomes Running
    /// with one more attempt. False when it has finished (or was cancelled while queued): there is nothing to run.
    /// The job system runs each load's job once at a time across every node, so no second claimant can race this.
    /// </summary>
    public async Task<bool> BeginAsync(Guid id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.LoadJobs
            .Where(j => j.Id == id && (j.State == LoadJobState.Queued || j.State == LoadJobState.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, LoadJobState.Running)
                .SetProperty(j => j.HeartbeatAt, now)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
        return claimed == 1;
    }

    /// <summary>Loads whose records say they are not finished: queued, or running when their host went away.</summary>
    public async Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken ct = default) =>
        await db.LoadJobs.AsNoTracking().Where(j => j.State == LoadJobState.Queued || j.State == LoadJobState.Running)
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).ToListAsync(ct);

    /// <summary>The load, tracked, for its running job.</summary>
    public Task<LoadJob> ClaimedAsync(Guid id, CancellationToken ct = default) => db.LoadJobs.SingleAsync(j => j.Id == id, ct);

    public Task<bool> CancelRequestedAsync(Guid id, CancellationToken ct = default) =>
        db.LoadJobs.AsNoTracking().AnyAsync(j => j.Id == id && j.CancelRequested, ct);

    public Task SaveAsync(CancellationToken ct = default) => db.SaveChangesAsync(ct);
}
