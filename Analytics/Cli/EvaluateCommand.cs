using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Analytics.Chains;
using Analytics.Evaluation;
using Analytics.Taxonomy;
using Search.Indexer.Bench;
using Spectre.Console;

namespace Analytics.Cli;

/// <summary><c>Analytics evaluate</c>: the text models measured on real files by cross-validation.</summary>
public static class EvaluateCommand
{
    private const int PerClassShown = 12;
    private const int PairsShown = 5;

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string[]>("--input")
        {
            Description = "Files or folders in any format the loader reads (Chinese export CSV/Excel, USPTO XML, DOCDB XML, JSON Lines, the title/IPC CSV); " +
                          "default: samples/cn-titles-ipc/cn_titles_ipc.csv",
            AllowMultipleArgumentsPerToken = true,
        };
        var folds = new Option<int>("--folds") { Description = "Folds of the cross-validation", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fold assignment and of the models", DefaultValueFactory = _ => 42 };
        var text = new Option<EvaluationText>("--text") { Description = "Texts the models read: All (title, abstract, first claim), TitleAbstract or Title", DefaultValueFactory = _ => EvaluationText.All };
        var noClustering = new Option<bool>("--no-clustering") { Description = "Skip the KMeans clusterings (the slowest part on large inputs)" };
        var clusteringOnly = new Option<bool>("--clustering-only") { Description = "Only the clusterings (skip the classification levels)" };
        var variants = new Option<bool>("--clustering-variants") { Description = "Also cluster the alternative sub-topic representations ADR-025 compares" };
        var classifier = new Option<string?>("--classifier")
        {
            Description = "Trainer and features of the classifiers, e.g. 'lbfgs,chars=3,hash=18,title=2,iter=100,l2=1e-6' " +
                          "(trainers: sdca, lbfgs, perceptron, svm, lightgbm); default: the product's (ChainModelOptions)",
        };
        var textChars = new Option<int?>("--text-chars") { Description = "Characters of each abstract and first claim the classifiers read (0: all); default: the product's" };
        var taxonomy = AnalyticsCommands.TaxonomyOption();
        var json = new Option<string?>("--json") { Description = "Also write the figures as JSON to this file ('-' for standard output instead of the tables)" };
        var cmd = new Command("evaluate",
            "Predict IPC section, WIPO technology field and industry chain from text by k-fold cross-validation (accuracy, macro-F1, per-class F1, confused pairs, " +
            "beside majority and rules baselines) and cluster the texts against IPC section and class (NMI, ARI, purity, V-measure)")
        {
            input, folds, seed, text, noClustering, clusteringOnly, variants, classifier, textChars, taxonomy, json,
        };
        cmd.SetAction(async (result, ct) =>
        {
            var paths = result.GetValue(input) is { Length: > 0 } given ? given
                : SamplesFolder.Find() is { } s ? [Path.Combine(s, "cn-titles-ipc", "cn_titles_ipc.csv")] : [];
            if (paths.Length == 0)
            {
                await stderr.WriteLineAsync("No evaluation input: pass --input FILE|FOLDER … (no samples folder found).").ConfigureAwait(false);
                return 2;
            }
            if (result.GetValue(folds) < 2)
            {
                await stderr.WriteLineAsync("--folds must be at least 2.").ConfigureAwait(false);
                return 2;
            }
            var jsonPath = result.GetValue(json);
            ClassifierSettings? classifierSettings = null;
            if (result.GetValue(classifier) is { } spec)
            {
                try
                {
                    classifierSettings = ClassifierSettings.Parse(spec, new ChainModelOptions().Classifier());
                }
                catch (FormatException e)
                {
                    await stderr.WriteLineAsync($"--classifier: {e.Message}").ConfigureAwait(false);
                    return 2;
                }
            }
            var settings = new EvaluationSettings
            {
                Classifier = classifierSettings,
                Folds = result.GetValue(folds),
                Seed = result.GetValue(seed),
                Text = result.GetValue(text),
                Clustering = !result.GetValue(noClustering),
                ClusteringOnly = result.GetValue(clusteringOnly),
                ClusteringVariants = result.GetValue(variants),
            };
            if (result.GetValue(textChars) is { } chars) settings = settings with { TextChars = Math.Max(0, chars) };
            EvaluationReport report;
            try
            {
                var taxonomyPath = result.GetValue(taxonomy);
                var chains = string.IsNullOrWhiteSpace(taxonomyPath) ? IndustryTaxonomy.Default : IndustryTaxonomy.LoadFile(taxonomyPath);
                report = await AnalyticsCommands.WithProgressAsync("Evaluating", jsonPath != "-",
                    p => Task.Run(() => Evaluator.Run(paths, settings, chains, new Progress<string>(m => p.Report(new AnalyticsProgress(m, 0, null))), ct), ct)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }
            var serialized = JsonSerializer.Serialize(report, AnalyticsCommands.PrettyJson);
            if (jsonPath == "-")
            {
                await stdout.WriteLineAsync(serialized).ConfigureAwait(false);
                return 0;
            }
            await PrintAsync(stdout, report).ConfigureAwait(false);
            if (jsonPath is not null)
            {
                await File.WriteAllTextAsync(jsonPath, serialized + Environment.NewLine, ct).ConfigureAwait(false);
                await stdout.WriteLineAsync($"JSON written to {Path.GetFullPath(jsonPath)}").ConfigureAwait(false);
            }
            return 0;
        });
        return cmd;
    }

    private static async Task PrintAsync(TextWriter stdout, EvaluationReport report)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        // Redirected output would otherwise wrap the tables at 80 columns.
        console.Profile.Width = Math.Max(console.Profile.Width, 120);
        foreach (var f in report.Inputs)
            await stdout.WriteLineAsync($"{f.Path}: {f.Format}, {f.Records:N0} records{(f.Rejected > 0 ? $", {f.Rejected:N0} refused" : "")}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"{report.Records:N0} distinct records ({report.Duplicates:N0} duplicates dropped, {report.RejectedRecords:N0} refused); " +
            $"{report.Items:N0} with text and gold codes ({report.GoldFromCpc:N0} gold from CPC), {report.WithAbstract:N0} with an abstract, {report.WithFirstClaim:N0} with a first claim; " +
            $"text {report.Text}, {report.Folds}-fold cross-validation, seed {report.Seed}, taxonomy {report.TaxonomyVersion}").ConfigureAwait(false);
        foreach (var r in report.FirstRejections)
            await stdout.WriteLineAsync($"  refused: {r}").ConfigureAwait(false);

        foreach (var level in report.Levels)
        {
            await stdout.WriteLineAsync().ConfigureAwait(false);
            await stdout.WriteLineAsync($"{level.Level} — gold: {level.Gold}; {level.Items:N0} records in {level.Classes} classes" +
                (level.Excluded > 0 ? $", {level.Excluded:N0} left out ({level.ExcludedWhy})" : "")).ConfigureAwait(false);
            if (level.Model is not { } model || level.Majority is not { } majority)
            {
                await stdout.WriteLineAsync($"  not scored: {level.Skipped}").ConfigureAwait(false);
                continue;
            }
            var table = new Table().AddColumns("", "accuracy", "macro-F1", "coverage");
            table.AddRow("model", F(model.Scores.Accuracy), F(model.Scores.MacroF1), F(1));
            table.AddRow("majority", F(majority.Accuracy), F(majority.MacroF1), F(majority.Coverage));
            if (level.Rules is { } rules) table.AddRow("rules", F(rules.Accuracy), F(rules.MacroF1), F(rules.Coverage));
            console.Write(table);
            await stdout.WriteLineAsync($"  model: {model.Description}; trained in {model.TrainSeconds:0.0} s over all folds").ConfigureAwait(false);
            if (level.Calibrated is { } c)
                await stdout.WriteLineAsync($"  calibrated for precision {F(c.TargetPrecision)} (thresholds {string.Join(" ", c.Thresholds.Select(F))}): precision {F(c.Precision)} " +
                    $"on {F(c.KnownCoverage)} of the held-out records whose chain the rules know; labels {F(c.WithoutChainCoverage)} of the {c.WithoutChain:N0} records no rule gives a chain").ConfigureAwait(false);
            await stdout.WriteLineAsync($"  majority: {majority.Description}").ConfigureAwait(false);
            if (level.Rules is { } described) await stdout.WriteLineAsync($"  rules: {described.Description}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"  fold accuracy: {string.Join(" ", model.FoldAccuracy.Select(F))}").ConfigureAwait(false);
            var shown = model.Scores.PerClass.Where(c => c.Support > 0).Take(PerClassShown).ToList();
            await stdout.WriteLineAsync($"  F1 per class (largest {shown.Count} of {model.Scores.Classes}): " +
                string.Join("; ", shown.Select(c => $"{c.Label} {F(c.F1)} (n={c.Support})"))).ConfigureAwait(false);
            if (model.Scores.MostConfused.Count > 0)
                await stdout.WriteLineAsync("  most confused (gold → predicted): " +
                    string.Join("; ", model.Scores.MostConfused.Take(PairsShown).Select(p => $"{p.Gold} → {p.Predicted} ×{p.Count}"))).ConfigureAwait(false);
        }

        if (report.Clustering.Count > 0)
        {
            await stdout.WriteLineAsync().ConfigureAwait(false);
            var table = new Table().AddColumns("text view", "gold", "k", "NMI", "ARI", "purity", "homog.", "compl.", "V", "seconds");
            foreach (var r in report.Clustering)
                table.AddRow(Markup.Escape(r.View + (r.Product ? " (product)" : "")), r.Gold, r.Scores.Clusters.ToString(CultureInfo.InvariantCulture), F(r.Scores.Nmi), F(r.Scores.Ari),
                    F(r.Scores.Purity), F(r.Scores.Homogeneity), F(r.Scores.Completeness), F(r.Scores.VMeasure), r.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
            console.Write(table);
            foreach (var (name, what) in Evaluator.Views)
                await stdout.WriteLineAsync($"  {name}: {what}").ConfigureAwait(false);
            foreach (var r in report.Clustering.Where(r => r.Choice is not null))
                await stdout.WriteLineAsync($"  {r.View} vs {r.Gold}: {r.Choice!.Describe()}").ConfigureAwait(false);
        }
        await stdout.WriteLineAsync(report.ReferencePoints).ConfigureAwait(false);
    }

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
}
