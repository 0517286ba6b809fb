namespace Analytics.Matching.Evaluation;

/// <summary>A fusion's weights by list name (a list left out has none) and whether the preference boosts are added.</summary>
public sealed record FusionWeights(IReadOnlyDictionary<string, double> Lists, bool Boosts)
{
    public static FusionWeights Bm25Alone { get; } = new(new Dictionary<string, double>(StringComparer.Ordinal) { [SignalNames.Bm25] = 1.0 }, false);

    /// <summary>The signals with a weight, as <see cref="MatchSignals"/>.</summary>
    public MatchSignals Signals =>
        Lists.Where(kv => kv.Value > 0).Aggregate(Boosts ? MatchSignals.Boosts : 0, (s, kv) => s | SignalNames.SignalOf(kv.Key));

    public override string ToString() =>
        string.Join(" + ", Lists.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key == SignalNames.Bm25 ? 0 : 1).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => FormattableString.Invariant($"{kv.Key}×{kv.Value:0.##}"))) + (Boosts ? " + boosts" : "");
}

/// <summary>One need's gathered evidence in the form fitting reads fast: each list as id → rank, and each pool id's boost.</summary>
public sealed class FittingNeed
{
    public FittingNeed(string id, MatchEvidence evidence, IReadOnlyDictionary<string, int> relevant, Func<Search.Indexer.Records.PatentRecord, double> boost)
    {
        Id = id;
        Relevant = relevant;
        Lists = evidence.Lists.ToDictionary(
            l => l.Signal,
            l => l.Ids.Select((pid, i) => (pid, i)).GroupBy(x => x.pid, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(x => x.i) + 1, StringComparer.Ordinal),
            StringComparer.Ordinal);
        BmRank = Lists.GetValueOrDefault(SignalNames.Bm25) ?? new Dictionary<string, int>(StringComparer.Ordinal);
        Boosts = evidence.Pool.ToDictionary(kv => kv.Key, kv => boost(kv.Value), StringComparer.Ordinal);
    }

    public string Id { get; }
    public IReadOnlyDictionary<string, int> Relevant { get; }
    public IReadOnlyDictionary<string, Dictionary<string, int>> Lists { get; }
    private IReadOnlyDictionary<string, int> BmRank { get; }
    private IReadOnlyDictionary<string, double> Boosts { get; }

    /// <summary>The top <paramref name="top"/> ids under <paramref name="weights"/>, as <see cref="PatentMatcher.Fuse"/> orders them.</summary>
    public List<string> Rank(FusionWeights weights, int k, int top)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var any = false;
        foreach (var (signal, weight) in weights.Lists)
        {
            if (weight <= 0 || !Lists.TryGetValue(signal, out var ranks)) continue;
            any = true;
            foreach (var (id, rank) in ranks) scores[id] = scores.GetValueOrDefault(id) + weight / (k + rank);
        }
        if (!any)
            foreach (var (id, rank) in BmRank) scores[id] = 1.0 / (k + rank);
        if (weights.Boosts)
            foreach (var id in scores.Keys.ToList()) scores[id] += Boosts.GetValueOrDefault(id) / (k + 1);
        return scores.OrderByDescending(kv => kv.Value).ThenBy(kv => BmRank.GetValueOrDefault(kv.Key, int.MaxValue)).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(top).Select(kv => kv.Key).ToList();
    }
}

/// <summary>Mean scores of a weighting over needs.</summary>
public sealed record FusionScores(double NdcgAt10, double RecallAt10, double RecallAt50, double Mrr, int Needs);

/// <summary>
/// Fits the fusion on judged needs and measures the fitting honestly. A signal is kept only when it beats what is already
/// kept (at first BM25 alone) on needs its weight was not fitted on: with its weights chosen from a grid on all folds but
/// one, it must raise the held-out mean nDCG@10 by at least <see cref="MinGain"/> (leave-needs-out folds); the boosts are
/// kept by the same test. The kept signals' weights are then tuned together by coordinate ascent (BM25 stays the unit).
/// A signal that does not help is therefore left out, not weighted down by hand. <see cref="CrossValidate"/> runs this whole
/// selection inside each training part and scores the held-out fold, so the fitted fusion's reported figure is on
/// needs neither its choice of signals nor its weights saw.
/// </summary>
public static class FusionFit
{
    public const double MinGain = 0.005;
    public static readonly double[] Grid = [0.1, 0.2, 0.35, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0];

    public static FusionScores Score(IReadOnlyList<FittingNeed> needs, FusionWeights weights, int k = RankFusion.DefaultK)
    {
        double ndcg = 0, r10 = 0, r50 = 0, mrr = 0;
        foreach (var need in needs)
        {
            var ranked = need.Rank(weights, k, 50);
            ndcg += RetrievalMetrics.NdcgAt(ranked, need.Relevant, 10);
            r10 += RetrievalMetrics.RecallAt(ranked, need.Relevant, 10);
            r50 += RetrievalMetrics.RecallAt(ranked, need.Relevant, 50);
            mrr += RetrievalMetrics.ReciprocalRank(ranked, need.Relevant, 10);
        }
        var n = Math.Max(1, needs.Count);
        return new FusionScores(ndcg / n, r10 / n, r50 / n, mrr / n, needs.Count);
    }

    /// <summary>Weights for BM25 (1) and every one of <paramref name="signals"/>, tuned by coordinate ascent over <see cref="Grid"/> (two rounds).</summary>
    public static FusionWeights Tune(IReadOnlyList<FittingNeed> needs, IReadOnlyList<string> signals, bool boosts = false, int k = RankFusion.DefaultK, int rounds = 2)
    {
        var current = new Dictionary<string, double>(StringComparer.Ordinal) { [SignalNames.Bm25] = 1.0 };
        foreach (var s in signals) current[s] = 1.0;
        var best = Score(needs, new FusionWeights(current, boosts), k).NdcgAt10;
        for (var round = 0; round < rounds; round++)
            foreach (var s in signals)
                foreach (var w in Grid)
                {
                    var trial = new Dictionary<string, double>(current, StringComparer.Ordinal) { [s] = w };
                    var score = Score(needs, new FusionWeights(trial, boosts), k).NdcgAt10;
                    if (score > best) (current, best) = (trial, score);
                }
        return new FusionWeights(current, boosts);
    }

    /// <summary>
    /// Forward selection judged on held-out needs: starting from BM25 alone, the signal whose addition (weights tuned on
    /// the training folds) raises the held-out mean nDCG@10 the most is added, while that raise is at least
    /// <see cref="MinGain"/>; then the boosts by the same test; then the kept weights are tuned on all <paramref name="needs"/>.
    /// </summary>
    public static FusionWeights Fit(IReadOnlyList<FittingNeed> needs, IReadOnlyList<string> signals, int k = RankFusion.DefaultK)
    {
        var kept = new List<string>();
        var best = Score(needs, FusionWeights.Bm25Alone, k).NdcgAt10;
        while (true)
        {
            (string Signal, double Score)? step = null;
            foreach (var s in signals.Except(kept))
            {
                var trial = kept.Append(s).ToList();
                var score = HeldOut(needs, train => Tune(train, trial, false, k, rounds: 1), k).NdcgAt10;
                if (score > (step?.Score ?? double.MinValue)) step = (s, score);
            }
            if (step is not { } chosen || chosen.Score < best + MinGain) break;
            kept.Add(chosen.Signal);
            best = chosen.Score;
        }
        var boosts = HeldOut(needs, train => Tune(train, kept, true, k, rounds: 1), k).NdcgAt10 >= best + MinGain;
        return Tune(needs, kept, boosts, k);
    }

    /// <summary>
    /// Leave-needs-out cross-validation of the whole fitting (<see cref="Fit"/>): needs dealt into <paramref name="folds"/>
    /// folds by a seeded shuffle of their ids; each fold is ranked with what fitting chose on the others. Returns the
    /// held-out scores over all needs and each fold's choice.
    /// </summary>
    public static (FusionScores HeldOut, IReadOnlyList<FusionWeights> FoldWeights) CrossValidate(IReadOnlyList<FittingNeed> needs, IReadOnlyList<string> signals,
        int folds = 5, int seed = 42, int k = RankFusion.DefaultK)
    {
        var chosen = new List<FusionWeights>();
        var scores = HeldOut(needs, train =>
        {
            var w = Fit(train, signals, k);
            chosen.Add(w);
            return w;
        }, k, folds, seed);
        return (scores, chosen);
    }

    /// <summary>Held-out scores of a fitting procedure: each fold ranked with the weights <paramref name="fit"/> gives on the other folds.</summary>
    public static FusionScores HeldOut(IReadOnlyList<FittingNeed> needs, Func<IReadOnlyList<FittingNeed>, FusionWeights> fit, int k = RankFusion.DefaultK, int folds = 5, int seed = 42)
    {
        var fold = Folds(needs, folds, seed);
        var count = fold.Values.Distinct().Count();
        double ndcg = 0, r10 = 0, r50 = 0, mrr = 0;
        for (var f = 0; f < count; f++)
        {
            var train = needs.Where(n => fold[n.Id] != f).ToList();
            var test = needs.Where(n => fold[n.Id] == f).ToList();
            var s = Score(test, fit(train), k);
            ndcg += s.NdcgAt10 * test.Count;
            r10 += s.RecallAt10 * test.Count;
            r50 += s.RecallAt50 * test.Count;
            mrr += s.Mrr * test.Count;
        }
        var n = Math.Max(1, needs.Count);
        return new FusionScores(ndcg / n, r10 / n, r50 / n, mrr / n, needs.Count);
    }

    /// <summary>Each need's fold: ids sorted, shuffled by the seed, dealt round-robin (fewer folds when there are fewer needs).</summary>
    public static Dictionary<string, int> Folds(IReadOnlyList<FittingNeed> needs, int folds, int seed)
    {
        var random = new Random(seed);
        var ids = needs.Select(n => n.Id).Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(ids);
        var count = Math.Max(1, Math.Min(folds, ids.Length));
        return ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i % count, StringComparer.Ordinal);
    }
}
