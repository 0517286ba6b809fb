using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Loads;

/// <summary>The load jobs table: queue an upload, list the history, cancel, and (for the worker) claim the next job once.</summary>
public sealed class LoadJobService(MarketplaceDbContext db, LoadJobSignal signal, TimeProvider clock)
{
    public const int HistorySize = 200;

    public async Task<LoadJob> QueueAsync(LoadJob job, CancellationToken ct = default)
    {
        db.LoadJobs.Add(job);
        await db.SaveChangesAsync(ct);
        signal.Notify();
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
    /// Takes the oldest queued load, or a running one whose worker stopped writing (a crash or restart), with a
    /// conditional update: of several workers on one database only one gets it. Null when there is none.
    /// </summary>
    public async Task<Guid?> ClaimNextAsync(TimeSpan staleAfter, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - staleAfter;
        var candidates = await db.LoadJobs.AsNoTracking()
            .Where(j => j.State == LoadJobState.Queued || (j.State == LoadJobState.Running && (j.HeartbeatAt == null || j.HeartbeatAt < stale)))
            .OrderBy(j => j.CreatedAt)
            .Select(j => new { j.Id, j.State, j.HeartbeatAt })
            .Take(5)
            .ToListAsync(ct);
        foreach (var c in candidates)
        {
            var claimed = await db.LoadJobs
                .Where(j => j.Id == c.Id && j.State == c.State && j.HeartbeatAt == c.HeartbeatAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, LoadJobState.Running)
                    .SetProperty(j => j.HeartbeatAt, now)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
            if (claimed == 1) return c.Id;
        }
        return null;
    }

    /// <summary>The job, tracked, for the worker that claimed it.</summary>
    public Task<LoadJob> ClaimedAsync(Guid id, CancellationToken ct = default) => db.LoadJobs.SingleAsync(j => j.Id == id, ct);

    public Task<bool> CancelRequestedAsync(Guid id, CancellationToken ct = default) =>
        db.LoadJobs.AsNoTracking().AnyAsync(j => j.Id == id && j.CancelRequested, ct);

    public Task SaveAsync(CancellationToken ct = default) => db.SaveChangesAsync(ct);
}

/// <summary>Wakes the worker when a load is queued, so it starts without waiting for its next poll.</summary>
public sealed class LoadJobSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try { _signal.Release(); } catch (SemaphoreFullException) { }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        await _signal.WaitAsync(timeout, ct);
    }

    public void Dispose() => _signal.Dispose();
}
