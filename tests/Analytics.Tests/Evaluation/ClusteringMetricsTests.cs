using Analytics.Evaluation;
using Analytics.Tests.Support;

namespace Analytics.Tests.Evaluation;

public class ClusteringMetricsTests
{
    [Fact]
    public void Score_of_a_perfect_clustering_with_other_names_is_one_on_every_measure()
    {
        var s = ClusteringMetrics.Score([5, 5, 7, 7, 9], ["H", "H", "G", "G", "A"]);
        Assert.Equal(1.0, s.Nmi, 9);
        Assert.Equal(1.0, s.Ari, 9);
        Assert.Equal(1.0, s.Purity, 9);
    }

    [Fact]
    public void Score_matches_the_textbook_values()
    {
        // gold [0,0,1,1], clusters [0,0,1,2]: NMI (arithmetic) 0.8, ARI 4/7, purity 1 (scikit-learn gives the same).
        var s = ClusteringMetrics.Score([0, 0, 1, 2], ["a", "a", "b", "b"]);
        Assert.Equal(0.8, s.Nmi, 9);
        Assert.Equal(4.0 / 7, s.Ari, 9);
        Assert.Equal(1.0, s.Purity, 9);
    }

    [Fact]
    public void Score_of_one_cluster_for_everything_has_no_information()
    {
        var s = ClusteringMetrics.Score([0, 0, 0, 0], ["a", "a", "b", "c"]);
        Assert.Equal(0, s.Nmi, 9);
        Assert.Equal(0, s.Ari, 9);
        Assert.Equal(0.5, s.Purity, 9);
    }

    [Fact]
    public void Score_of_a_mixed_clustering_matches_the_values_worked_by_hand()
    {
        // Contingency: cluster 0 = {a, a}, cluster 1 = {a, b, b, b}; n = 6.
        var s = ClusteringMetrics.Score([0, 0, 1, 1, 1, 1], ["a", "a", "a", "b", "b", "b"]);
        // Pairs within cells 1 + 0 + 3 = 4, within clusters 1 + 6 = 7, within classes 3 + 3 = 6, all pairs 15:
        // expected 7·6/15 = 2.8, max (7 + 6)/2 = 6.5, ARI = (4 − 2.8)/(6.5 − 2.8) = 12/37.
        Assert.Equal(12.0 / 37, s.Ari, 9);
        Assert.Equal(5.0 / 6, s.Purity, 9);
        // I = 1/3·ln(2) − 1/6·ln(2) + 1/2·ln(3/2); H(classes) = ln 2; H(clusters) = −(1/3·ln 1/3 + 2/3·ln 2/3).
        var mutual = Math.Log(2) / 6 + Math.Log(1.5) / 2;
        var hClasses = Math.Log(2);
        var hClusters = -(Math.Log(1.0 / 3) / 3 + 2 * Math.Log(2.0 / 3) / 3);
        Assert.Equal(2 * mutual / (hClasses + hClusters), s.Nmi, 9);
        Assert.Equal(mutual / hClasses, s.Homogeneity, 9);
        Assert.Equal(mutual / hClusters, s.Completeness, 9);
        Assert.Equal(s.Nmi, s.VMeasure, 9);
        Assert.Equal((0.4787, 0.4591, 0.5), (Math.Round(s.Nmi, 4), Math.Round(s.Homogeneity, 4), Math.Round(s.Completeness, 4)));
    }

    [Fact]
    public void Score_of_pure_but_split_clusters_is_fully_homogeneous_and_two_thirds_complete()
    {
        // Each cluster holds one class, class b is split in two: homogeneity 1, completeness ln2 / (1.5 ln2) = 2/3, V = 0.8.
        var s = ClusteringMetrics.Score([0, 0, 1, 2], ["a", "a", "b", "b"]);
        Assert.Equal(1.0, s.Homogeneity, 9);
        Assert.Equal(2.0 / 3, s.Completeness, 9);
        Assert.Equal(0.8, s.VMeasure, 9);
    }
}

public class ClassificationMetricsTests
{
    [Fact]
    public void Score_of_a_small_confusion_matrix_matches_the_values_worked_by_hand()
    {
        // a: 2 of 3 found, both guesses right → F1 0.8; b: 1 of 2, 1 of 2 guesses → 0.5; c: 1 of 1, 1 of 2 guesses → 2/3.
        var s = ClassificationMetrics.Score(["a", "a", "a", "b", "b", "c"], ["a", "a", "b", "b", "c", "c"]);
        Assert.Equal(4.0 / 6, s.Accuracy, 9);
        Assert.Equal(59.0 / 90, s.MacroF1, 9);
        Assert.Equal(3, s.Classes);
        var a = s.PerClass.Single(c => c.Label == "a");
        Assert.Equal((1.0, 2.0 / 3, 0.8, 3, 2), (a.Precision, a.Recall, a.F1, a.Support, a.Predicted));
        var c = s.PerClass.Single(c => c.Label == "c");
        Assert.Equal((0.5, 1.0, 2.0 / 3), (c.Precision, c.Recall, c.F1));
        Assert.Equal(["a", "b", "c"], s.PerClass.Select(x => x.Label));
        Assert.Equal([new ConfusedPair("a", "b", 1), new ConfusedPair("b", "c", 1)], s.MostConfused);
    }

    [Fact]
    public void MacroF1_counts_a_never_predicted_gold_class_as_zero_and_ignores_a_class_only_predicted()
    {
        var neverPredicted = ClassificationMetrics.Score(["x", "x", "y", "z"], ["x", "x", "x", "x"]);
        // x: tp 2, fp 2 → F1 2/3; y and z: 0 → macro 2/9.
        Assert.Equal(2.0 / 9, neverPredicted.MacroF1, 9);
        Assert.Equal(0.5, neverPredicted.Accuracy, 9);

        var onlyPredicted = ClassificationMetrics.Score(["x", "x"], ["x", "y"]);
        Assert.Equal(2.0 / 3, onlyPredicted.MacroF1, 9);
        Assert.Contains(onlyPredicted.PerClass, c => c.Label == "y" && c.Support == 0 && c.Predicted == 1);
    }
}

public class CrossValidationTests
{
    private static readonly string[] Ids = Enumerable.Range(0, 23).Select(i => $"CN{100 + i}A").ToArray();

    [Fact]
    public void AssignFolds_with_the_same_seed_gives_each_id_the_same_fold_whatever_the_input_order()
    {
        var first = CrossValidation.AssignFolds(Ids, 5, 42);
        var reversed = Ids.Reverse().ToArray();
        var second = CrossValidation.AssignFolds(reversed, 5, 42);
        for (var i = 0; i < Ids.Length; i++)
            Assert.Equal(first[i], second[Ids.Length - 1 - i]);
    }

    [Fact]
    public void AssignFolds_deals_folds_that_differ_in_size_by_at_most_one_and_change_with_the_seed()
    {
        var folds = CrossValidation.AssignFolds(Ids, 5, 42);
        var sizes = folds.GroupBy(f => f).Select(g => g.Count()).ToList();
        Assert.Equal(5, sizes.Count);
        Assert.InRange(sizes.Max() - sizes.Min(), 0, 1);
        Assert.NotEqual(folds, CrossValidation.AssignFolds(Ids, 5, 7));
    }

    [Fact]
    public void AssignFolds_refuses_fewer_than_two_folds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.AssignFolds(Ids, 1, 42));
    }
}

public sealed class EvaluationFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Read_refuses_rows_without_title_or_valid_subclass_with_their_line()
    {
        var path = _folder.File("eval.csv");
        File.WriteAllLines(path, File.ReadLines(Samples.TitlesCsv).Take(4).Concat(["CN1A,,A01M", "CN2A,一种茶叶杀青机,notacode"]));
        var file = TitleIpcFile.Read(path);
        Assert.Equal(3, file.Rows.Count);
        Assert.Equal(2, file.Rejected.Count);
        Assert.Contains(":5: no title", file.Rejected[0], StringComparison.Ordinal);
        Assert.Contains(":6: no valid IPC subclass", file.Rejected[1], StringComparison.Ordinal);
        Assert.Equal(["A01M", "G06F", "H02G"], file.Rows[0].IpcSubclasses);
    }

    [Fact]
    public void Read_without_the_expected_columns_says_which_are_missing()
    {
        var path = _folder.File("wrong.csv");
        File.WriteAllLines(path, ["number,name", "CN1A,一种茶叶杀青机"]);
        var e = Assert.Throws<InvalidDataException>(() => TitleIpcFile.Read(path));
        Assert.Contains("publication_number", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
