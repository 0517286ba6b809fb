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

/// <summary>Where the first-start sample load stands.</summary>
public sealed class SampleLoadStatus() : StartupWorkStatus<SampleLoadState>(SampleLoadState.Starting)
{
    protected override bool IsFinal(SampleLoadState state) => state is SampleLoadState.Skipped or SampleLoadState.Completed or SampleLoadState.Failed;

    internal void Loading(string message) => Progress(SampleLoadState.Loading, message);

    internal void Finish(SampleLoadState state, string message) => Complete(state, message);
}
