namespace Analytics.Matching;

/// <summary>
/// The matching configuration the product ships: the signals the site's need pages and alerts pass to
/// <see cref="PatentMatcher.MatchAsync"/> and the weights <see cref="MatchingOptions"/> starts from. Chosen by
/// <c>evaluate-matching</c>'s fitting on the 55 judged SME needs (ADR-026): BM25, agreement with the need's chain
/// (from the taxonomy's rules on its text and predicted subclass) and the retrieval inside the IPC subclass the matching
/// model reads in the need's text; every other signal (related words, query expansion, IPC groups of the top hits,
/// sub-topic, boosts) did not raise held-out nDCG@10 and is left out.
/// <c>evaluate-matching</c> marks its run <c>"shipped": true</c>, so a change of what ships is measured against
/// BM25 alone in the same report.
/// </summary>
public static class ShippedMatching
{
    public const MatchSignals Signals = MatchSignals.Bm25 | MatchSignals.Chain | MatchSignals.PredictedIpc;

    public const double Bm25Weight = 1.0;
    public const double ChainWeight = 0.5;
    public const double PredictedIpcWeight = 0.2;
    // Left out by the fitting; the weights stay configurable for an operator who turns a signal back on.
    public const double IpcWeight = 0.7;
    public const double SubTopicWeight = 0.1;
    public const double RelatedWeight = 0.2;
    public const double ExpandedWeight = 1.0;
}
