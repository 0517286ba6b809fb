namespace Analytics.Evaluation;

/// <summary>Precision, recall and F1 of one class, with its number of gold items (support).</summary>
public sealed record ClassScore(string Label, double Precision, double Recall, double F1, int Support, int Predicted);

/// <summary>How often items of the gold class were given the predicted one.</summary>
public sealed record ConfusedPair(string Gold, string Predicted, int Count);

/// <summary>A classifier's (or a baseline's) predictions scored against gold labels.</summary>
public sealed record ClassificationScores
{
    public double Accuracy { get; init; }
    /// <summary>Mean F1 over the gold classes (a gold class never predicted scores 0; a class only predicted is not averaged).</summary>
    public double MacroF1 { get; init; }
    public int Items { get; init; }
    public int Classes { get; init; }
    /// <summary>Every gold or predicted class, most supported first.</summary>
    public IReadOnlyList<ClassScore> PerClass { get; init; } = [];
    /// <summary>The largest off-diagonal cells of the confusion matrix, largest first.</summary>
    public IReadOnlyList<ConfusedPair> MostConfused { get; init; } = [];
}

public static class ClassificationMetrics
{
    public static ClassificationScores Score(IReadOnlyList<string> gold, IReadOnlyList<string> predicted, int confusedPairs = 10)
    {
        if (gold.Count != predicted.Count) throw new ArgumentException("gold and predicted differ in length");
        var goldCounts = Count(gold);
        var predictedCounts = Count(predicted);
        var cells = new Dictionary<(string Gold, string Predicted), int>();
        var correct = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            if (gold[i] == predicted[i]) correct++;
            cells[(gold[i], predicted[i])] = cells.GetValueOrDefault((gold[i], predicted[i])) + 1;
        }

        var perClass = new List<ClassScore>();
        foreach (var label in goldCounts.Keys.Union(predictedCounts.Keys))
        {
            var tp = cells.GetValueOrDefault((label, label));
            var support = goldCounts.GetValueOrDefault(label);
            var given = predictedCounts.GetValueOrDefault(label);
            var precision = given == 0 ? 0 : (double)tp / given;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = tp == 0 ? 0 : 2.0 * tp / (support + given);
            perClass.Add(new ClassScore(label, precision, recall, f1, support, given));
        }
        perClass.Sort((a, b) => b.Support != a.Support ? b.Support.CompareTo(a.Support) : string.CompareOrdinal(a.Label, b.Label));

        var confused = cells.Where(kv => kv.Key.Gold != kv.Key.Predicted)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Gold, StringComparer.Ordinal).ThenBy(kv => kv.Key.Predicted, StringComparer.Ordinal)
            .Take(confusedPairs)
            .Select(kv => new ConfusedPair(kv.Key.Gold, kv.Key.Predicted, kv.Value))
            .ToList();

        var goldScores = perClass.Where(c => c.Support > 0).ToList();
        return new ClassificationScores
        {
            Accuracy = gold.Count == 0 ? 0 : (double)correct / gold.Count,
            MacroF1 = goldScores.Count == 0 ? 0 : goldScores.Average(c => c.F1),
            Items = gold.Count,
            Classes = goldCounts.Count,
            PerClass = perClass,
            MostConfused = confused,
        };
    }

    private static Dictionary<string, int> Count(IReadOnlyList<string> labels)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var l in labels) counts[l] = counts.GetValueOrDefault(l) + 1;
        return counts;
    }
}
