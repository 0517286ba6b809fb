namespace Analytics.Matching;

/// <summary>
/// The matching configuration the product ships: the signals the site's need pages and alerts pass to
/// <see cref="PatentMatcher.MatchAsync"/>. <c>evaluate-matching</c> marks its run <c>"shipped": true</c>,
/// so a change of what ships is measured against BM25 alone in the same report.
/// </summary>
public static class ShippedMatching
{
    public const MatchSignals Signals = MatchSignals.All;
}
