using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Analytics.Chains;

/// <summary>A label and how sure the model is of it (its probability, 0–1).</summary>
public readonly record struct ClassifiedLabel(string Label, double Confidence);

/// <summary>
/// A multiclass text classifier (by default maximum entropy trained by SDCA; see <see cref="ClassifierSettings"/>) over <see cref="TextFeatures"/>:
/// trained on the rule-seeded chains to label what the rules miss, and on gold IPC for the
/// technology-field evaluation. Single-threaded training with a fixed seed, so a retrain on the
/// same data gives the same model.
/// </summary>
public sealed class TextClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;

    private TextClassifier(MLContext ml, ITransformer model, DataViewSchema schema, IReadOnlyList<string> labels)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
        Labels = labels;
    }

    /// <summary>The labels the model knows, in its score order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Trains on the rows' tokens (text only) with <paramref name="settings"/> (defaults: <see cref="ClassifierSettings"/>'s).</summary>
    /// <remarks>Weak regularisation suits short titles: on 4,500 titles in 33 fields, L2 1e-6 gave macro-F1 0.33 where 1e-4 gave
    /// 0.27 and 1e-3 0.17; the trainers and features compared on the samples are in ADR-024.</remarks>
    public static TextClassifier Train(IReadOnlyList<PatentTextRow> rows, ClassifierSettings? settings = null, int seed = 42)
    {
        settings ??= new ClassifierSettings();
        if (rows.Select(r => r.Label).Distinct().Count() < 2)
            throw new InvalidOperationException("The classifier needs examples of at least two labels.");
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = TextFeatures.Text(ml, settings)
            .Append(ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(PatentTextRow.Label)))
            // The features are computed once and kept in memory: without the cache every pass of the trainer (and every
            // class of a one-vs-rest) would tokenise and count the n-grams again.
            .AppendCacheCheckpoint(ml)
            .Append(Trainer(ml, settings))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        return new TextClassifier(ml, model, data.Schema, LabelsOf(model, data));
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, ClassifierSettings s)
    {
        const string label = "LabelKey";
        const string features = TextFeatures.Features;
        return s.Trainer switch
        {
            ClassifierTrainer.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, NumberOfThreads = 1, MaximumNumberOfIterations = s.Iterations, L2Regularization = s.L2,
            }),
            ClassifierTrainer.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, MaximumNumberOfIterations = s.Iterations, L2Regularization = s.L2, L1Regularization = 0,
                // One thread: the same data gives the same model, and the machine's other core labels or serves meanwhile.
                NumberOfThreads = 1,
            }),
            // Platt scaling turns each binary score into a probability (OneVersusAll's default calibrator).
            ClassifierTrainer.AveragedPerceptronPlatt => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options
                {
                    LabelColumnName = label, FeatureColumnName = features, NumberOfIterations = Math.Min(s.Iterations, 20), L2Regularization = s.L2,
                }), label),
            ClassifierTrainer.LinearSvmPlatt => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
                {
                    LabelColumnName = label, FeatureColumnName = features, NumberOfIterations = Math.Min(s.Iterations, 20), Lambda = Math.Max(s.L2, 1e-6f),
                }), label),
            _ => ml.MulticlassClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = features, NumberOfIterations = Math.Min(s.Iterations, 200), NumberOfThreads = 1, Seed = 42,
                NumberOfLeaves = 31, MinimumExampleCountPerLeaf = 5, LearningRate = 0.1, Silent = true,
            }),
        };
    }

    private static List<string> LabelsOf(ITransformer model, IDataView data)
    {
        var scored = model.GetOutputSchema(data.Schema);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        scored["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToList();
    }

    /// <summary>Labels for a batch, in order, through one pass of the model (no prediction engine to pool).</summary>
    public IReadOnlyList<ClassifiedLabel> Predict(IReadOnlyList<PatentTextRow> rows)
    {
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows));
        var result = new List<ClassifiedLabel>(rows.Count);
        foreach (var p in _ml.Data.CreateEnumerable<ClassPrediction>(scored, reuseRowObject: true))
            result.Add(new ClassifiedLabel(p.PredictedLabel, p.Score.Length == 0 ? 0 : p.Score.Max() / Sum(p.Score)));
        return result;
    }

    /// <summary>Every label's probability for each row, most probable first.</summary>
    public IReadOnlyList<IReadOnlyList<ClassifiedLabel>> PredictDistribution(IReadOnlyList<PatentTextRow> rows)
    {
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows));
        var result = new List<IReadOnlyList<ClassifiedLabel>>(rows.Count);
        foreach (var p in _ml.Data.CreateEnumerable<ClassPrediction>(scored, reuseRowObject: true))
        {
            var sum = Sum(p.Score);
            result.Add(p.Score.Select((score, i) => new ClassifiedLabel(Labels[i], score / sum)).OrderByDescending(l => l.Confidence).ToList());
        }
        return result;
    }

    // Maximum entropy scores sum to 1 already; one-vs-rest Platt probabilities and boosted trees' need not, and are
    // normalised so that a confidence always reads as a share of the whole.
    private static double Sum(float[] scores)
    {
        double sum = 0;
        foreach (var x in scores) sum += Math.Max(0, x);
        return sum > 0 ? sum : 1;
    }

    /// <summary>
    /// The terms that pushed <paramref name="row"/> towards <paramref name="label"/> the most: each feature's value times
    /// its weight for that label, largest first, positive only. Words and word pairs, IPC codes and character n-grams
    /// as the features name them (word pairs joined by a space), for explaining a label to people.
    /// </summary>
    public IReadOnlyList<string> TopTerms(PatentTextRow row, string label, int count = 5)
    {
        var classIndex = Labels.ToList().IndexOf(label);
        if (classIndex < 0 || ModelParameters() is not { } parameters) return [];
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable([row]));
        var column = scored.Schema[TextFeatures.Features];
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        if (!column.HasSlotNames()) return [];
        column.GetSlotNames(ref names);
        var features = scored.GetColumn<VBuffer<float>>(column).First();
        var weights = default(VBuffer<float>[]);
        parameters.GetWeights(ref weights, out _);
        var classWeights = weights![classIndex];
        return features.Items()
            .Select(f => (Slot: f.Key, Contribution: f.Value * classWeights.GetItemOrDefault(f.Key)))
            .Where(c => c.Contribution > 0)
            .OrderByDescending(c => c.Contribution)
            .Select(c => TermOf(names.GetItemOrDefault(c.Slot).ToString()))
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    private MaximumEntropyModelParameters? ModelParameters() =>
        (_model as IEnumerable<ITransformer>)?.OfType<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>().FirstOrDefault()?.Model;

    // Slot names carry the column they came from ("WordPart.电池|管理", "IpcFeatures.H01M"): the term is what follows it.
    private static string TermOf(string slot)
    {
        var dot = slot.IndexOf('.', StringComparison.Ordinal);
        var (part, term) = dot < 0 ? ("", slot) : (slot[..dot], slot[(dot + 1)..]);
        if (!part.StartsWith("Char", StringComparison.Ordinal)) return term.Replace('|', ' ');
        // ML.NET names the space between two words <␠>: a character n-gram across a word boundary is not a term, and a
        // single character says too little to explain a label.
        if (term.Contains("<␠>", StringComparison.Ordinal)) return "";
        var chars = term.Replace("|", "", StringComparison.Ordinal);
        return chars.Length < 2 ? "" : chars;
    }

    /// <summary>Saves the model with its input schema (an ML.NET zip file).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _ml.Model.Save(_model, _schema, path);
    }

    public static TextClassifier Load(string path, int seed = 42)
    {
        var ml = new MLContext(seed);
        var model = ml.Model.Load(path, out var schema);
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<PatentTextRow>());
        return new TextClassifier(ml, model, schema, LabelsOf(model, empty));
    }
}
