namespace Marketplace.Web.Models;

public enum ModelWorkState
{
    Idle,
    Training,
    Relabelling,
}

/// <summary>
/// What the background model work is doing, for the operator page, and how pages wake it: a training request (kept as
/// a file by the store, so it survives a crash) or a relabel after an operator activated a version.
/// </summary>
public sealed class ModelWork : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private bool _relabel;

    public ModelWorkState State { get; private set; }

    public DateTimeOffset? Since { get; private set; }

    public void Wake()
    {
        try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>Asks the background pass to relabel the index with the active version.</summary>
    public void RequestRelabel()
    {
        lock (_gate) _relabel = true;
        Wake();
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

    internal async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _wake.WaitAsync(timeout, ct);

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

    public void Dispose() => _wake.Dispose();
}
