using System.Diagnostics;
using Analytics.Chains;
using Analytics.Taxonomy;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Analytics.Matching.Evaluation;

/// <summary>A need with its relevance judgements (id → grade 1 or 2), from a real patent or written by hand.</summary>
public sealed record JudgedNeed(string Id, TechnicalNeed Need, IReadOnlyDictionary<string, int> Relevant);

public sealed record RetrievalScores(double RecallAt10, double NdcgAt10, double Mrr, int Needs)
{
    public double RecallAt50 { get; init; }
}

public sealed record MatchingRun(string Collection, string Configuration, RetrievalScores Scores, double MeanMilliseconds)
{
    /// <summary>This configuration is the one the product ships (<see cref="ShippedMatching.Signals"/> with its weights).</summary>
    public bool Shipped { get; init; }
    /// <summary>The lists and weights fused (<c>bm25×1 + predicted-ipc×0.5 …</c>).</summary>
    public string Weights { get; init; } = "";
    /// <summary>Scored on needs the weights were not fitted on (leave-needs-out folds of the judged needs).</summary>
    public bool HeldOut { get; init; }
}

/// <summary>What fitting chose on all judged needs, and on each cross-validation fold.</summary>
public sealed record FittedFusion(string Weights, MatchSignals Signals, IReadOnlyDictionary<string, double> ListWeights, bool Boosts, IReadOnlyList<string> FoldWeights, int Folds);

public sealed record MatchingEvaluationReport
{
    public int CorpusRecords { get; init; }
    public int DerivedNeeds { get; init; }
    public int HandJudgedNeeds { get; init; }
    /// <summary>Judgements in the judged file (every grade, known patents or not).</summary>
    public int Judgements { get; init; }
    /// <summary>Judged patents the corpus does not hold: they cannot be retrieved, so they are left out of the scores and listed here.</summary>
    public IReadOnlyList<UnknownJudgement> UnknownJudgements { get; init; } = [];
    public required IReadOnlyList<MatchingRun> Runs { get; init; }
    /// <summary>The fusion fitted on all judged needs (what <see cref="ShippedMatching"/> should hold), with each fold's choice.</summary>
    public FittedFusion? Fitted { get; init; }
    /// <summary>The matching model trained on the corpus: related words and IPC-subclass classifier.</summary>
    public MatchingModelManifest? Model { get; init; }
    public string Definitions { get; init; } =
        "Recall@10 = judged-relevant ids in the top 10 / min(10, judged relevant); nDCG@10 with gain 2^grade − 1 against the ideal order of all judgements; " +
        "MRR = mean of 1 / rank of the first relevant id (0 when none in the top 10); Recall@50 as Recall@10 over the top 50. " +
        "\"held out\" runs rank each judged need with weights fitted on the other folds' needs (leave-needs-out, 5 folds, seed 42). Derived needs: a real patent's abstract without its first sentence; " +
        "relevant = that patent (grade 2) and every record sharing its first IPC main group, or subclass when the corpus gives no group (grade 1).";
}

/// <summary>The retrieval measures, on one ranked list.</summary>
public static class RetrievalMetrics
{
    public static double RecallAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant, int k)
    {
        if (relevant.Count == 0) return 0;
        var found = ranked.Take(k).Count(relevant.ContainsKey);
        return (double)found / Math.Min(k, relevant.Count);
    }

    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant, int k)
    {
        static double Gain(int grade) => Math.Pow(2, grade) - 1;
        var dcg = ranked.Take(k).Select((id, i) => relevant.TryGetValue(id, out var g) ? Gain(g) / Math.Log2(i + 2) : 0).Sum();
        var ideal = relevant.Values.OrderDescending().Take(k).Select((g, i) => Gain(g) / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant, int k)
    {
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            if (relevant.ContainsKey(ranked[i])) return 1.0 / (i + 1);
        return 0;
    }
}

/// <summary>
/// The rerunnable matching evaluation (<c>Analytics evaluate-matching</c>): the corpus is indexed and
/// labelled by the product's own pipeline in a temporary folder, needs are derived from real patents'
/// problem statements and read from the hand-judged file, and each configuration (BM25 alone, each
/// signal added, the full fusion) is scored.
/// </summary>
public static class MatchingEvaluation
{
    /// <summary>The signals fitting may choose besides BM25.</summary>
    public static readonly IReadOnlyList<string> FittableSignals =
        [SignalNames.Related, SignalNames.Expanded, SignalNames.PredictedIpc, SignalNames.Ipc, SignalNames.Chain, SignalNames.SubTopic];

    /// <summary>Needs from real patents: the abstract without its first sentence (which restates the title) as the problem statement.</summary>
    public static IReadOnlyList<JudgedNeed> Derive(IReadOnlyList<PatentRecord> corpus, int max = 500)
    {
        var byGroup = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var r in corpus)
            foreach (var key in r.IpcCodes.SelectMany(c => new[] { Classification.MainGroup(c), Classification.Subclass(c) }).OfType<string>().Distinct(StringComparer.Ordinal))
                (byGroup.TryGetValue(key, out var list) ? list : byGroup[key] = []).Add(r.Id);

        var needs = new List<JudgedNeed>();
        foreach (var r in corpus.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (needs.Count >= max) break;
            var text = (r.Abstracts.FirstOrDefault(a => a.Language == "zh") ?? r.Abstracts.FirstOrDefault())?.Text;
            if (text is null || text.Length < 60 || r.IpcCodes.Count == 0) continue;
            var statement = ProblemStatement(text);
            if (statement.Length < 40) continue;
            var key = Classification.MainGroup(r.IpcCodes[0]) ?? Classification.Subclass(r.IpcCodes[0]);
            if (key is null) continue;
            var relevant = byGroup.GetValueOrDefault(key, []).Distinct(StringComparer.Ordinal).ToDictionary(id => id, _ => 1, StringComparer.Ordinal);
            relevant[r.Id] = 2;
            needs.Add(new JudgedNeed("derived:" + r.Id, new TechnicalNeed { Title = "", Description = statement }, relevant));
        }
        return needs;
    }

    /// <summary>The abstract from its second sentence on, at most 300 characters; the whole abstract when the rest is too short.</summary>
    public static string ProblemStatement(string abstractText)
    {
        var text = abstractText.Trim();
        var cut = text.IndexOf('。', StringComparison.Ordinal);
        if (cut < 0) cut = text.IndexOf(". ", StringComparison.Ordinal);
        var rest = cut >= 0 ? text[(cut + 1)..].Trim() : "";
        var statement = rest.Length >= 40 ? rest : text;
        return statement.Length > 300 ? statement[..300] : statement;
    }

    /// <summary>The judged needs of a file with each number in its canonical written form (not yet matched to a corpus: see <see cref="JudgedNeedsFile.Resolve"/>).</summary>
    public static IReadOnlyList<JudgedNeed> LoadHandJudged(Stream json, string source = "hand-judged needs") =>
        JudgedNeedsFile.Read(json, source).Select(n => new JudgedNeed("hand:" + n.Id, n.Need,
            n.Judgements.Where(j => j.Grade > 0).GroupBy(j => j.Number.Canonical, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Max(j => j.Grade), StringComparer.Ordinal))).ToList();

    public static Stream OpenShippedHandJudged() =>
        typeof(MatchingEvaluation).Assembly.GetManifestResourceStream("hand-judged-needs.json")
        ?? throw new InvalidOperationException("The hand-judged needs are not embedded in the Analytics assembly.");

    /// <param name="judged">Judged needs matched to the corpus (<see cref="JudgedNeedsFile.Resolve"/>), with the judgements that named no record;
    /// an id a need names that the corpus lacks is reported beside those.</param>
    public static async Task<MatchingEvaluationReport> RunAsync(IReadOnlyList<PatentRecord> corpus, ResolvedJudgements judged, string workFolder,
        IndustryTaxonomy taxonomy, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var handJudged = judged.Needs;
        var known = corpus.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var unknownJudgements = judged.Unknown.ToList();
        foreach (var need in handJudged)
            foreach (var id in need.Relevant.Keys.Where(id => !known.Contains(id)).Order(StringComparer.Ordinal))
                unknownJudgements.Add(new UnknownJudgement(need.Id.StartsWith("hand:", StringComparison.Ordinal) ? need.Id[5..] : need.Id, id, null));

        var indexFolder = Path.Combine(workFolder, "index");
        using var index = LuceneIndex.Open(indexFolder);
        await index.UpsertAsync(corpus, ct);
        await index.CommitAsync(ct);
        progress?.Report($"indexed {corpus.Count:N0} records");

        var analytics = new PatentAnalytics(new AnalyticsOptions { ModelsPath = Path.Combine(workFolder, "models") }, taxonomy, TimeProvider.System);
        await analytics.TrainAsync(index.ExportAsync(ct), null, ct);
        await analytics.LabelIndexAsync(index, null, ct);
        progress?.Report("trained and labelled (chains, sub-topics, high-value, value index)");

        var model = MatchingModel.Train(corpus);
        progress?.Report($"matching model: {model.Manifest.TermsWithRelated:N0} words with related words, {model.Manifest.IpcSubclasses} IPC subclasses");

        var derived = Derive(corpus);
        var matcher = new PatentMatcher(index, new NeedAnalyzer(new ChainRules(taxonomy)), models: new FixedMatchingModel(model));
        async Task<(List<FittingNeed> Needs, double Ms)> GatherAsync(IReadOnlyList<JudgedNeed> needs)
        {
            var result = new List<FittingNeed>();
            var watch = Stopwatch.StartNew();
            foreach (var need in needs)
            {
                var relevant = need.Relevant.Where(kv => known.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal);
                var evidence = await matcher.GatherAsync(need.Need, MatchSignals.All, ct);
                result.Add(new FittingNeed(need.Id, evidence, relevant, matcher.BoostOf));
            }
            return (result, watch.Elapsed.TotalMilliseconds / Math.Max(1, needs.Count));
        }
        var (judgedNeeds, judgedMs) = await GatherAsync(handJudged);
        progress?.Report($"hand-judged: {handJudged.Count} needs gathered");
        var (derivedNeeds, derivedMs) = await GatherAsync(derived);
        progress?.Report($"derived: {derived.Count} needs gathered");

        // Fitted on the judged needs only: the derived needs are a secondary check and never decide a choice.
        var fitted = FusionFit.Fit(judgedNeeds, FittableSignals);
        var (heldOut, foldWeights) = FusionFit.CrossValidate(judgedNeeds, FittableSignals);
        var shipped = ShippedWeights();
        var runs = new List<MatchingRun>();
        foreach (var (collection, needs, ms) in new[] { ("derived", derivedNeeds, derivedMs), ("hand-judged", judgedNeeds, judgedMs) })
        {
            void Run(string name, FusionWeights w, bool isShipped = false)
            {
                var s = FusionFit.Score(needs, w);
                runs.Add(new MatchingRun(collection, name, new RetrievalScores(s.RecallAt10, s.NdcgAt10, s.Mrr, s.Needs) { RecallAt50 = s.RecallAt50 }, ms)
                    { Shipped = isShipped, Weights = w.ToString() });
            }
            Run("BM25", FusionWeights.Bm25Alone);
            foreach (var signal in FittableSignals)
            {
                Run(signal + " alone", new FusionWeights(new Dictionary<string, double>(StringComparer.Ordinal) { [signal] = 1.0 }, false));
                Run("BM25 + " + signal, new FusionWeights(new Dictionary<string, double>(StringComparer.Ordinal) { [SignalNames.Bm25] = 1.0, [signal] = 1.0 }, false));
            }
            Run("BM25 + boosts", FusionWeights.Bm25Alone with { Boosts = true });
            Run("fitted fusion (all judged)", fitted);
            if (collection == "hand-judged")
            {
                foreach (var signal in FittableSignals)
                {
                    var w1 = new List<FusionWeights>();
                    var one = FusionFit.HeldOut(judgedNeeds, train =>
                    {
                        var w = FusionFit.Tune(train, [signal]);
                        w1.Add(w);
                        return w;
                    });
                    runs.Add(new MatchingRun(collection, $"BM25 + {signal} (fitted)", new RetrievalScores(one.RecallAt10, one.NdcgAt10, one.Mrr, one.Needs) { RecallAt50 = one.RecallAt50 }, ms)
                        { HeldOut = true, Weights = string.Join(" | ", w1.Select(w => w.ToString())) });
                }
                runs.Add(new MatchingRun(collection, "fitted fusion", new RetrievalScores(heldOut.RecallAt10, heldOut.NdcgAt10, heldOut.Mrr, heldOut.Needs) { RecallAt50 = heldOut.RecallAt50 }, ms)
                    { HeldOut = true, Weights = string.Join(" | ", foldWeights.Select(w => w.ToString())) });
            }
            Run("shipped", shipped, isShipped: true);
            progress?.Report($"{collection}: scored");
        }
        return new MatchingEvaluationReport
        {
            CorpusRecords = corpus.Count,
            DerivedNeeds = derived.Count,
            HandJudgedNeeds = handJudged.Count,
            Judgements = judged.Judgements,
            UnknownJudgements = unknownJudgements,
            Runs = runs,
            Fitted = new FittedFusion(fitted.ToString(), fitted.Signals, fitted.Lists, fitted.Boosts, foldWeights.Select(w => w.ToString()).ToList(), foldWeights.Count),
            Model = model.Manifest,
        };
    }

    /// <summary>The configuration the product ships: <see cref="ShippedMatching.Signals"/> with the option defaults' weights.</summary>
    public static FusionWeights ShippedWeights()
    {
        var options = new MatchingOptions();
        var lists = SignalNames.Lists.Where(l => (ShippedMatching.Signals & l.Signal) != 0)
            .ToDictionary(l => l.Name, l => options.WeightOf(l.Name), StringComparer.Ordinal);
        return new FusionWeights(lists, (ShippedMatching.Signals & MatchSignals.Boosts) != 0);
    }
}
