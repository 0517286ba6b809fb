using Analytics.Matching;
using Analytics.Matching.Evaluation;
using Search.Indexer.Records;

namespace Analytics.Tests.Matching;

public sealed class MatchingFusionFitTests
{
    /// <summary>
    /// Needs whose relevant patent BM25 ranks 15th, one signal ranks it first, and another signal ranks other
    /// patents only (a signal that cannot help).
    /// </summary>
    private static List<FittingNeed> Needs(int count)
    {
        var needs = new List<FittingNeed>();
        for (var n = 0; n < count; n++)
        {
            var ids = Enumerable.Range(0, 30).Select(i => $"CN{n:000}{i:000}A").ToList();
            var relevant = ids[14];
            var pool = ids.ToDictionary(id => id, id => new PatentRecord { PublicationNumber = PatentNumber.Parse(id) }, StringComparer.Ordinal);
            var lists = new List<RankedList>
            {
                new(SignalNames.Bm25, 1, ids),
                new(SignalNames.PredictedIpc, 1, [relevant]),
                new(SignalNames.SubTopic, 1, ids.Where(id => id != relevant).Reverse().ToList()),
            };
            var evidence = new MatchEvidence(new NeedProfile([], new NeedElements(), [], []), pool, lists, [], [], new Dictionary<string, double>());
            needs.Add(new FittingNeed($"need{n}", evidence, new Dictionary<string, int> { [relevant] = 2 }, _ => 0));
        }
        return needs;
    }

    [Fact]
    public void Fit_keeps_a_signal_that_helps_and_leaves_out_one_that_does_not()
    {
        var fitted = FusionFit.Fit(Needs(10), [SignalNames.SubTopic, SignalNames.PredictedIpc]);

        Assert.True(fitted.Lists[SignalNames.PredictedIpc] > 0);
        Assert.False(fitted.Lists.ContainsKey(SignalNames.SubTopic));
        Assert.False(fitted.Boosts);
        Assert.Equal(MatchSignals.Bm25 | MatchSignals.PredictedIpc, fitted.Signals);
    }

    [Fact]
    public void Cross_validation_scores_each_fold_with_weights_fitted_on_the_others_and_beats_bm25_alone_here()
    {
        var needs = Needs(10);
        var (heldOut, folds) = FusionFit.CrossValidate(needs, [SignalNames.SubTopic, SignalNames.PredictedIpc], folds: 5);

        Assert.Equal(5, folds.Count);
        Assert.Equal(10, heldOut.Needs);
        Assert.Equal(1.0, heldOut.NdcgAt10, 9);
        Assert.True(FusionFit.Score(needs, FusionWeights.Bm25Alone).NdcgAt10 < 0.1);
        // Every need is held out exactly once.
        Assert.Equal(Enumerable.Repeat(2, 5), FusionFit.Folds(needs, 5, 42).Values.GroupBy(f => f).OrderBy(g => g.Key).Select(g => g.Count()));
    }
}
