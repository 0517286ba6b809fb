namespace Marketplace.Web.Samples;

public enum SampleLoadState
{
    Starting,
    Loading,
    /// <summary>The index already held records, so nothing was loaded.</summary>
    Skipped,
    Completed,
    Failed,
}

/// <summary>
/// Where the first-start sample load stands. Readiness reads it; tests await <see cref="Finished"/>
/// instead of sleeping.
/// </summary>
public sealed class SampleLoadStatus
{
    private readonly TaskCompletionSource<SampleLoadState> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _message;
    private int _state = (int)SampleLoadState.Starting;

    public SampleLoadState State => (SampleLoadState)Volatile.Read(ref _state);

    /// <summary>Last progress or the failure, for /readyz and the banner on the search page.</summary>
    public string? Message => _message;

    public bool IsFinished => State is SampleLoadState.Skipped or SampleLoadState.Completed or SampleLoadState.Failed;

    /// <summary>Completes with the final state (Skipped, Completed or Failed).</summary>
    public Task<SampleLoadState> Finished => _finished.Task;

    /// <summary>Records progress; a report that arrives after the end (Progress&lt;T&gt; posts late) changes nothing.</summary>
    internal void Loading(string message)
    {
        lock (_finished)
        {
            if (IsFinished) return;
            _message = message;
            Volatile.Write(ref _state, (int)SampleLoadState.Loading);
        }
    }

    internal void Finish(SampleLoadState state, string message)
    {
        lock (_finished)
        {
            _message = message;
            Volatile.Write(ref _state, (int)state);
        }
        _finished.TrySetResult(state);
    }
}
