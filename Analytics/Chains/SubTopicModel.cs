using System.Text;

namespace Analytics.Chains;

/// <summary>Puts segmented texts into a chain's sub-topics: 0-based cluster per row, -1 where none fits.</summary>
public interface ISubTopicAssigner
{
    int[] Assign(IReadOnlyList<PatentTextRow> rows);
}

/// <summary>How sub-topics are found: the text space, the range of k the criterion chooses from, and its sample.</summary>
public sealed record SubTopicSettings
{
    public LsaSettings Space { get; init; } = new();
    public int MinClusters { get; init; } = 2;
    public int MaxClusters { get; init; } = 8;
    /// <summary>Members the silhouette is computed on (its cost grows with the square).</summary>
    public int SilhouetteSample { get; init; } = 1_500;
}

/// <summary>
/// The sub-topics of one chain: an <see cref="LsaSpace"/> fitted on its members, spherical KMeans in that space
/// with k chosen by the silhouette gain over a shuffled reference (<see cref="SphericalKMeans.ChooseK"/>), and the centroids that place new
/// members. Saved as one small binary file beside the chain classifier.
/// </summary>
public sealed class SubTopicModel : ISubTopicAssigner
{
    public const string FileExtension = ".lsa";
    private const string Magic = "patent-subtopics/1";

    private SubTopicModel(LsaSpace space, float[][] centroids, ClusterCountChoice choice)
    {
        Space = space;
        Centroids = centroids;
        Choice = choice;
    }

    public LsaSpace Space { get; }
    public float[][] Centroids { get; }
    public ClusterCountChoice Choice { get; }
    public int ClusterCount => Centroids.Length;

    /// <summary>Fits the space and the clusters on <paramref name="rows"/>; <paramref name="assignments"/> are the rows' clusters.</summary>
    public static SubTopicModel Train(IReadOnlyList<PatentTextRow> rows, SubTopicSettings settings, int seed, out int[] assignments)
    {
        var space = LsaSpace.Fit(rows.Select(r => r.Tokens).ToList(), settings.Space, seed);
        var points = space.Project(rows.Select(r => r.Tokens).ToList());
        var (clustering, choice) = SphericalKMeans.ChooseK(points, settings.MinClusters, settings.MaxClusters, seed, settings.SilhouetteSample);
        var model = new SubTopicModel(space, clustering.Centroids, choice);
        // The members' clusters as labelling will give them (a text with no known term gets none), so names describe what is labelled.
        assignments = points.Select(p => SphericalKMeans.Nearest(p, model.Centroids)).ToArray();
        return model;
    }

    public int[] Assign(IReadOnlyList<PatentTextRow> rows)
    {
        var points = Space.Project(rows.Select(r => r.Tokens).ToList());
        return points.Select(p => SphericalKMeans.Nearest(p, Centroids)).ToArray();
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(Magic);
        Space.Write(writer);
        writer.Write(Centroids.Length);
        foreach (var c in Centroids)
            foreach (var x in c) writer.Write(x);
        writer.Write(Choice.Criterion);
        writer.Write(Choice.K);
        writer.Write(Choice.Values.Count);
        foreach (var (k, v) in Choice.Values.OrderBy(kv => kv.Key))
        {
            writer.Write(k);
            writer.Write(v);
        }
    }

    public static SubTopicModel Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        var magic = reader.ReadString();
        if (magic != Magic)
            throw new InvalidDataException($"{path} is not a sub-topic model this version reads ({magic}): run 'Analytics train' again.");
        var space = LsaSpace.Read(reader);
        var centroids = new float[reader.ReadInt32()][];
        for (var c = 0; c < centroids.Length; c++)
        {
            centroids[c] = new float[space.Rank];
            for (var d = 0; d < space.Rank; d++) centroids[c][d] = reader.ReadSingle();
        }
        var criterion = reader.ReadString();
        var k = reader.ReadInt32();
        var values = new SortedDictionary<int, double>();
        for (var i = reader.ReadInt32(); i > 0; i--) values[reader.ReadInt32()] = reader.ReadDouble();
        return new SubTopicModel(space, centroids, new ClusterCountChoice(criterion, k, values));
    }
}

/// <summary>Where a chain's sub-topic model lives in a saved chain model's folder, in either generation.</summary>
internal static class SubTopicFiles
{
    /// <summary>The ML.NET KMeans file of models saved before ADR-025.</summary>
    public const string LegacyExtension = ".zip";

    public static void Save(ISubTopicAssigner model, string folder, string chain)
    {
        switch (model)
        {
            case SubTopicModel current:
                current.Save(Path.Combine(folder, chain + SubTopicModel.FileExtension));
                break;
            case TextClusterer legacy:
                legacy.Save(Path.Combine(folder, chain + LegacyExtension));
                break;
            default:
                throw new NotSupportedException($"No file format for a {model.GetType().Name}.");
        }
    }

    /// <summary>The current model when its file is there, else the earlier KMeans one (a model saved before ADR-025 keeps labelling as it did).</summary>
    public static ISubTopicAssigner Load(string folder, string chain, int clusters, int seed)
    {
        var current = Path.Combine(folder, chain + SubTopicModel.FileExtension);
        if (File.Exists(current)) return SubTopicModel.Load(current);
        var legacy = Path.Combine(folder, chain + LegacyExtension);
        if (File.Exists(legacy)) return TextClusterer.Load(legacy, clusters, seed);
        throw new FileNotFoundException($"The chain model names sub-topics of {chain} but their model is missing from {folder}: run 'Analytics train' again.", current);
    }
}
