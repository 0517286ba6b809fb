using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.HighValue;
using Analytics.Taxonomy;
using Search.Indexer;
using Search.Indexer.Bench;
using Search.Indexer.Cli;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Records;
using Spectre.Console;

namespace Analytics.Cli;

/// <summary>The <c>Analytics</c> command line: train, label, evaluate, report-sleeping, bench.</summary>
public static class AnalyticsCommands
{
    internal static readonly JsonSerializerOptions PrettyJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Knowledge out of patent records: industry chains (rules + ML.NET), sub-topics, technology fields, high-value flags, value index and sleeping patents.");
        root.Subcommands.Add(TrainCommand(stdout, stderr));
        root.Subcommands.Add(LabelCommand(stdout, stderr));
        root.Subcommands.Add(EvaluateCommand.Build(stdout, stderr));
        root.Subcommands.Add(SleepingCommand(stdout, stderr));
        root.Subcommands.Add(BenchCommand(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Build(stdout, stderr));
        MatchingCommands.AddTo(root, stdout, stderr);
        return root;
    }

    /// <summary>
    /// The index a command reads or labels: the embedded Lucene folder (<c>--index</c>) or, with <c>--engine elasticsearch</c>
    /// (or <c>Search__Engine</c> set as the site reads it), the cluster, so a deployment at scale labels and reports in place.
    /// </summary>
    internal static IndexTarget Target() => new("Index folder (the product's data folder unless given; set PATENT_DATA_DIR to move that)");

    private static Option<string> ModelsOption() => new("--models")
    {
        Description = "Folder of the trained models",
        DefaultValueFactory = _ => new AnalyticsOptions().ModelsPath,
    };

    internal static Option<string?> TaxonomyOption() => new("--taxonomy") { Description = "An edited taxonomy file (default: the one shipped)" };

    private static Option<bool> JsonOption(string what) => new("--json") { Description = $"Print {what} as JSON" };

    private static PatentAnalytics Analytics(string models, string? taxonomyPath, Action<AnalyticsOptions>? configure = null)
    {
        var options = new AnalyticsOptions { ModelsPath = models, TaxonomyPath = taxonomyPath };
        configure?.Invoke(options);
        var taxonomy = string.IsNullOrWhiteSpace(taxonomyPath) ? IndustryTaxonomy.Default : IndustryTaxonomy.LoadFile(taxonomyPath);
        return new PatentAnalytics(options, taxonomy, TimeProvider.System);
    }

    private static Command TrainCommand(TextWriter stdout, TextWriter stderr)
    {
        var target = AnalyticsCommands.Target();
        var models = ModelsOption();
        var taxonomy = TaxonomyOption();
        var json = JsonOption("the manifest");
        var input = new Option<string[]>("--input") { Description = "Train on these files or folders (any format the loader reads) instead of the index", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("train", "Label patents by the taxonomy's rules, train the chain classifier on them and KMeans sub-topics per chain; save the models")
        {
            models, taxonomy, input, json,
        };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            var analytics = Analytics(result.GetValue(models)!, result.GetValue(taxonomy));
            // The running site labels with the models in the default folder and trains there itself: writing them
            // under it would change its labels mid-run. Training into another folder reads beside it.
            if (SameFolder(analytics.Options.ModelsPath, new AnalyticsOptions().ModelsPath) && !target.IsElasticsearch(result) && Search.Indexer.Engine.Lucene.LuceneIndex.IsHeldByWriter(result.GetValue(target.Index)!))
            {
                await stderr.WriteLineAsync($"The web application runs on {Path.GetFullPath(result.GetValue(target.Index)!)} and uses the models in {analytics.Options.ModelsPath}. " +
                    "Stop the site and train again (or let it train at its next start), or train into another folder with --models.").ConfigureAwait(false);
                return 3;
            }
            var files = result.GetValue(input) ?? [];
            Search.Indexer.Engine.IPatentIndex? engine = null;
            if (files.Length == 0)
            {
                engine = target.Open(result, stderr, IndexAccess.Read);
                if (engine is null) return 3;
            }
            using (engine)
            {
                var records = engine is null ? ReadFiles(files, ct) : engine.ExportAsync(ct);
                try
                {
                    // What an interrupted training left behind goes first; the site does the same when it starts.
                    analytics.Store.CleanUp();
                    var outcome = await WithProgressAsync("Training", !result.GetValue(json), p => analytics.TrainVersionAsync(records, p, ct)).ConfigureAwait(false);
                    if (result.GetValue(json)) await stdout.WriteLineAsync(JsonSerializer.Serialize(outcome.Manifest, PrettyJson)).ConfigureAwait(false);
                    else await WriteManifestAsync(stdout, outcome, analytics.Store.FolderOf(outcome.Manifest.Version)).ConfigureAwait(false);
                    return 0;
                }
                catch (InvalidOperationException e)
                {
                    await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                    return 1;
                }
            }
        }));
        return cmd;
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    internal static async IAsyncEnumerable<PatentRecord> ReadFiles(string[] paths, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        foreach (var file in PatentLoader.ExpandPaths(paths))
        {
            var detection = DefaultReaders.Catalog.Detect(file.FullName);
            if (detection.Reader is null) continue;
            using var stream = file.OpenRead();
            foreach (var r in detection.Reader.Create().Read(stream, file.Name, ct))
                if (r.Record is { } record) yield return record;
        }
    }

    private static async Task WriteManifestAsync(TextWriter stdout, TrainingOutcome outcome, string folder)
    {
        var m = outcome.Manifest;
        await stdout.WriteLineAsync($"Trained on {m.TrainingRecords:N0} of {m.SeedLabelled:N0} rule-labelled patents (taxonomy {m.TaxonomyVersion}, seed {m.Seed}); models in {folder}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"Version {m.Version} {(outcome.Activated ? "is active" : "is saved but not active")}: {outcome.Reason}").ConfigureAwait(false);
        if (m.Evaluation is { } e)
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Held out: chain precision {e.ChainPrecision:0.000}, coverage {e.ChainCoverage:0.000} ({e.ChainHeldOut:N0} records), {e.WithoutChainCoverage:0.000} of {e.WithoutChainHeldOut:N0} without a rule's chain labelled; technology field accuracy {e.FieldAccuracy:0.000}, macro-F1 {e.FieldMacroF1:0.000} ({e.FieldHeldOut:N0} records); IPC section accuracy {e.SectionAccuracy:0.000} ({e.SectionHeldOut:N0} records)")).ConfigureAwait(false);
        foreach (var (chain, n) in m.SeedsPerChain.OrderByDescending(kv => kv.Value))
        {
            await stdout.WriteLineAsync($"  {chain,-28} {n,9:N0} seeds").ConfigureAwait(false);
            if (m.SubTopicChoices.GetValueOrDefault(chain) is { } choice) await stdout.WriteLineAsync($"      sub-topics: {choice.Describe()}").ConfigureAwait(false);
            foreach (var t in m.SubTopics.GetValueOrDefault(chain) ?? [])
                await stdout.WriteLineAsync($"      {t.Label} ({t.Size:N0})").ConfigureAwait(false);
        }
    }

    private static Command LabelCommand(TextWriter stdout, TextWriter stderr)
    {
        var target = AnalyticsCommands.Target();
        var models = ModelsOption();
        var taxonomy = TaxonomyOption();
        var json = JsonOption("the summary");
        var awards = new Option<string?>("--awards") { Description = "Award list (CSV/Excel: publication_number or 公开号, award or 奖项, optional year)" };
        var pledges = new Option<string?>("--pledges") { Description = "Pledge register (CSV/Excel: publication_number or 公开号, amount_wan_cny or 质押金额（万元）, optional date)" };
        var threshold = new Option<decimal>("--pledge-threshold") { Description = "Pledge financing (万元) that counts as high", DefaultValueFactory = _ => 500m };
        var batch = new Option<int>("--batch-size") { Description = "Records labelled and written back per batch", DefaultValueFactory = _ => 5_000 };
        var cmd = new Command("label", "Label every patent in the index (chains, sub-topics, technology fields, high-value flags, value index) and write the labels back as facet fields")
        {
            models, taxonomy, awards, pledges, threshold, batch, json,
        };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            PatentAnalytics analytics;
            try
            {
                analytics = Analytics(result.GetValue(models)!, result.GetValue(taxonomy), o =>
                {
                    o.AwardsFile = result.GetValue(awards);
                    o.PledgesFile = result.GetValue(pledges);
                    o.HighValue.PledgeThresholdCny = result.GetValue(threshold) * 10_000m;
                    o.BatchSize = Math.Max(100, result.GetValue(batch));
                });
                _ = analytics.HighValueAssessor();
                using var check = analytics.LoadModel();
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or InvalidOperationException)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }
            using var engine = target.Open(result, stderr, IndexAccess.Write);
            if (engine is null) return 3;
            var summary = await WithProgressAsync("Labelling", !result.GetValue(json), p => analytics.LabelIndexAsync(engine, p, ct)).ConfigureAwait(false);
            if (result.GetValue(json)) await stdout.WriteLineAsync(JsonSerializer.Serialize(summary, PrettyJson)).ConfigureAwait(false);
            else
                await stdout.WriteLineAsync(
                    $"Labelled {summary.Records:N0} patents in {summary.Elapsed.TotalSeconds:F1} s: {summary.WithChain:N0} with a chain ({summary.ByRules:N0} by rules, {summary.ByModel:N0} by the classifier), " +
                    $"{summary.HighValue:N0} high-value ({summary.HighValueUnknown:N0} unknown), {summary.WithValueIndex:N0} with a value index.").ConfigureAwait(false);
            return 0;
        }));
        return cmd;
    }

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);

    private static Command SleepingCommand(TextWriter stdout, TextWriter stderr)
    {
        var target = AnalyticsCommands.Target();
        var json = JsonOption("the report");
        var owners = new Option<Search.Indexer.Records.PartyType[]>("--owner") { Description = "Owner types to screen (repeatable; default University and ResearchInstitute)", AllowMultipleArgumentsPerToken = true };
        var applicants = new Option<string[]>("--applicant") { Description = "Screen only this portfolio: patents with an applicant whose name contains one of these (repeatable, e.g. a university's name and its variants)" };
        var years = new Option<int>("--min-years") { Description = "Years since grant at least", DefaultValueFactory = _ => 3 };
        var implemented = new Option<string?>("--implemented") { Description = "List of implemented patents (CSV/Excel with a publication_number or 公开号 column)" };
        var unknown = new Option<bool>("--include-unknown") { Description = "Also list patents no rule stops but some rule cannot decide (e.g. no implementation list uploaded)" };
        var top = new Option<int>("--top") { Description = "Show at most this many", DefaultValueFactory = _ => 50 };
        var cmd = new Command("report-sleeping", "Screen the index for sleeping patents by explicit rules and rank them by value index")
        {
            owners, applicants, years, implemented, unknown, top, json,
        };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            var analytics = Analytics(new AnalyticsOptions().ModelsPath, null, o => o.ImplementedFile = result.GetValue(implemented));
            var rules = new Sleeping.SleepingPatentOptions { MinYearsSinceGrant = result.GetValue(years) };
            if (result.GetValue(owners) is { Length: > 0 } o) rules.OwnerTypes = [.. o];
            if (result.GetValue(applicants) is { Length: > 0 } names) rules.OwnerNames = [.. names];
            if (string.IsNullOrWhiteSpace(result.GetValue(implemented))) rules.RequireNoImplementation = false;
            using var engine = target.Open(result, stderr, IndexAccess.Read);
            if (engine is null) return 3;
            IReadOnlyList<SleepingPatent> found;
            try
            {
                found = await WithProgressAsync("Screening", !result.GetValue(json), p => analytics.SleepingReportAsync(engine, rules, result.GetValue(unknown), p, ct)).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }
            var shown = found.Take(Math.Max(1, result.GetValue(top))).ToList();
            if (result.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new { total = found.Count, patents = shown }, PrettyJson)).ConfigureAwait(false);
                return 0;
            }
            await stdout.WriteLineAsync($"{found.Count(f => f.Assessment.Verdict == Finding.Met):N0} sleeping patents" +
                (result.GetValue(unknown) ? $", {found.Count(f => f.Assessment.Verdict == Finding.Unknown):N0} undecided" : "") +
                $" (owners {string.Join(", ", rules.OwnerTypes)}, at least {rules.MinYearsSinceGrant} years since grant)").ConfigureAwait(false);
            foreach (var s in shown)
            {
                await stdout.WriteLineAsync($"{s.Id}  value {(s.Value.Index is { } v ? F(v) : "n/a")} (data for {s.Value.Coverage:P0} of the weight)  {s.Title}  — {s.Owners}").ConfigureAwait(false);
                foreach (var r in s.Assessment.Deciding)
                    await stdout.WriteLineAsync($"    {r}").ConfigureAwait(false);
            }
            return 0;
        }));
        return cmd;
    }

    private static Command BenchCommand(TextWriter stdout, TextWriter stderr)
    {
        var train = new Option<int>("--train") { Description = "Records to train on", DefaultValueFactory = _ => 100_000 };
        var label = new Option<int>("--records") { Description = "Records to label", DefaultValueFactory = _ => 1_000_000 };
        var batch = new Option<int>("--batch-size") { Description = "Records per labelling batch", DefaultValueFactory = _ => 10_000 };
        var samples = new Option<string?>("--samples") { Description = "Folder of sample patents (default: the repository's samples/)" };
        var input = new Option<string[]>("--input")
        {
            Description = "Patent files to train on and label instead of patents generated from the samples (e.g. the peers' bench corpus); labelling cycles through them",
            AllowMultipleArgumentsPerToken = true,
        };
        var classifier = new Option<string?>("--classifier") { Description = "Trainer and features of the classifiers (as evaluate --classifier); default: the product's" };
        var json = JsonOption("the figures");
        var cmd = new Command("bench", "Train on generated patents and label many more, printing time and peak memory")
        {
            train, label, batch, samples, input, classifier, json,
        };
        cmd.SetAction(async (result, ct) =>
        {
            var folder = result.GetValue(samples) ?? SamplesFolder.Find();
            if (folder is null || !Directory.Exists(folder))
            {
                await stderr.WriteLineAsync("No samples folder found; pass --samples DIR.").ConfigureAwait(false);
                return 2;
            }
            var models = Path.Combine(Path.GetTempPath(), "analytics-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var bench = result.GetValue(input) is { Length: > 0 } files ? AnalyticsBench.FromFiles(files) : AnalyticsBench.FromSamples(folder);
                var figures = await WithProgressAsync("Bench", !result.GetValue(json),
                    p => Task.Run(() => bench.Run(result.GetValue(train), result.GetValue(label), Math.Max(100, result.GetValue(batch)), models, p,
                        result.GetValue(classifier) is { } spec ? Chains.ClassifierSettings.Parse(spec, new Chains.ChainModelOptions().Classifier()) : null), ct)).ConfigureAwait(false);
                if (result.GetValue(json)) await stdout.WriteLineAsync(JsonSerializer.Serialize(figures, PrettyJson)).ConfigureAwait(false);
                else
                    await stdout.WriteLineAsync(
                        $"train {figures.TrainRecords:N0} records: {figures.TrainSeconds:F1} s; label {figures.LabelRecords:N0} records: {figures.LabelSeconds:F1} s " +
                        $"({figures.LabelRecordsPerSecond:N0} records/s); processor time: train {figures.TrainCpuSeconds:F1} s, label {figures.LabelCpuSeconds:F1} s; " +
                        $"peak memory {figures.PeakMemoryMegabytes:N0} MB; {figures.Cores} cores; classifier {figures.Classifier}; load average {figures.LoadAtStart} → {figures.LoadAtEnd}").ConfigureAwait(false);
                return 0;
            }
            finally
            {
                try { Directory.Delete(models, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        });
        return cmd;
    }

    /// <summary>Runs <paramref name="work"/> under a Spectre progress bar on a terminal, quietly otherwise.</summary>
    internal static async Task<T> WithProgressAsync<T>(string title, bool show, Func<IProgress<AnalyticsProgress>, Task<T>> work)
    {
        if (!show || Console.IsOutputRedirected)
        {
            // Redirected output gets the phases as plain lines on the error stream, with the time since start.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var last = "";
            return await work(new Progress<AnalyticsProgress>(p =>
            {
                if (p.Phase == last) return;
                last = p.Phase;
                Console.Error.WriteLine($"[{watch.Elapsed.TotalSeconds,7:F1} s] {title}: {p.Phase}");
            })).ConfigureAwait(false);
        }
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(title, maxValue: 1);
                var progress = new Progress<AnalyticsProgress>(p =>
                {
                    task.IsIndeterminate = p.Total is null;
                    if (p.Total is { } total)
                    {
                        task.MaxValue = Math.Max(1, total);
                        task.Value = Math.Min(p.Done, total);
                    }
                    task.Description = Markup.Escape($"{title}: {p.Phase}{(p.Done > 0 ? $" {p.Done:N0}" : "")}");
                });
                result = await work(progress).ConfigureAwait(false);
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }
}
