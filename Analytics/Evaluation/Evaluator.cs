using System.Diagnostics;
using Analytics.Chains;
using Analytics.TechnologyFields;
using Microsoft.ML;

namespace Analytics.Evaluation;

/// <summary>One clustering run: which text view, against which gold level, and its scores.</summary>
public sealed record ClusteringRun(string Text, string Gold, ClusteringScores Scores, double Seconds);

/// <summary>Everything <c>Analytics evaluate</c> prints.</summary>
public sealed record EvaluationReport
{
    public required string Input { get; init; }
    public int Rows { get; init; }
    public int Rejected { get; init; }
    public int Seed { get; init; }
    public required IReadOnlyList<ClusteringRun> Clustering { get; init; }
    public required ClassificationScores TechnologyField { get; init; }
    public int TechnologyFieldUnmapped { get; init; }
    public string ReferencePoints { get; init; } =
        "Literature: NMI / V-measure 0.3–0.5 for text clustering against patent classes; ARI 0.5–0.76 in the best published study.";
}

/// <summary>
/// The rerunnable evaluation over a titles-with-gold-IPC file: KMeans clusterings of the titles
/// (with and without Chinese segmentation) scored against IPC section and class, and the
/// classifier's macro-F1 for the WIPO technology field predicted from title text alone on a held-out
/// fifth of the file.
/// </summary>
public static class Evaluator
{
    public const string Unsegmented = "unsegmented";
    public const string SegmentedWords = "segmented words";
    public const string Segmented = "segmented + chars, LSA";

    /// <summary>What each text view is, for the printed legend.</summary>
    public static readonly IReadOnlyDictionary<string, string> Views = new Dictionary<string, string>
    {
        [Unsegmented] = "ML.NET FeaturizeText on the raw titles (word n-grams split on spaces, character trigrams)",
        [SegmentedWords] = "jieba words → keys → TF-IDF word 1–2-grams → L2",
        [Segmented] = "jieba words and character 1–2-grams, TF-IDF, L2 each, projected on 100 principal components (LSA), L2",
    };

    public static EvaluationReport Run(string path, int seed = 42, IProgress<string>? progress = null)
    {
        var file = TitleIpcFile.Read(path);
        var rows = file.Rows;
        if (rows.Count < 20) throw new InvalidDataException($"{path}: {rows.Count} usable rows; the evaluation needs at least 20.");
        progress?.Report($"read {rows.Count:N0} rows ({file.Rejected.Count} refused)");

        var tokenizer = new PatentTextTokenizer();
        var segmented = rows.Select(r => new PatentTextRow { Tokens = tokenizer.Tokenize(r.Title) }).ToList();
        var raw = rows.Select(r => new PatentTextRow { Tokens = r.Title }).ToList();
        var sections = rows.Select(r => r.IpcSubclasses[0][..1]).ToList();
        var classes = rows.Select(r => r.IpcSubclasses[0][..3]).ToList();

        var runs = new List<ClusteringRun>();
        foreach (var (goldName, gold) in new[] { ("IPC section", sections), ("IPC class", classes) })
        {
            var k = gold.Distinct(StringComparer.Ordinal).Count();
            foreach (var (textName, textRows, features, pca) in new (string, List<PatentTextRow>, Func<MLContext, IEstimator<ITransformer>>?, int)[]
                     {
                         (Unsegmented, raw, m => m.Transforms.Text.FeaturizeText(TextFeatures.Features, nameof(PatentTextRow.Tokens)), 0),
                         (SegmentedWords, segmented, m => TextFeatures.TextOnly(m, characters: false), 0),
                         (Segmented, segmented, m => TextFeatures.TextOnly(m, characters: true), 100),
                     })
            {
                progress?.Report($"KMeans k={k} on {textName} vs {goldName}");
                var watch = Stopwatch.StartNew();
                var clusters = TextClusterer.Train(textRows, k, seed, features, pca).Assign(textRows);
                runs.Add(new ClusteringRun(textName, goldName, ClusteringMetrics.Score(clusters, gold), watch.Elapsed.TotalSeconds));
            }
        }

        progress?.Report("technology-field classifier on titles");
        var concordance = TechnologyFieldConcordance.Default;
        var labelled = new List<(PatentTextRow Row, bool Test)>();
        var unmapped = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (concordance.FieldOf(rows[i].IpcSubclasses[0]) is not { } field)
            {
                unmapped++;
                continue;
            }
            labelled.Add((new PatentTextRow { Tokens = segmented[i].Tokens, Label = field.NameEn }, IsHeldOut(rows[i].PublicationNumber, rows[i].Line)));
        }
        var train = labelled.Where(x => !x.Test).Select(x => x.Row).ToList();
        var test = labelled.Where(x => x.Test).Select(x => x.Row).ToList();
        var classifier = TextClassifier.Train(train, useIpc: false, seed);
        var predicted = classifier.Predict(test).Select(p => p.Label).ToList();
        var majority = train.GroupBy(r => r.Label).OrderByDescending(g => g.Count()).First().Key;
        var scores = ClassificationMetrics.Score(test.Select(r => r.Label).ToList(), predicted, majority, train.Count);

        return new EvaluationReport
        {
            Input = Path.GetFullPath(path),
            Rows = rows.Count,
            Rejected = file.Rejected.Count,
            Seed = seed,
            Clustering = runs,
            TechnologyField = scores,
            TechnologyFieldUnmapped = unmapped,
        };
    }

    /// <summary>A fixed fifth of the file, chosen by a stable hash of the publication number (its line when it has none).</summary>
    internal static bool IsHeldOut(string publicationNumber, long line)
    {
        var key = publicationNumber.Length > 0 ? publicationNumber : line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        uint h = 2166136261;
        foreach (var c in key)
        {
            h ^= c;
            h *= 16777619;
        }
        return h % 5 == 0;
    }
}
