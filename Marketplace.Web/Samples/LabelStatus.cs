namespace Marketplace.Web.Samples;

public enum LabelState
{
    /// <summary>Not checked yet: the first-start sample load has not finished, or the check is under way.</summary>
    Waiting,
    /// <summary>Training the chain model and labelling the index.</summary>
    Running,
    /// <summary>Every record carries labels of the current version (labelled now or before).</summary>
    Completed,
    /// <summary>Labelling at start is switched off (Analytics:LabelOnStart).</summary>
    Off,
    Failed,
}

/// <summary>
/// Where the start-up labelling stands. Readiness reads it, pages say when labels are being computed,
/// and tests await <see cref="Finished"/> instead of sleeping.
/// </summary>
public sealed class LabelStatus
{
    private readonly TaskCompletionSource<LabelState> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _message;
    private int _state = (int)LabelState.Waiting;

    public LabelState State => (LabelState)Volatile.Read(ref _state);

    /// <summary>Last progress, the outcome or the failure, for /readyz.</summary>
    public string? Message => _message;

    /// <summary>Labels are being computed now: pages say so.</summary>
    public bool IsComputing => State == LabelState.Running;

    public bool IsFinished => State is LabelState.Completed or LabelState.Off or LabelState.Failed;

    /// <summary>Completes with the final state (Completed, Off or Failed).</summary>
    public Task<LabelState> Finished => _finished.Task;

    /// <summary>Records progress; a report that arrives after the end (Progress&lt;T&gt; posts late) changes nothing.</summary>
    internal void Running(string message)
    {
        lock (_finished)
        {
            if (IsFinished) return;
            _message = message;
            Volatile.Write(ref _state, (int)LabelState.Running);
        }
    }

    internal void Finish(LabelState state, string message)
    {
        lock (_finished)
        {
            _message = message;
            Volatile.Write(ref _state, (int)state);
        }
        _finished.TrySetResult(state);
    }
}
