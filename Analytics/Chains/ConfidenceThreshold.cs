namespace Analytics.Chains;

/// <summary>A probability threshold chosen on held-out predictions, and what it gave on them.</summary>
/// <param name="Threshold">A label is given when the classifier's probability is at least this.</param>
/// <param name="Precision">Share of the held-out labels given that were right.</param>
/// <param name="Coverage">Share of the held-out records that got a label.</param>
/// <param name="HeldOut">Held-out records the threshold was chosen on.</param>
public sealed record ConfidenceThreshold(double Threshold, double Precision, double Coverage, int HeldOut)
{
    /// <summary>
    /// The lowest threshold whose labels on <paramref name="heldOut"/> (predictions of a model that did not see them) are
    /// right at least <paramref name="targetPrecision"/> of the time: as many labels as the precision allows, and no more.
    /// When no threshold reaches the target, 1 (almost nothing is labelled), so the model stays honest about "no chain".
    /// </summary>
    public static ConfidenceThreshold Choose(IReadOnlyList<(double Confidence, bool Correct)> heldOut, double targetPrecision)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var sorted = heldOut.OrderByDescending(p => p.Confidence).ToList();
        int right = 0, bestCount = 0, bestRight = 0;
        var best = 1.0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Correct) right++;
            // A threshold sits between distinct probabilities: ties are labelled together or not at all.
            if (i + 1 < sorted.Count && sorted[i + 1].Confidence == sorted[i].Confidence) continue;
            if ((double)right / (i + 1) >= targetPrecision)
            {
                best = sorted[i].Confidence;
                bestCount = i + 1;
                bestRight = right;
            }
        }
        return new ConfidenceThreshold(best, bestCount == 0 ? 0 : (double)bestRight / bestCount,
            sorted.Count == 0 ? 0 : (double)bestCount / sorted.Count, sorted.Count);
    }
}
