namespace Analytics.Chains;

/// <summary>One clustering of unit vectors: each point's cluster, the unit centroids, and the summed cosine to them.</summary>
public sealed record SphericalClustering(int[] Assignments, float[][] Centroids, double Cohesion)
{
    public int K => Centroids.Length;
}

/// <summary>The number of clusters a measured criterion chose, with the criterion's value for every k tried.</summary>
public sealed record ClusterCountChoice(string Criterion, int K, IReadOnlyDictionary<int, double> Values)
{
    public const string SilhouetteGain = "silhouette gain over a shuffled reference (cosine, LSA space)";

    public string Describe() =>
        $"k = {K} by {Criterion}: " + string.Join(", ", Values.OrderBy(kv => kv.Key).Select(kv => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kv.Key}: {kv.Value:0.000}")));
}

/// <summary>
/// KMeans on the unit sphere (cosine similarity; Dhillon and Modha 2001): k-means++ seeding, a few restarts kept by
/// cohesion, all seeded and single-threaded per run so a seed repeats its result. Text vectors compare by angle, not
/// length, which plain Euclidean KMeans on unnormalised centroids gets wrong.
/// </summary>
public static class SphericalKMeans
{
    public static SphericalClustering Cluster(IReadOnlyList<float[]> points, int k, int seed, int restarts = 3, int maxIterations = 100)
    {
        if (points.Count == 0) return new SphericalClustering([], [], 0);
        k = Math.Clamp(k, 1, points.Count);
        SphericalClustering? best = null;
        for (var r = 0; r < restarts; r++)
        {
            var run = Once(points, k, new Random(HashCode.Combine(seed, r)), maxIterations);
            if (best is null || run.Cohesion > best.Cohesion + 1e-9) best = run;
        }
        return best!;
    }

    /// <summary>The nearest centroid by cosine; -1 for a zero vector (a text sharing no term with the space).</summary>
    public static int Nearest(float[] point, float[][] centroids)
    {
        var best = -1;
        var bestScore = double.NegativeInfinity;
        if (IsZero(point)) return -1;
        for (var c = 0; c < centroids.Length; c++)
        {
            var s = Dot(point, centroids[c]);
            if (s > bestScore) { bestScore = s; best = c; }
        }
        return best;
    }

    private static SphericalClustering Once(IReadOnlyList<float[]> points, int k, Random random, int maxIterations)
    {
        var n = points.Count;
        var dim = points[0].Length;
        var centroids = SeedPlusPlus(points, k, random);
        var assign = new int[n];
        Array.Fill(assign, -1);
        double cohesion = 0;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var changed = 0;
            cohesion = 0;
            for (var i = 0; i < n; i++)
            {
                var best = 0;
                var bestScore = double.NegativeInfinity;
                for (var c = 0; c < k; c++)
                {
                    var s = Dot(points[i], centroids[c]);
                    if (s > bestScore) { bestScore = s; best = c; }
                }
                cohesion += bestScore;
                if (assign[i] != best) { assign[i] = best; changed++; }
            }
            // Stop when (almost) nothing moves: the last few points that flip between near-equal centroids change no figure.
            // The last pass ends after an assignment too, so the assignments are always those the centroids give.
            if (changed <= n / 1000 || iteration == maxIterations - 1) break;
            var sums = new double[k][];
            var sizes = new int[k];
            for (var c = 0; c < k; c++) sums[c] = new double[dim];
            for (var i = 0; i < n; i++)
            {
                sizes[assign[i]]++;
                var p = points[i];
                var s = sums[assign[i]];
                for (var d = 0; d < dim; d++) s[d] += p[d];
            }
            for (var c = 0; c < k; c++)
            {
                if (sizes[c] == 0)
                {
                    // An empty cluster restarts at the point its current centroid fits worst (a zero vector fits none and would stay empty).
                    var worst = Enumerable.Range(0, n).Where(i => !IsZero(points[i])).DefaultIfEmpty(0).MinBy(i => Dot(points[i], centroids[assign[i]]));
                    centroids[c] = (float[])points[worst].Clone();
                    continue;
                }
                var v = new float[dim];
                for (var d = 0; d < dim; d++) v[d] = (float)sums[c][d];
                LsaSpace.Normalise(v);
                centroids[c] = v;
            }
        }
        return new SphericalClustering(assign, centroids, cohesion);
    }

    private static float[][] SeedPlusPlus(IReadOnlyList<float[]> points, int k, Random random)
    {
        var n = points.Count;
        var centroids = new float[k][];
        var candidates = Enumerable.Range(0, n).Where(i => !IsZero(points[i])).DefaultIfEmpty(0).ToArray();
        centroids[0] = (float[])points[candidates[random.Next(candidates.Length)]].Clone();
        // A zero vector (a text with no term of the space) is never a seed: its distance counts as 0.
        var zero = points.Select(IsZero).ToArray();
        var distance = new double[n];
        for (var i = 0; i < n; i++) distance[i] = zero[i] ? 0 : Math.Max(0, 1 - Dot(points[i], centroids[0]));
        for (var c = 1; c < k; c++)
        {
            var total = 0.0;
            for (var i = 0; i < n; i++) total += distance[i] * distance[i];
            var pick = 0;
            if (total <= 0) pick = random.Next(n);
            else
            {
                var target = random.NextDouble() * total;
                for (var i = 0; i < n; i++)
                {
                    target -= distance[i] * distance[i];
                    if (target <= 0) { pick = i; break; }
                    pick = i;
                }
            }
            centroids[c] = (float[])points[pick].Clone();
            for (var i = 0; i < n; i++) distance[i] = zero[i] ? 0 : Math.Min(distance[i], Math.Max(0, 1 - Dot(points[i], centroids[c])));
        }
        return centroids;
    }

    private static bool IsZero(float[] p) => Array.TrueForAll(p, x => x == 0);

    internal static double Dot(float[] a, float[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>
    /// Mean silhouette with cosine distance over at most <paramref name="sampleSize"/> points drawn by the seed (the
    /// same points for every k, so values compare); a point alone in its cluster scores 0.
    /// </summary>
    public static double Silhouette(IReadOnlyList<float[]> points, int[] assignments, int k, int seed, int sampleSize = 1_500)
    {
        var sample = SampleIndices(points.Count, sampleSize, seed);
        return Silhouette(Distances(points, sample), sample.Select(i => assignments[i]).ToArray(), k);
    }

    internal static int[] SampleIndices(int n, int size, int seed)
    {
        if (n <= size) return Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        return Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(size).Order().ToArray();
    }

    internal static float[] Distances(IReadOnlyList<float[]> points, int[] sample)
    {
        var m = sample.Length;
        var d = new float[m * m];
        Parallel.For(0, m, a =>
        {
            for (var b = a + 1; b < m; b++)
            {
                var x = (float)Math.Max(0, 1 - Dot(points[sample[a]], points[sample[b]]));
                d[a * m + b] = x;
                d[b * m + a] = x;
            }
        });
        return d;
    }

    internal static double Silhouette(float[] distances, int[] labels, int k)
    {
        var m = labels.Length;
        if (m < 2 || k < 2) return 0;
        var sizes = new int[k];
        foreach (var l in labels) sizes[l]++;
        double total = 0;
        var sums = new double[k];
        for (var a = 0; a < m; a++)
        {
            Array.Clear(sums);
            for (var b = 0; b < m; b++) if (b != a) sums[labels[b]] += distances[a * m + b];
            var own = labels[a];
            if (sizes[own] <= 1) continue;
            var inside = sums[own] / (sizes[own] - 1);
            var nearest = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
                if (c != own && sizes[c] > 0) nearest = Math.Min(nearest, sums[c] / sizes[c]);
            if (double.IsPositiveInfinity(nearest)) continue;
            var denominator = Math.Max(inside, nearest);
            total += denominator == 0 ? 0 : (nearest - inside) / denominator;
        }
        return total / m;
    }

    /// <summary>
    /// Clusters for every k in the range and keeps the one whose silhouette most exceeds the silhouette of the same k on a
    /// structureless reference (each dimension's values shuffled across the points, as the gap statistic does): on text
    /// in a latent space the plain silhouette grows with k whatever the data, so only the gain over the reference tells
    /// a real grouping from finer slicing. The smaller k wins a tie.
    /// </summary>
    public static (SphericalClustering Clustering, ClusterCountChoice Choice) ChooseK(IReadOnlyList<float[]> points, int minK, int maxK, int seed, int sampleSize = 1_500)
    {
        var sample = SampleIndices(points.Count, sampleSize, seed);
        var distances = Distances(points, sample);
        var reference = ShuffledReference(points, seed);
        var referenceDistances = Distances(reference, sample);
        var values = new SortedDictionary<int, double>();
        SphericalClustering? best = null;
        var bestValue = double.NegativeInfinity;
        maxK = Math.Min(maxK, points.Count - 1);
        for (var k = Math.Max(2, minK); k <= maxK; k++)
        {
            var run = Cluster(points, k, seed);
            var structureless = Cluster(reference, k, seed);
            var value = Silhouette(distances, sample.Select(i => run.Assignments[i]).ToArray(), k)
                        - Silhouette(referenceDistances, sample.Select(i => structureless.Assignments[i]).ToArray(), k);
            values[k] = Math.Round(value, 4);
            if (value > bestValue + 1e-9) { bestValue = value; best = run; }
        }
        best ??= Cluster(points, 1, seed);
        return (best, new ClusterCountChoice(ClusterCountChoice.SilhouetteGain, best.K, values));
    }

    /// <summary>The points with each coordinate permuted across points (seeded), renormalised: the same marginals, no clusters.</summary>
    internal static float[][] ShuffledReference(IReadOnlyList<float[]> points, int seed)
    {
        var n = points.Count;
        var dim = n == 0 ? 0 : points[0].Length;
        var result = new float[n][];
        for (var i = 0; i < n; i++) result[i] = new float[dim];
        var random = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        for (var d = 0; d < dim; d++)
        {
            random.Shuffle(order);
            for (var i = 0; i < n; i++) result[i][d] = points[order[i]][d];
        }
        foreach (var p in result) LsaSpace.Normalise(p);
        return result;
    }
}
