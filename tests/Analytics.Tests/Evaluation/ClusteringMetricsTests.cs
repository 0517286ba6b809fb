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
    public void MacroF1_averages_over_gold_classes_counting_a_never_predicted_class_as_zero()
    {
        var s = ClassificationMetrics.Score(["x", "x", "y", "z"], ["x", "x", "x", "x"], "x", 10);
        // x: tp 2, fp 2 → F1 2/3; y and z: 0 → macro 2/9.
        Assert.Equal(2.0 / 9, s.MacroF1, 9);
        Assert.Equal(0.5, s.Accuracy, 9);
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

    [Fact]
    public void Run_on_real_titles_gives_clustering_and_classifier_figures_in_range()
    {
        var path = _folder.File("small.csv");
        File.WriteAllLines(path, File.ReadLines(Samples.TitlesCsv).Take(601));
        var report = Evaluator.Run(path);
        Assert.Equal(600, report.Rows);
        Assert.Equal(6, report.Clustering.Count);
        Assert.Contains(report.Clustering, r => r.Text == Evaluator.Unsegmented);
        Assert.Contains(report.Clustering, r => r.Text == Evaluator.Segmented);
        Assert.All(report.Clustering, r =>
        {
            Assert.InRange(r.Scores.Nmi, 0, 1);
            Assert.InRange(r.Scores.Purity, 0, 1);
            Assert.InRange(r.Scores.Ari, -1, 1);
        });
        Assert.True(report.TechnologyField.Accuracy > report.TechnologyField.MajorityBaselineAccuracy,
            $"accuracy {report.TechnologyField.Accuracy} not above the majority baseline {report.TechnologyField.MajorityBaselineAccuracy}");
    }

    public void Dispose() => _folder.Dispose();
}
