namespace Marketplace.Web.Models;

public enum ModelWorkState
{
    Idle,
    Training,
    Relabelling,
}

/// <summary>
/// What the background model work is doing, for the operator page; the relabel an operator's activation asks for;
/// whether a load is running (<see cref="LoadRunning"/>); and the gate that lets one pass run at a time in this
/// process (the recurring job and a "run now" request are two Quartz jobs, which Quartz would run side by side).
/// </summary>
public sealed class ModelWork : IDisposable
{
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly Lock _gate = new();
    private bool _relabel;
    private int _loads;

    public ModelWorkState State { get; private set; }

    public DateTimeOffset? Since { get; private set; }

    /// <summary>Asks the next pass to relabel the index with the active version.</summary>
    public void RequestRelabel()
    {
        lock (_gate) _relabel = true;
    }

    internal bool TakeRelabel()
    {
        lock (_gate)
        {
            var asked = _relabel;
            _relabel = false;
            return asked;
        }
    }

    /// <summary>
    /// A load is running in this process. The value cohorts are not relearnt meanwhile: a load grows the index past
    /// the refresh threshold again and again, and each refresh reads the whole index twice and relabels what moved, so
    /// a 200,000-record load into the samples paid for dozens of them. The first pass after the load relearns once.
    /// </summary>
    public bool LoadRunning => Volatile.Read(ref _loads) > 0;

    /// <summary>Marks a load as running until the returned scope is disposed.</summary>
    internal IDisposable LoadStarted()
    {
        Interlocked.Increment(ref _loads);
        return new LoadScope(this);
    }

    private sealed class LoadScope(ModelWork work) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) Interlocked.Decrement(ref work._loads);
        }
    }

    internal Task EnterPassAsync(CancellationToken ct) => _pass.WaitAsync(ct);

    internal void LeavePass() => _pass.Release();

    internal void Enter(ModelWorkState state, DateTimeOffset now)
    {
        State = state;
        Since = now;
    }

    internal void Leave()
    {
        State = ModelWorkState.Idle;
        Since = null;
    }

    public void Dispose() => _pass.Dispose();
}
