namespace Analytics.Evaluation;

/// <summary>
/// How well clusters agree with gold classes: NMI, ARI and purity, and the V-measure with its two halves
/// (homogeneity: each cluster holds one class; completeness: each class sits in one cluster).
/// </summary>
public sealed record ClusteringScores(double Nmi, double Ari, double Purity, int Clusters, int Classes, int Items)
{
    public double Homogeneity { get; init; }
    public double Completeness { get; init; }
    /// <summary>Harmonic mean of homogeneity and completeness; equal to <see cref="Nmi"/> (arithmetic normalisation) by construction.</summary>
    public double VMeasure { get; init; }
}

/// <summary>
/// External clustering measures computed from the contingency table of clusters × gold classes.
/// NMI is normalised by the arithmetic mean of the two entropies (equal to the V-measure, and to
/// scikit-learn's default); ARI is Hubert and Arabie's adjusted Rand index.
/// </summary>
public static class ClusteringMetrics
{
    public static ClusteringScores Score<TGold>(IReadOnlyList<int> clusters, IReadOnlyList<TGold> gold) where TGold : notnull
    {
        if (clusters.Count != gold.Count) throw new ArgumentException("clusters and gold differ in length");
        var n = clusters.Count;
        if (n == 0) return new ClusteringScores(0, 0, 0, 0, 0, 0);
        var classIds = new Dictionary<TGold, int>();
        var table = new Dictionary<(int Cluster, int Class), long>();
        var clusterSizes = new Dictionary<int, long>();
        var classSizes = new Dictionary<int, long>();
        for (var i = 0; i < n; i++)
        {
            if (!classIds.TryGetValue(gold[i], out var c)) classIds[gold[i]] = c = classIds.Count;
            var k = clusters[i];
            table[(k, c)] = table.GetValueOrDefault((k, c)) + 1;
            clusterSizes[k] = clusterSizes.GetValueOrDefault(k) + 1;
            classSizes[c] = classSizes.GetValueOrDefault(c) + 1;
        }

        double mutual = 0;
        foreach (var ((k, c), count) in table)
            mutual += (double)count / n * Math.Log((double)count * n / (clusterSizes[k] * classSizes[c]));
        var hClusters = Entropy(clusterSizes.Values, n);
        var hClasses = Entropy(classSizes.Values, n);
        var nmi = hClusters + hClasses == 0 ? 1 : 2 * mutual / (hClusters + hClasses);

        var sumCells = table.Values.Sum(Pairs);
        var sumClusters = clusterSizes.Values.Sum(Pairs);
        var sumClasses = classSizes.Values.Sum(Pairs);
        var expected = sumClusters * sumClasses / Pairs(n);
        var max = (sumClusters + sumClasses) / 2;
        var ari = max - expected == 0 ? 1 : (sumCells - expected) / (max - expected);

        var purity = (double)table.GroupBy(kv => kv.Key.Cluster).Sum(g => g.Max(kv => kv.Value)) / n;
        // Rosenberg and Hirschberg: homogeneity = 1 − H(C|K)/H(C) = I/H(C), completeness = I/H(K); both 1 when an entropy is 0.
        var homogeneity = hClasses == 0 ? 1 : mutual / hClasses;
        var completeness = hClusters == 0 ? 1 : mutual / hClusters;
        var vMeasure = homogeneity + completeness == 0 ? 0 : 2 * homogeneity * completeness / (homogeneity + completeness);
        return new ClusteringScores(nmi, ari, purity, clusterSizes.Count, classSizes.Count, n)
        {
            Homogeneity = homogeneity,
            Completeness = completeness,
            VMeasure = vMeasure,
        };
    }

    private static double Pairs(long x) => x * (x - 1) / 2.0;

    private static double Entropy(IEnumerable<long> sizes, int n)
    {
        double h = 0;
        foreach (var s in sizes)
        {
            var p = (double)s / n;
            h -= p * Math.Log(p);
        }
        return h;
    }
}
