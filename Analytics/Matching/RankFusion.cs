namespace Analytics.Matching;

/// <summary>One ranked list a signal produced: ids best first, and how much the signal counts.</summary>
public sealed record RankedList(string Signal, double Weight, IReadOnlyList<string> Ids);

/// <summary>An id's fused score and its 1-based rank in each list that holds it.</summary>
public sealed record FusedItem(string Id, double Score, IReadOnlyDictionary<string, int> Ranks)
{
    /// <summary>What each list added to <see cref="Score"/>: weight / (k + rank).</summary>
    public IReadOnlyDictionary<string, double> Contributions { get; init; } = new Dictionary<string, double>();
}

/// <summary>
/// Weighted reciprocal-rank fusion (Cormack, Clarke &amp; Büttcher 2009): an id scores
/// Σ weight / (k + rank) over the lists that hold it. Ranks, not raw scores, are fused, so BM25 scores,
/// classification overlaps and boosts need no common scale; k = 60 damps the difference between the
/// very first places. Ties keep the order of the first list, then the id.
/// </summary>
public static class RankFusion
{
    public const int DefaultK = 60;

    public static IReadOnlyList<FusedItem> Fuse(IReadOnlyList<RankedList> lists, int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var ranks = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var contributions = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var rank = 0;
            foreach (var id in list.Ids)
            {
                if (!seen.Add(id)) continue; // an id counts once per list, at its best rank
                rank++;
                firstSeen.TryAdd(id, firstSeen.Count);
                var add = list.Weight / (k + rank);
                scores[id] = scores.GetValueOrDefault(id) + add;
                (ranks.TryGetValue(id, out var r) ? r : ranks[id] = new(StringComparer.Ordinal))[list.Signal] = rank;
                (contributions.TryGetValue(id, out var c) ? c : contributions[id] = new(StringComparer.Ordinal))[list.Signal] = add;
            }
        }
        return scores
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => firstSeen[kv.Key])
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new FusedItem(kv.Key, kv.Value, ranks[kv.Key]) { Contributions = contributions[kv.Key] })
            .ToList();
    }
}
