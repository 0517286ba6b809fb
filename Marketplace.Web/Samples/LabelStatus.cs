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

/// <summary>Where the start-up labelling stands; pages also say when labels are being computed.</summary>
public sealed class LabelStatus() : StartupWorkStatus<LabelState>(LabelState.Waiting)
{
    /// <summary>Labels are being computed now: pages say so.</summary>
    public bool IsComputing => State == LabelState.Running;

    protected override bool IsFinal(LabelState state) => state is LabelState.Completed or LabelState.Off or LabelState.Failed;

    internal void Running(string message) => Progress(LabelState.Running, message);

    internal void Finish(LabelState state, string message) => Complete(state, message);
}
