using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Analytics.Chains;

/// <summary>
/// KMeans (k-means++ start, one thread, fixed seed) over <see cref="TextFeatures"/> of segmented
/// text: the evaluation's baseline views, and the sub-topics of chain models saved before ADR-025
/// (which still load and label as they did; <see cref="SubTopicModel"/> makes new ones).
/// </summary>
public sealed class TextClusterer : ISubTopicAssigner
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;

    private TextClusterer(MLContext ml, ITransformer model, DataViewSchema schema, int k)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
        ClusterCount = k;
    }

    public int ClusterCount { get; }

    /// <param name="features">Defaults to <see cref="TextFeatures.TextOnly"/>; the evaluation passes ML.NET's own featuriser for the unsegmented baseline.</param>
    /// <param name="pcaRank">When above 0, the sparse features are projected on that many principal components and L2-normalised
    /// again before KMeans (latent semantic analysis), which keeps short texts from collapsing into one big cluster.</param>
    public static TextClusterer Train(IReadOnlyList<PatentTextRow> rows, int k, int seed = 42, Func<MLContext, IEstimator<ITransformer>>? features = null, int pcaRank = 0)
    {
        k = Math.Max(1, Math.Min(k, rows.Select(r => r.Tokens).Distinct(StringComparer.Ordinal).Count()));
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var featurise = (features ?? (m => TextFeatures.TextOnly(m)))(ml);
        if (pcaRank > 0)
            featurise = featurise
                .Append(ml.Transforms.CopyColumns("Sparse", TextFeatures.Features))
                .Append(ml.Transforms.ProjectToPrincipalComponents("Reduced", "Sparse", rank: pcaRank, seed: seed))
                .Append(ml.Transforms.NormalizeLpNorm(TextFeatures.Features, "Reduced"));
        var pipeline = featurise
            .Append(ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                FeatureColumnName = TextFeatures.Features,
                NumberOfClusters = k,
                NumberOfThreads = 1,
                InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
                MaximumNumberOfIterations = 100,
            }));
        var model = pipeline.Fit(data);
        return new TextClusterer(ml, model, data.Schema, k);
    }

    /// <summary>0-based cluster of each row, in order.</summary>
    public int[] Assign(IReadOnlyList<PatentTextRow> rows)
    {
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows));
        var result = new int[rows.Count];
        var i = 0;
        foreach (var p in _ml.Data.CreateEnumerable<ClusterPrediction>(scored, reuseRowObject: true))
            result[i++] = (int)p.Cluster - 1;
        return result;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _ml.Model.Save(_model, _schema, path);
    }

    public static TextClusterer Load(string path, int k, int seed = 42)
    {
        var ml = new MLContext(seed);
        var model = ml.Model.Load(path, out var schema);
        return new TextClusterer(ml, model, schema, k);
    }
}
