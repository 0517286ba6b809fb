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
/// Fits the fusion's weights on judged needs and measures the fitting honestly: forward selection — starting from
/// BM25 alone, the signal whose best weight (from a grid) raises mean nDCG@10 the most is added, its weights then
/// re-tuned by coordinate ascent, until no signal raises it by at least <see cref="MinGain"/>; the boosts are kept
/// only if they raise it too. A signal that does not help is therefore left out, not weighted down by hand.
/// <see cref="CrossValidate"/> fits on all folds but one and scores the held-out fold (leave-needs-out), so the
/// figure reported for the fitted fusion is on needs its weights never saw.
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

    /// <summary>The weights forward selection chooses on <paramref name="needs"/> among <paramref name="signals"/> (BM25 always in).</summary>
    public static FusionWeights Fit(IReadOnlyList<FittingNeed> needs, IReadOnlyList<string> signals, int k = RankFusion.DefaultK)
    {
        var current = new Dictionary<string, double>(StringComparer.Ordinal) { [SignalNames.Bm25] = 1.0 };
        double Of(Dictionary<string, double> w, bool boosts) => Score(needs, new FusionWeights(w, boosts), k).NdcgAt10;
        var best = Of(current, false);
        while (true)
        {
            (string Signal, double Weight, double Score)? step = null;
            foreach (var s in signals.Where(s => !current.ContainsKey(s)))
                foreach (var w in Grid)
                {
                    var score = Of(new Dictionary<string, double>(current, StringComparer.Ordinal) { [s] = w }, false);
                    if (score > (step?.Score ?? double.MinValue)) step = (s, w, score);
                }
            if (step is not { } chosen || chosen.Score < best + MinGain) break;
            current[chosen.Signal] = chosen.Weight;
            best = chosen.Score;
            // Re-tune each added weight given the others (one round of coordinate ascent; BM25 stays the unit).
            foreach (var s in current.Keys.Where(s => s != SignalNames.Bm25).ToList())
                foreach (var w in Grid)
                {
                    var trial = new Dictionary<string, double>(current, StringComparer.Ordinal) { [s] = w };
                    var score = Of(trial, false);
                    if (score > best) (current, best) = (trial, score);
                }
        }
        var boosts = Of(current, true) >= best + MinGain;
        return new FusionWeights(current, boosts);
    }

    /// <summary>
    /// Leave-needs-out cross-validation: needs dealt into <paramref name="folds"/> folds by a seeded shuffle of their ids;
    /// each fold is ranked with the weights fitted on the others. Returns the held-out scores over all needs and each fold's weights.
    /// </summary>
    public static (FusionScores HeldOut, IReadOnlyList<FusionWeights> FoldWeights) CrossValidate(IReadOnlyList<FittingNeed> needs, IReadOnlyList<string> signals,
        int folds = 5, int seed = 42, int k = RankFusion.DefaultK)
    {
        var fold = Folds(needs, folds, seed);
        var count = fold.Values.Distinct().Count();
        var weights = new List<FusionWeights>();
        double ndcg = 0, r10 = 0, r50 = 0, mrr = 0;
        for (var f = 0; f < count; f++)
        {
            var train = needs.Where(n => fold[n.Id] != f).ToList();
            var test = needs.Where(n => fold[n.Id] == f).ToList();
            var w = Fit(train, signals, k);
            weights.Add(w);
            var s = Score(test, w, k);
            ndcg += s.NdcgAt10 * test.Count;
            r10 += s.RecallAt10 * test.Count;
            r50 += s.RecallAt50 * test.Count;
            mrr += s.Mrr * test.Count;
        }
        var n = Math.Max(1, needs.Count);
        return (new FusionScores(ndcg / n, r10 / n, r50 / n, mrr / n, needs.Count), weights);
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
