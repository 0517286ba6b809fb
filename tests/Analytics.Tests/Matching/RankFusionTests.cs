using Analytics.Matching;
using Analytics.Matching.Evaluation;

namespace Analytics.Tests.Matching;

public sealed class RankFusionTests
{
    [Fact]
    public void Fuse_sums_weight_over_k_plus_rank_across_lists()
    {
        var fused = RankFusion.Fuse(
        [
            new RankedList("bm25", 1.0, ["a", "b", "c"]),
            new RankedList("ipc", 0.5, ["c", "a"]),
        ], k: 60);

        var byId = fused.ToDictionary(f => f.Id);
        Assert.Equal(1.0 / 61 + 0.5 / 62, byId["a"].Score, 12);
        Assert.Equal(1.0 / 62, byId["b"].Score, 12);
        Assert.Equal(1.0 / 63 + 0.5 / 61, byId["c"].Score, 12);
        Assert.Equal(["a", "c", "b"], fused.Select(f => f.Id));
        Assert.Equal(new Dictionary<string, int> { ["bm25"] = 3, ["ipc"] = 1 }, byId["c"].Ranks);
        Assert.Equal(byId["c"].Score, byId["c"].Contributions.Values.Sum(), 12);
    }

    [Fact]
    public void Fuse_counts_an_id_once_per_list_at_its_best_rank()
    {
        var fused = RankFusion.Fuse([new RankedList("bm25", 1.0, ["a", "a", "b"])], k: 0);
        Assert.Equal(1.0, fused.Single(f => f.Id == "a").Score, 12);
        Assert.Equal(0.5, fused.Single(f => f.Id == "b").Score, 12);
    }

    [Fact]
    public void Fuse_ties_keep_the_order_of_the_first_list_that_held_them()
    {
        var fused = RankFusion.Fuse([new RankedList("x", 1.0, ["b"]), new RankedList("y", 1.0, ["a"])]);
        Assert.Equal(["b", "a"], fused.Select(f => f.Id));
    }

    [Fact]
    public void Metrics_on_a_hand_computed_ranking()
    {
        IReadOnlyDictionary<string, int> relevant = new Dictionary<string, int> { ["a"] = 2, ["c"] = 1, ["z"] = 1 };
        IReadOnlyList<string> ranked = ["b", "a", "c", "d"];

        // 2 of min(10, 3) judged ids found.
        Assert.Equal(2.0 / 3, RetrievalMetrics.RecallAt(ranked, relevant, 10), 12);
        // First relevant at rank 2.
        Assert.Equal(0.5, RetrievalMetrics.ReciprocalRank(ranked, relevant, 10), 12);
        // DCG = 3/log2(3) + 1/log2(4); ideal = 3/log2(2) + 1/log2(3) + 1/log2(4).
        var dcg = 3 / Math.Log2(3) + 1 / Math.Log2(4);
        var ideal = 3 + 1 / Math.Log2(3) + 1 / Math.Log2(4);
        Assert.Equal(dcg / ideal, RetrievalMetrics.NdcgAt(ranked, relevant, 10), 12);
        Assert.Equal(0, RetrievalMetrics.ReciprocalRank(["x"], relevant, 10));
    }
}
