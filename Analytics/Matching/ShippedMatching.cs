namespace Analytics.Matching;

/// <summary>
/// The matching configuration the product ships: the signals the site's need pages and alerts pass to
/// <see cref="PatentMatcher.MatchAsync"/> and the weights <see cref="MatchingOptions"/> starts from.
/// <c>evaluate-matching</c> marks its run <c>"shipped": true</c>, so a change of what ships is measured
/// against BM25 alone in the same report.
/// </summary>
public static class ShippedMatching
{
    public const MatchSignals Signals = MatchSignals.Bm25 | MatchSignals.Chain | MatchSignals.Ipc | MatchSignals.SubTopic | MatchSignals.Boosts;

    public const double Bm25Weight = 1.0;
    public const double ChainWeight = 0.2;
    public const double IpcWeight = 0.7;
    public const double SubTopicWeight = 0.1;
    public const double RelatedWeight = 0;
    public const double ExpandedWeight = 0;
    public const double PredictedIpcWeight = 0;
}
