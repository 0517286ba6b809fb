using System.Diagnostics;
using Analytics.Chains;
using Analytics.Taxonomy;
using Analytics.TechnologyFields;
using Microsoft.ML;
using Search.Indexer.Records;

namespace Analytics.Evaluation;

/// <summary>How <see cref="Evaluator"/> runs: folds, seed, which texts, how many confused pairs to list.</summary>
public sealed record EvaluationSettings
{
    public int Folds { get; init; } = 5;
    public int Seed { get; init; } = 42;
    public EvaluationText Text { get; init; } = EvaluationText.All;
    public int ConfusedPairs { get; init; } = 10;
    public bool Clustering { get; init; } = true;
    /// <summary>Only the clusterings: the classification levels are skipped (iterating on sub-topics).</summary>
    public bool ClusteringOnly { get; init; }
    /// <summary>Also the alternative sub-topic representations ADR-025 compares.</summary>
    public bool ClusteringVariants { get; init; }
    /// <summary>The classifiers' trainer and features; null: the product's (<see cref="ChainModelOptions.Classifier"/>).</summary>
    public ClassifierSettings? Classifier { get; init; }
    /// <summary>The precision the chain classifier's probability threshold is chosen for, on predictions held out of the fold scored.</summary>
    public double TargetPrecision { get; init; } = new ChainModelOptions().ChainTargetPrecision;
    /// <summary>Characters of each abstract and first claim the classifiers read (0: all); the product's by default.</summary>
    public int TextChars { get; init; } = new ChainModelOptions().TextChars;
}

/// <summary>
/// The rerunnable evaluation of the product's text models on records read by the loader
/// (<c>Analytics evaluate</c>). Three levels are predicted from text alone by k-fold
/// cross-validation with a fixed seed — IPC section, WIPO technology field and industry chain —
/// each beside a majority baseline and, for chains, the taxonomy's rules applied to the text; and
/// KMeans clusterings of the same texts are scored against IPC section and class.
/// </summary>
public static class Evaluator
{
    public const string SectionLevel = "ipc-section";
    public const string FieldLevel = "technology-field";
    public const string ChainLevel = "industry-chain";

    public const string Unsegmented = "unsegmented";
    public const string SegmentedWords = "segmented words";
    public const string Segmented = "segmented + chars, LSA";
    public const string SubTopicView = "LSA words + chars, spherical KMeans";
    public const string SubTopicChosenK = "LSA words + chars, spherical KMeans, k by silhouette gain";

    /// <summary>What each text view is, for the printed legend.</summary>
    public static readonly IReadOnlyDictionary<string, string> Views = new Dictionary<string, string>
    {
        [Unsegmented] = "ML.NET FeaturizeText on the raw text (word n-grams split on spaces, character trigrams)",
        [SegmentedWords] = "jieba words → keys → TF-IDF word 1–2-grams → L2, ML.NET KMeans: the product's sub-topics before ADR-025",
        [Segmented] = "jieba words and character 1–2-grams, TF-IDF, L2 each, projected on 100 principal components (ML.NET PCA), L2, ML.NET KMeans",
        [SubTopicView] = "the product's sub-topics (ADR-025): " + new LsaSettings().Describe() + ", spherical KMeans (k-means++, 3 restarts)",
        [SubTopicChosenK] = "the same, with k chosen by the silhouette gain over a shuffled reference, over 2 … 2 × the gold classes (at most 16), as the product chooses it within a chain",
    };

    /// <summary>Reads the files and evaluates them.</summary>
    public static EvaluationReport Run(IEnumerable<string> paths, EvaluationSettings settings, IndustryTaxonomy? taxonomy = null,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var corpus = EvaluationCorpus.Read(paths, ct);
        progress?.Report($"read {corpus.Records.Count:N0} records from {corpus.Files.Count} files ({corpus.RejectedRecords} refused, {corpus.Duplicates} duplicates)");
        return Run(corpus, settings, taxonomy ?? IndustryTaxonomy.Default, progress, ct);
    }

    public static EvaluationReport Run(EvaluationCorpus corpus, EvaluationSettings settings, IndustryTaxonomy taxonomy, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (settings.Folds < 2) throw new ArgumentOutOfRangeException(nameof(settings), settings.Folds, "--folds must be at least 2.");
        var items = corpus.Items(settings.Text);
        if (items.Count < settings.Folds * 2)
            throw new InvalidDataException($"{items.Count} records have both text and an IPC (or CPC) code; {settings.Folds}-fold cross-validation needs at least {settings.Folds * 2}.");

        var tokenizer = new PatentTextTokenizer();
        // The classifiers read what the product's read: titles weighted over abstracts and first claims, each cut as the product cuts them.
        var classifier = settings.Classifier ?? new ChainModelOptions().Classifier();
        var classifierTokens = items.Select(i => tokenizer.Parts(i.Record, settings.TextChars).Weighted(classifier.TitleWeight, settings.Text)).ToList();
        progress?.Report($"segmented {items.Count:N0} texts");
        var folds = CrossValidation.AssignFolds(items.Select(i => i.Id).ToList(), settings.Folds, settings.Seed);

        // The three levels are learnt alike from the record's codes (weak supervision) and read from its text alone: IPC would
        // hand the models the gold, and the records they exist for (no IPC, codes the rules do not cover, needs) have none.
        var setup = new ClassifierSetup(classifier.Describe(), rows => TextClassifier.Train(rows, classifier, settings.Seed));
        var levels = settings.ClusteringOnly ? [] : ClassificationLevels(items, classifierTokens, folds, settings, setup, taxonomy, progress, ct);

        var clusterTokens = items.Select(i => tokenizer.Tokenize(i.Text)).ToList();
        var clustering = settings.Clustering || settings.ClusteringOnly ? Cluster(items, clusterTokens, settings, progress, ct) : [];
        return new EvaluationReport
        {
            Inputs = corpus.Files,
            Records = corpus.Records.Count,
            Duplicates = corpus.Duplicates,
            RejectedRecords = corpus.RejectedRecords,
            FirstRejections = corpus.FirstRejections,
            Items = items.Count,
            GoldFromCpc = items.Count(i => i.GoldFromCpc),
            WithAbstract = items.Count(i => i.Record.Abstracts.Count > 0),
            WithFirstClaim = items.Count(i => i.Record.FirstClaims.Count > 0),
            Text = settings.Text,
            Folds = settings.Folds,
            Seed = settings.Seed,
            TaxonomyVersion = taxonomy.Version,
            Classifier = classifier.Spec,
            Levels = levels,
            Clustering = clustering,
        };
    }

    private static List<LevelReport> ClassificationLevels(IReadOnlyList<EvaluationItem> items, List<string> classifierTokens, int[] folds, EvaluationSettings settings,
        ClassifierSetup setup, IndustryTaxonomy taxonomy, IProgress<string>? progress, CancellationToken ct)
    {
        var levels = new List<LevelReport>
        {
            Level(SectionLevel, "IPC section of the main classification", items.Select(i => (string?)i.Section).ToList(), null, "", classifierTokens, folds, settings, setup, null, progress, ct),
        };

        var concordance = TechnologyFieldConcordance.Default;
        var fieldGold = items.Select(i => concordance.FieldOf(i.GoldCodes[0])?.NameEn).ToList();
        levels.Add(Level(FieldLevel, "WIPO technology field (35) of the main classification", fieldGold, null, "main code outside the WIPO concordance", classifierTokens, folds, settings,
            setup, null, progress, ct));

        var rules = new ChainRules(taxonomy);
        var (chainGold, chainExcluded) = ChainGold(items, rules);
        var byRules = items.Select(i => rules.Apply(TextOnly(i.Record, settings.Text)) is { Count: > 0 } fired ? fired[0].ChainId : NoChain).ToList();
        // What the product's labelling hands the classifier: records no rule (codes or keywords) gives a chain.
        var withoutChain = Enumerable.Range(0, items.Count).Where(i => chainGold[i] is null && rules.Apply(items[i].Record).Count == 0).ToList();
        levels.Add(Level(ChainLevel, "the one industry chain the taxonomy's IPC and SEI rules give the record's codes", chainGold, byRules, chainExcluded, classifierTokens, folds, settings,
            setup, withoutChain, progress, ct));

        return levels;
    }

    /// <summary>What the rules baseline predicts when no rule fires.</summary>
    public const string NoChain = "(none)";

    private sealed record ClassifierSetup(string Description, Func<IReadOnlyList<PatentTextRow>, TextClassifier> Train);

    /// <summary>Chain gold: the record's codes alone through the rules (IPC patterns and SEI); kept only when they give exactly one chain.</summary>
    private static (List<string?> Gold, string Excluded) ChainGold(IReadOnlyList<EvaluationItem> items, ChainRules rules)
    {
        var gold = new List<string?>(items.Count);
        int none = 0, several = 0;
        foreach (var item in items)
        {
            var codesOnly = new PatentRecord { PublicationNumber = item.Record.PublicationNumber, IpcCodes = [.. item.GoldCodes] };
            var chains = rules.Apply(codesOnly).Select(a => a.ChainId).Distinct(StringComparer.Ordinal).ToList();
            if (chains.Count == 1) gold.Add(chains[0]);
            else
            {
                gold.Add(null);
                if (chains.Count == 0) none++;
                else several++;
            }
        }
        return (gold, $"{none} with codes no chain covers, {several} with codes in several chains");
    }

    private static PatentRecord TextOnly(PatentRecord r, EvaluationText text) => new()
    {
        PublicationNumber = r.PublicationNumber,
        Titles = r.Titles,
        Abstracts = text >= EvaluationText.TitleAbstract ? r.Abstracts : [],
    };

    private static LevelReport Level(string level, string gold, List<string?> labels, List<string>? rulePredictions, string excludedWhy,
        List<string> tokens, int[] folds, EvaluationSettings settings, ClassifierSetup model, List<int>? withoutChain, IProgress<string>? progress, CancellationToken ct)
    {
        var used = Enumerable.Range(0, labels.Count).Where(i => labels[i] is not null).ToList();
        var report = new LevelReport
        {
            Level = level,
            Gold = gold,
            Items = used.Count,
            Excluded = labels.Count - used.Count,
            ExcludedWhy = labels.Count == used.Count ? null : excludedWhy,
            Classes = used.Select(i => labels[i]).Distinct(StringComparer.Ordinal).Count(),
        };
        if (report.Classes < 2 || used.Count < settings.Folds * 2)
            return report with { Skipped = $"{used.Count} records in {report.Classes} classes: too few to cross-validate in {settings.Folds} folds" };

        var goldLabels = new List<string>();
        var predicted = new List<string>();
        var majority = new List<string>();
        var foldAccuracy = new List<double>();
        var trainSeconds = 0.0;
        // For the calibrated chain figures: each held-out prediction's fold, probability and rightness, and each
        // record without a chain's probability from the model of its fold.
        var heldOut = new List<(int Fold, double Confidence, bool Correct)>();
        var unknown = new List<(int Fold, double Confidence)>();
        for (var f = 0; f < settings.Folds; f++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report($"{level}: fold {f + 1} of {settings.Folds}");
            var train = used.Where(i => folds[i] != f).Select(i => new PatentTextRow { Tokens = tokens[i], Label = labels[i]! }).ToList();
            var test = used.Where(i => folds[i] == f).ToList();
            if (test.Count == 0) continue;
            var mostFrequent = train.GroupBy(r => r.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            // A fold whose training part holds one class cannot train a classifier: it predicts that class.
            List<ClassifiedLabel> predictions;
            if (train.Select(r => r.Label).Distinct().Count() < 2)
                predictions = test.Select(_ => new ClassifiedLabel(mostFrequent, 1)).ToList();
            else
            {
                var watch = Stopwatch.StartNew();
                var trained = model.Train(train);
                trainSeconds += watch.Elapsed.TotalSeconds;
                predictions = [.. trained.Predict(test.Select(i => new PatentTextRow { Tokens = tokens[i] }).ToList())];
                if (withoutChain?.Where(i => folds[i] == f).ToList() is { Count: > 0 } open)
                    unknown.AddRange(trained.Predict(open.Select(i => new PatentTextRow { Tokens = tokens[i] }).ToList()).Select(p => (f, p.Confidence)));
            }
            var guesses = predictions.Select(p => p.Label).ToList();
            var correct = 0;
            for (var t = 0; t < test.Count; t++)
            {
                heldOut.Add((f, predictions[t].Confidence, guesses[t] == labels[test[t]]));
                goldLabels.Add(labels[test[t]]!);
                predicted.Add(guesses[t]);
                majority.Add(mostFrequent);
                if (guesses[t] == labels[test[t]]) correct++;
            }
            foldAccuracy.Add((double)correct / test.Count);
        }

        var modelScores = ClassificationMetrics.Score(goldLabels, predicted, settings.ConfusedPairs);
        var majorityScores = ClassificationMetrics.Score(goldLabels, majority, 0);
        Baseline? rules = null;
        if (rulePredictions is not null)
        {
            var ruleGold = used.Select(i => labels[i]!).ToList();
            var ruleGuess = used.Select(i => rulePredictions[i]).ToList();
            var ruleScores = ClassificationMetrics.Score(ruleGold, ruleGuess, 0);
            rules = new Baseline("the taxonomy's rules on the text alone (keywords; the record's codes hidden), first chain; no rule firing counts as wrong",
                ruleScores.Accuracy, ruleScores.MacroF1, (double)ruleGuess.Count(g => g != NoChain) / Math.Max(1, ruleGuess.Count));
        }
        return report with
        {
            Model = new ModelScores(model.Description, modelScores, foldAccuracy) { TrainSeconds = Math.Round(trainSeconds, 1) },
            Calibrated = withoutChain is null ? null : Calibrate(heldOut, unknown, withoutChain.Count, settings),
            Majority = new Baseline("the most frequent class of each training part", majorityScores.Accuracy, majorityScores.MacroF1, 1),
            Rules = rules,
        };
    }

    /// <summary>
    /// The chain classifier as the product uses it: a label only at or above a probability threshold. Each fold's threshold
    /// is chosen (for <see cref="EvaluationSettings.TargetPrecision"/>) on the held-out predictions of the other folds, then
    /// applied to this fold's: the figures are measured on predictions the threshold was not chosen on.
    /// </summary>
    private static CalibratedChains Calibrate(List<(int Fold, double Confidence, bool Correct)> heldOut, List<(int Fold, double Confidence)> unknown, int withoutChain,
        EvaluationSettings settings)
    {
        var thresholds = new List<double>();
        int given = 0, right = 0, labelledUnknown = 0;
        for (var f = 0; f < settings.Folds; f++)
        {
            var others = heldOut.Where(h => h.Fold != f).Select(h => (h.Confidence, h.Correct)).ToList();
            var threshold = ConfidenceThreshold.Choose(others, settings.TargetPrecision).Threshold;
            thresholds.Add(Math.Round(threshold, 4));
            foreach (var h in heldOut.Where(h => h.Fold == f && h.Confidence >= threshold))
            {
                given++;
                if (h.Correct) right++;
            }
            labelledUnknown += unknown.Count(u => u.Fold == f && u.Confidence >= threshold);
        }
        return new CalibratedChains(settings.TargetPrecision, thresholds,
            given == 0 ? 0 : Math.Round((double)right / given, 4), heldOut.Count == 0 ? 0 : Math.Round((double)given / heldOut.Count, 4),
            withoutChain, withoutChain == 0 ? 0 : Math.Round((double)labelledUnknown / withoutChain, 4));
    }

    /// <summary>100 components, fewer on a small input (a projection needs fewer components than rows).</summary>
    private static int LsaRank(int rows) => Math.Clamp(rows / 2, 2, 100);

    /// <summary>The alternatives to the product's sub-topic space that ADR-025 measured (<c>--clustering-variants</c>).</summary>
    public static readonly IReadOnlyList<(string Name, LsaSettings Settings)> Variants =
    [
        ("LSA words only", new LsaSettings { CharacterNgram = 0 }),
        ("LSA words + char 3-grams", new LsaSettings { CharacterNgram = 3 }),
        ("LSA words + chars, word weight 0.8", new LsaSettings { WordWeight = 0.8 }),
        ("LSA words + chars, rank 30", new LsaSettings { Rank = 30, DocumentsPerDimension = 0 }),
        ("LSA words + chars, rank 50", new LsaSettings { Rank = 50, DocumentsPerDimension = 0 }),
        ("LSA words + chars, rank 100", new LsaSettings { Rank = 100, DocumentsPerDimension = 0 }),
        ("LSA words + chars, rank 200", new LsaSettings { Rank = 200, DocumentsPerDimension = 0 }),
    ];

    private static List<ClusteringRun> Cluster(IReadOnlyList<EvaluationItem> items, List<string> tokens, EvaluationSettings settings, IProgress<string>? progress, CancellationToken ct)
    {
        var seed = settings.Seed;
        var segmented = tokens.Select(t => new PatentTextRow { Tokens = t }).ToList();
        var raw = items.Select(i => new PatentTextRow { Tokens = i.Text }).ToList();
        var runs = new List<ClusteringRun>();
        foreach (var (goldName, gold) in new[] { ("IPC section", items.Select(i => i.Section).ToList()), ("IPC class", items.Select(i => i.Class).ToList()) })
        {
            var k = gold.Distinct(StringComparer.Ordinal).Count();
            foreach (var (view, rows, features, pca) in new (string, List<PatentTextRow>, Func<MLContext, IEstimator<ITransformer>>?, int)[]
                     {
                         (Unsegmented, raw, m => m.Transforms.Text.FeaturizeText(TextFeatures.Features, nameof(PatentTextRow.Tokens)), 0),
                         (SegmentedWords, segmented, m => TextFeatures.TextOnly(m, characters: false), 0),
                         (Segmented, segmented, m => TextFeatures.TextOnly(m, characters: true), LsaRank(rows: items.Count)),
                     })
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report($"KMeans k={k} on {view} vs {goldName}");
                var watch = Stopwatch.StartNew();
                var clusters = TextClusterer.Train(rows, k, seed, features, pca).Assign(rows);
                runs.Add(new ClusteringRun(view, goldName, ClusteringMetrics.Score(clusters, gold), watch.Elapsed.TotalSeconds));
            }

            var spaces = new List<(string, LsaSettings)> { (SubTopicView, new LsaSettings()) };
            if (settings.ClusteringVariants) spaces.AddRange(Variants);
            foreach (var (view, space) in spaces)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report($"spherical KMeans k={k} on {view} vs {goldName}");
                var watch = Stopwatch.StartNew();
                var points = LsaSpace.Fit(tokens, space, seed).Project(tokens);
                var clusters = SphericalKMeans.Cluster(points, k, seed).Assignments;
                runs.Add(new ClusteringRun(view, goldName, ClusteringMetrics.Score(clusters, gold), watch.Elapsed.TotalSeconds) { Product = view == SubTopicView });
            }

            // The product picks k within a chain by the silhouette gain; here the same criterion picks it over the whole
            // input, so the figures show what a chosen k costs or gains against the gold's own number of classes.
            if (goldName == "IPC section")
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report($"spherical KMeans, k by silhouette, vs {goldName}");
                var watch = Stopwatch.StartNew();
                var points = LsaSpace.Fit(tokens, new LsaSettings(), seed).Project(tokens);
                var (chosen, choice) = SphericalKMeans.ChooseK(points, 2, Math.Min(16, 2 * k), seed);
                runs.Add(new ClusteringRun(SubTopicChosenK, goldName, ClusteringMetrics.Score(chosen.Assignments, gold), watch.Elapsed.TotalSeconds) { Choice = choice });
            }
        }
        return runs;
    }
}
