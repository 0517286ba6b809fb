namespace Marketplace.Web.Models;

public enum ModelWorkState
{
    Idle,
    Training,
    Relabelling,
}

/// <summary>
/// What the background model work is doing, for the operator page; the relabel an operator's activation asks for; and
/// the gate that lets one pass run at a time in this process (the recurring job and a "run now" request are two Quartz
/// jobs, which Quartz would run side by side).
/// </summary>
public sealed class ModelWork : IDisposable
{
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly Lock _gate = new();
    private bool _relabel;

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
