namespace Marketplace.Web.Samples;

/// <summary>
/// Where one piece of start-up work in the background stands (the sample load, the labelling): its state and last
/// message for /readyz and the pages, and a task that completes with the final state, which tests await instead of sleeping.
/// </summary>
public abstract class StartupWorkStatus<TState>(TState initial) where TState : struct, Enum
{
    private readonly TaskCompletionSource<TState> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private string? _message;
    private TState _state = initial;

    public TState State
    {
        get { lock (_gate) return _state; }
    }

    /// <summary>Last progress, the outcome or the failure, for /readyz and the pages.</summary>
    public string? Message
    {
        get { lock (_gate) return _message; }
    }

    public bool IsFinished => IsFinal(State);

    /// <summary>Completes with the final state.</summary>
    public Task<TState> Finished => _finished.Task;

    protected abstract bool IsFinal(TState state);

    /// <summary>Records progress; a report that arrives after the end (Progress&lt;T&gt; posts late) changes nothing.</summary>
    protected void Progress(TState working, string message)
    {
        lock (_gate)
        {
            if (IsFinal(_state)) return;
            _message = message;
            _state = working;
        }
    }

    protected void Complete(TState final, string message)
    {
        lock (_gate)
        {
            _message = message;
            _state = final;
        }
        _finished.TrySetResult(final);
    }
}
