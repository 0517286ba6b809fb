namespace Analytics.Evaluation;

/// <summary>k-fold assignment that depends only on the ids, the number of folds and the seed.</summary>
public static class CrossValidation
{
    /// <summary>
    /// The fold (0 … <paramref name="folds"/> − 1) of each id, in the order given: the ids are put in
    /// ordinal order (so the order of the input files does not matter), shuffled by a seeded
    /// Fisher–Yates shuffle and dealt round the folds, which therefore differ in size by at most one.
    /// </summary>
    public static int[] AssignFolds(IReadOnlyList<string> ids, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least two folds.");
        var order = Enumerable.Range(0, ids.Count).OrderBy(i => ids[i], StringComparer.Ordinal).ThenBy(i => i).ToArray();
        var random = new Random(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var fold = new int[ids.Count];
        for (var position = 0; position < order.Length; position++) fold[order[position]] = position % folds;
        return fold;
    }
}
