using System.Text.Json;
using Analytics.Cli;
using Analytics.Evaluation;
using Analytics.Tests.Support;

namespace Analytics.Tests.Evaluation;

/// <summary>One small evaluation (200 real titles, the Chinese export in two encodings, 3 folds) shared by the tests that only read it.</summary>
public sealed class SmallEvaluation : IDisposable
{
    public static readonly EvaluationSettings Settings = new() { Folds = 3, Seed = 42, Clustering = false };

    public SmallEvaluation()
    {
        TitlesPath = Folder.File("titles.csv");
        File.WriteAllLines(TitlesPath, File.ReadLines(Samples.TitlesCsv).Take(201));
        Inputs = [TitlesPath, Path.Combine(Samples.Folder, "cn-export")];
        Report = Evaluator.Run(Inputs, Settings);
    }

    public TempFolder Folder { get; } = new();
    public string TitlesPath { get; }
    public string[] Inputs { get; }
    public EvaluationReport Report { get; }

    public void Dispose() => Folder.Dispose();
}

public sealed class EvaluatorTests(SmallEvaluation small) : IClassFixture<SmallEvaluation>, IDisposable
{
    private readonly TempFolder _folder = new();

    private static string SharedTestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "SharedTestData", .. parts]);

    [Fact]
    public void Run_reads_titles_csv_Chinese_exports_uspto_xml_and_application_keyed_exports_together_with_their_abstracts_and_claims()
    {
        var titles = _folder.File("titles.csv");
        File.WriteAllLines(titles, File.ReadLines(Samples.TitlesCsv).Take(121));
        string[] inputs =
        [
            titles,
            Path.Combine(Samples.Folder, "cn-export"),
            Path.Combine(Samples.Folder, "uspto-xml", "ipg050104.small.xml"),
            SharedTestData("cn-export-by-application", "cn_applications_minimal.csv"),
        ];

        var report = Evaluator.Run(inputs, SmallEvaluation.Settings with { Clustering = true });

        Assert.Equal(["cn-export-csv", "cn-export-csv", "cn-export-csv", "uspto-xml", "cn-export-csv"], report.Inputs.Select(f => f.Format));
        // The export ships the same 10 rows as UTF-8 and as GB18030: the second copy counts once.
        Assert.Equal(10, report.Duplicates);
        Assert.True(report.WithAbstract >= 13, $"{report.WithAbstract} items with an abstract");
        Assert.True(report.WithFirstClaim > 0, "no item with a first claim");
        Assert.Equal([Evaluator.SectionLevel, Evaluator.FieldLevel, Evaluator.ChainLevel], report.Levels.Select(l => l.Level));
        Assert.All(report.Levels, l =>
        {
            Assert.Null(l.Skipped);
            Assert.Equal(3, l.Model!.FoldAccuracy.Count);
            Assert.InRange(l.Model.Scores.Accuracy, 0, 1);
            Assert.Equal(l.Items, l.Model.Scores.Items);
        });
        Assert.Null(report.Levels[0].Rules);
        Assert.NotNull(report.Levels[2].Rules);
        Assert.Equal(9, report.Clustering.Count);
        Assert.Equal(2, report.Clustering.Count(c => c.Product && c.View == Evaluator.SubTopicView));
        var chosen = Assert.Single(report.Clustering, c => c.Choice is not null);
        Assert.Equal(chosen.Choice!.K, chosen.Scores.Clusters);
        Assert.Equal(chosen.Choice.Values.Values.Max(), chosen.Choice.Values[chosen.Choice.K]);
        Assert.All(report.Clustering, c => Assert.Equal(report.Items, c.Scores.Items));
    }

    [Fact]
    public void Run_twice_with_the_same_seed_gives_the_same_figures_and_another_seed_gives_other_folds()
    {
        var again = Evaluator.Run(small.Inputs, SmallEvaluation.Settings);
        var otherSeed = Evaluator.Run(small.Inputs, SmallEvaluation.Settings with { Seed = 7 });

        // Everything but the training time, which is the machine's.
        static string Figures(EvaluationReport r) => JsonSerializer.Serialize(r with
        {
            Levels = r.Levels.Select(l => l with { Model = l.Model is null ? null : l.Model with { TrainSeconds = 0 } }).ToList(),
        });
        Assert.Equal(Figures(small.Report), Figures(again));
        Assert.NotEqual(small.Report.Levels[0].Model!.FoldAccuracy, otherSeed.Levels[0].Model!.FoldAccuracy);
    }

    [Fact]
    public void Run_on_real_titles_predicts_the_ipc_section_better_than_the_majority_baseline()
    {
        var section = small.Report.Levels.Single(l => l.Level == Evaluator.SectionLevel);
        Assert.True(section.Model!.Scores.Accuracy > section.Majority!.Accuracy,
            $"accuracy {section.Model.Scores.Accuracy} not above the majority baseline {section.Majority.Accuracy}");
        Assert.Equal(small.Report.Items, section.Items);
    }

    [Fact]
    public void Chain_gold_keeps_only_records_whose_codes_give_one_chain_and_says_why_the_others_are_left_out()
    {
        var chain = small.Report.Levels.Single(l => l.Level == Evaluator.ChainLevel);
        Assert.Equal(small.Report.Items, chain.Items + chain.Excluded);
        Assert.True(chain.Excluded > 0);
        Assert.Matches(@"^\d+ with codes no chain covers, \d+ with codes in several chains$", chain.ExcludedWhy);
        Assert.InRange(chain.Rules!.Coverage, 0, 1);
    }

    [Fact]
    public void Chain_level_measures_the_calibrated_classifiers_precision_on_known_chains_and_its_coverage_of_records_without_one()
    {
        var chain = small.Report.Levels.Single(l => l.Level == Evaluator.ChainLevel);
        var calibrated = chain.Calibrated!;

        Assert.Equal(SmallEvaluation.Settings.Folds, calibrated.Thresholds.Count);
        Assert.All(calibrated.Thresholds, t => Assert.InRange(t, 0, 1));
        Assert.Equal(0.8, calibrated.TargetPrecision);
        Assert.InRange(calibrated.Precision, 0, 1);
        Assert.InRange(calibrated.KnownCoverage, 0.01, 1);
        // Records no rule gives a chain are neither gold nor trained on: a subset of those left out.
        Assert.InRange(calibrated.WithoutChain, 1, chain.Excluded);
        Assert.InRange(calibrated.WithoutChainCoverage, 0, 1);
        Assert.All(small.Report.Levels.Where(l => l.Level != Evaluator.ChainLevel), l => Assert.Null(l.Calibrated));
        Assert.Equal(new Analytics.Chains.ChainModelOptions().Classifier().Spec, small.Report.Classifier);
    }

    [Fact]
    public void Report_json_keeps_its_keys()
    {
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(small.Report, AnalyticsCommands.PrettyJson));
        static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();
        var root = doc.RootElement;
        Assert.Equal(["schema", "inputs", "records", "duplicates", "rejectedRecords", "firstRejections", "items", "goldFromCpc", "withAbstract", "withFirstClaim",
            "text", "folds", "seed", "taxonomyVersion", "classifier", "levels", "clustering", "referencePoints"], Keys(root));
        Assert.Equal(EvaluationReport.SchemaVersion, root.GetProperty("schema").GetString());
        Assert.Equal("all", root.GetProperty("text").GetString());
        var level = root.GetProperty("levels")[2];
        Assert.Equal(["level", "gold", "items", "excluded", "excludedWhy", "classes", "skipped", "model", "majority", "rules", "calibrated"], Keys(level));
        Assert.Equal(["description", "scores", "foldAccuracy", "trainSeconds"], Keys(level.GetProperty("model")));
        Assert.Equal(["targetPrecision", "thresholds", "precision", "knownCoverage", "withoutChain", "withoutChainCoverage"], Keys(level.GetProperty("calibrated")));
        Assert.Equal(["accuracy", "macroF1", "items", "classes", "perClass", "mostConfused"], Keys(level.GetProperty("model").GetProperty("scores")));
        Assert.Equal(["label", "precision", "recall", "f1", "support", "predicted"], Keys(level.GetProperty("model").GetProperty("scores").GetProperty("perClass")[0]));
        Assert.Equal(["gold", "predicted", "count"], Keys(level.GetProperty("model").GetProperty("scores").GetProperty("mostConfused")[0]));
        Assert.Equal(["description", "accuracy", "macroF1", "coverage"], Keys(level.GetProperty("rules")));
        Assert.Equal(["path", "format", "records", "rejected"], Keys(root.GetProperty("inputs")[0]));
    }

    [Fact]
    public void Clustering_run_json_keeps_its_keys()
    {
        var run = new ClusteringRun(Evaluator.SegmentedWords, "IPC section", ClusteringMetrics.Score([0, 1], ["a", "b"]), 0.1) { Product = true };
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(run, AnalyticsCommands.PrettyJson));
        Assert.Equal(["view", "gold", "scores", "seconds", "product", "choice"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["nmi", "ari", "purity", "clusters", "classes", "items", "homogeneity", "completeness", "vMeasure"],
            doc.RootElement.GetProperty("scores").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void TextOf_takes_title_then_abstract_then_first_claim_as_asked()
    {
        var record = Samples.Read(Path.Combine(Samples.Folder, "uspto-xml", "ipa061228.one.xml")).Single();
        var title = EvaluationCorpus.TextOf(record, EvaluationText.Title);
        var withAbstract = EvaluationCorpus.TextOf(record, EvaluationText.TitleAbstract);
        var all = EvaluationCorpus.TextOf(record, EvaluationText.All);

        Assert.Equal(record.Titles[0].Text, title);
        Assert.Equal($"{title}\n{record.Abstracts[0].Text}", withAbstract);
        Assert.Equal($"{withAbstract}\n{record.FirstClaims[0].Text}", all);
    }

    [Fact]
    public void Read_of_a_file_no_reader_knows_names_the_file_and_the_formats_expected()
    {
        var binary = _folder.File("photo.csv");
        File.WriteAllBytes(binary, [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0, 1, 2, 3]);

        var e = Assert.Throws<InvalidDataException>(() => EvaluationCorpus.Read([small.TitlesPath, binary]));

        Assert.StartsWith(binary, e.Message, StringComparison.Ordinal);
        Assert.Contains("binary", e.Message, StringComparison.Ordinal);
        Assert.Contains("USPTO full-text XML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_of_a_missing_file_names_it()
    {
        var missing = _folder.File("nothing-here.csv");
        var e = Assert.Throws<InvalidDataException>(() => EvaluationCorpus.Read([missing]));
        Assert.Equal($"{missing}: file not found; expected a patent data file or a folder of them.", e.Message);
    }

    [Fact]
    public void Read_counts_and_quotes_single_bad_records_without_stopping()
    {
        var path = _folder.File("titles-with-a-bad-row.csv");
        File.WriteAllLines(path, File.ReadLines(Samples.TitlesCsv).Take(6).Append("not-a-number,一种茶叶杀青机,A23F"));

        var corpus = EvaluationCorpus.Read([path]);

        Assert.Equal(5, corpus.Records.Count);
        Assert.Equal(1, corpus.RejectedRecords);
        Assert.Contains(":7", corpus.FirstRejections.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_command_writes_the_json_file_and_prints_the_levels()
    {
        var json = _folder.File("figures.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await AnalyticsCommands.Build(stdout, stderr)
            .Parse(["evaluate", "--input", small.TitlesPath, "--folds", "2", "--text", "Title", "--no-clustering", "--json", json]).InvokeAsync();

        Assert.True(code == 0, stderr.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(2, doc.RootElement.GetProperty("folds").GetInt32());
        Assert.Equal("title", doc.RootElement.GetProperty("text").GetString());
        Assert.Contains("ipc-section — gold", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("industry-chain — gold", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_command_on_an_unreadable_file_exits_2_and_names_it()
    {
        var bad = _folder.File("empty.xml");
        File.WriteAllText(bad, "");
        var stderr = new StringWriter();

        var code = await AnalyticsCommands.Build(new StringWriter(), stderr).Parse(["evaluate", "--input", bad]).InvokeAsync();

        Assert.Equal(2, code);
        Assert.Contains($"{bad}: the file is empty", stderr.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
