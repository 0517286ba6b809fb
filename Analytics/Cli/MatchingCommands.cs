using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Analytics.Chains;
using Analytics.Evaluation;
using Analytics.Matching;
using Analytics.Matching.Evaluation;
using Analytics.Taxonomy;
using Search.Indexer;
using Search.Indexer.Bench;
using Search.Indexer.Cli;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics.Cli;

/// <summary><c>match</c>, <c>evaluate-matching</c> and <c>bench-matching</c>: need–patent matching from the command line.</summary>
public static class MatchingCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void AddTo(RootCommand root, TextWriter stdout, TextWriter stderr)
    {
        root.Subcommands.Add(MatchCommand(stdout, stderr));
        root.Subcommands.Add(EvaluateCommand(stdout, stderr));
        root.Subcommands.Add(BenchCommand(stdout, stderr));
    }

    private static Command MatchCommand(TextWriter stdout, TextWriter stderr)
    {
        var target = AnalyticsCommands.Target();
        var title = new Option<string>("--title") { Description = "The need's title", Required = true };
        var description = new Option<string?>("--description") { Description = "The need's description (Chinese or English)" };
        var chain = new Option<string?>("--chain") { Description = "Industry chain id from the taxonomy" };
        var ipc = new Option<string[]>("--ipc") { Description = "IPC codes or prefixes that apply", AllowMultipleArgumentsPerToken = true };
        var ownerTypes = new Option<string[]>("--owner-type") { Description = "Only these applicant types (university, researchInstitute, enterprise …)", AllowMultipleArgumentsPerToken = true };
        var statuses = new Option<string[]>("--status") { Description = "Only these legal statuses (inForce, pending …)", AllowMultipleArgumentsPerToken = true };
        var region = new Option<string?>("--region") { Description = "Province code (国省代码, e.g. 35) or a place in the applicant's address (e.g. 泉州)" };
        var top = new Option<int>("--top") { Description = "Candidates to show", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the candidates and explanations as JSON" };
        var model = ModelOption();
        var cmd = new Command("match", "Rank and explain the patents that answer a technical need (the shipped fusion of BM25, related-word retrieval and classification agreement, with preference boosts)")
        {
            title, description, chain, ipc, ownerTypes, statuses, region, top, json, model,
        };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            if (result.GetValue(top) is < 1 or > 200)
            {
                await stderr.WriteLineAsync("--top must be between 1 and 200.").ConfigureAwait(false);
                return 2;
            }
            using var engine = target.Open(result, stderr, IndexAccess.Read);
            if (engine is null) return 3;
            var need = new TechnicalNeed
            {
                Title = result.GetValue(title)!,
                Description = result.GetValue(description) ?? "",
                ChainId = result.GetValue(chain),
                IpcHints = result.GetValue(ipc) ?? [],
                Filters = new MatchFilters { OwnerTypes = result.GetValue(ownerTypes) ?? [], LegalStatuses = result.GetValue(statuses) ?? [], Region = result.GetValue(region) },
            };
            var taxonomy = IndustryTaxonomy.Default;
            if (need.ChainId is { } id && taxonomy.Chain(id) is null)
            {
                await stderr.WriteLineAsync($"--chain '{id}' is not in the taxonomy. Chains: {string.Join(", ", taxonomy.Chains.Select(c => c.Id))}.").ConfigureAwait(false);
                return 2;
            }
            var matchingModel = await MatchingModelAsync(engine, result.GetValue(model), stderr, ct).ConfigureAwait(false);
            var matcher = new PatentMatcher(engine, new NeedAnalyzer(new ChainRules(taxonomy)), models: new FixedMatchingModel(matchingModel));
            var match = await matcher.MatchAsync(need, result.GetValue(top), ShippedMatching.Signals, ct).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    terms = match.Profile.Terms,
                    elements = match.Profile.Elements,
                    chains = match.Profile.Chains,
                    ipcGroups = match.NeedIpcGroups,
                    candidates = match.Candidates.Select(c => new { id = c.Record.Id, title = c.Record.Titles.FirstOrDefault()?.Text, score = c.Score, explanation = c.Explanation }),
                    tookMs = match.Took.TotalMilliseconds,
                }, Json)).ConfigureAwait(false);
                return 0;
            }
            await stdout.WriteLineAsync($"key terms: {string.Join(" ", match.Profile.Terms.Select(t => t.Term))}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"chains: {string.Join(", ", match.Profile.Chains.Select(c => c.ChainId))}; IPC groups: {string.Join(", ", match.NeedIpcGroups)}").ConfigureAwait(false);
            var rank = 0;
            foreach (var c in match.Candidates)
            {
                var e = c.Explanation;
                await stdout.WriteLineAsync($"{++rank,2}. {c.Record.Id,-16} {c.Score:F4}  {c.Record.Titles.FirstOrDefault()?.Text}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"      terms: {string.Join(" ", e.MatchedTerms)}; IPC: {string.Join(" ", e.SharedIpc)}; chain: {string.Join(" ", e.SharedChains)}; " +
                    $"ranks: {string.Join(" ", e.Ranks.Select(kv => $"{kv.Key}#{kv.Value}"))}" +
                    (e.OpenLicenseAvailable ? "; open licence" : "") + (e.UniversityOwned ? "; university" : "") + (e.ValueIndex is { } v ? $"; value {v:F2}" : "")).ConfigureAwait(false);
            }
            await stdout.WriteLineAsync($"{match.Candidates.Count} candidates in {match.Took.TotalMilliseconds:F0} ms").ConfigureAwait(false);
            return 0;
        }));
        return cmd;
    }

    private static Command EvaluateCommand(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string[]>("--input") { Description = "Corpus files or folders, any format the loader reads (default: the repository's samples folder)", AllowMultipleArgumentsPerToken = true };
        var judged = new Option<string?>("--judged")
        {
            Description = "Judged needs (JSON like Analytics/Matching/Evaluation/hand-judged-needs.json; patents by any written publication or application number, grades 0/1/2; default: the shipped file)",
        };
        var json = new Option<string?>("--json") { Description = "Also write the figures as JSON to this file ('-' for standard output instead of the table); the shipped configuration's runs carry \"shipped\": true" };
        var cmd = new Command("evaluate-matching", "Score need–patent matching (Recall@10, nDCG@10, MRR) for BM25 alone, each added signal and the fusion the product ships, on needs derived from real patents and on judged needs")
        {
            input, judged, json,
        };
        cmd.SetAction(async (result, ct) =>
        {
            var paths = result.GetValue(input) is { Length: > 0 } given ? given : SamplesFolder.Find() is { } samples ? [samples] : [];
            if (paths.Length == 0)
            {
                await stderr.WriteLineAsync("No corpus: pass --input FILES|FOLDERS (no samples folder found).").ConfigureAwait(false);
                return 2;
            }
            IReadOnlyList<PatentRecord> corpus;
            ResolvedJudgements hand;
            try
            {
                corpus = EvaluationCorpus.Read(paths, ct).Records;
                IReadOnlyList<WrittenJudgedNeed> written;
                if (result.GetValue(judged) is { } file)
                {
                    written = File.Exists(file) ? JudgedNeedsFile.Read(file) : throw new InvalidDataException($"{file}: file not found; expected a judged-needs JSON file.");
                }
                else
                {
                    await using var shipped = MatchingEvaluation.OpenShippedHandJudged();
                    written = JudgedNeedsFile.Read(shipped, "hand-judged-needs.json (shipped)");
                }
                hand = JudgedNeedsFile.Resolve(written, corpus);
            }
            catch (InvalidDataException e)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }
            var work = Path.Combine(Path.GetTempPath(), "matching-eval-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var progress = new Progress<string>(m => stderr.WriteLine(m));
                var report = await MatchingEvaluation.RunAsync(corpus, hand, work, IndustryTaxonomy.Default, progress, ct).ConfigureAwait(false);
                var jsonPath = result.GetValue(json);
                var serialized = JsonSerializer.Serialize(report, Json);
                if (jsonPath == "-")
                {
                    await stdout.WriteLineAsync(serialized).ConfigureAwait(false);
                    return 0;
                }
                await stdout.WriteLineAsync($"corpus {report.CorpusRecords:N0} records; {report.DerivedNeeds} derived needs, {report.HandJudgedNeeds} judged needs with {report.Judgements} judgements").ConfigureAwait(false);
                if (report.UnknownJudgements.Count > 0)
                    await stdout.WriteLineAsync($"{report.UnknownJudgements.Count} judged patents are not in the corpus and are left out of the scores: " +
                        string.Join("; ", report.UnknownJudgements.Take(10).Select(u => $"{u.NeedId} {u.Written}{(u.Line is { } l ? $" (line {l})" : "")}")) +
                        (report.UnknownJudgements.Count > 10 ? " …" : "")).ConfigureAwait(false);
                await stdout.WriteLineAsync($"{"collection",-12} {"configuration",-30} {"Recall@10",9} {"nDCG@10",8} {"MRR",6} {"Recall@50",9}  weights").ConfigureAwait(false);
                foreach (var run in report.Runs)
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{run.Collection,-12} {run.Configuration + (run.HeldOut ? " (held out)" : ""),-30} {run.Scores.RecallAt10,9:F3} {run.Scores.NdcgAt10,8:F3} {run.Scores.Mrr,6:F3} {run.Scores.RecallAt50,9:F3}  {run.Weights}{(run.Shipped ? "  ← shipped" : "")}")).ConfigureAwait(false);
                if (report.Fitted is { } fitted)
                    await stdout.WriteLineAsync($"fitted on all judged needs: {fitted.Weights} (signals {fitted.Signals}); per fold: {string.Join(" | ", fitted.FoldWeights)}").ConfigureAwait(false);
                var gathered = report.Runs.GroupBy(r => r.Collection).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.First().MeanMilliseconds:F1} ms/need"));
                await stdout.WriteLineAsync($"gathering every signal: {string.Join(", ", gathered)}").ConfigureAwait(false);
                await stdout.WriteLineAsync(report.Definitions).ConfigureAwait(false);
                if (jsonPath is not null)
                {
                    await File.WriteAllTextAsync(jsonPath, serialized + Environment.NewLine, ct).ConfigureAwait(false);
                    await stdout.WriteLineAsync($"JSON written to {Path.GetFullPath(jsonPath)}").ConfigureAwait(false);
                }
                return 0;
            }
            finally
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        });
        return cmd;
    }

    private static Command BenchCommand(TextWriter stdout, TextWriter stderr)
    {
        var target = AnalyticsCommands.Target();
        var needs = new Option<int>("--needs") { Description = "Needs to match (written from records spread over the index)", DefaultValueFactory = _ => 200 };
        var model = ModelOption();
        var modelRecords = new Option<int>("--model-records") { Description = "Records the matching model is trained on when --model holds none", DefaultValueFactory = _ => new MatchingModelOptions().MaxRecords };
        var cmd = new Command("bench-matching", "Match needs against an index with the shipped configuration and print latency percentiles (build a large index first with: Search.Indexer bench --records 1000000 --work DIR, then pass --index DIR/index)")
        {
            needs, model, modelRecords,
        };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            using var engine = target.Open(result, stderr, IndexAccess.Read);
            if (engine is null) return 3;
            var stats = await engine.GetStatsAsync(ct).ConfigureAwait(false);
            var count = Math.Clamp(result.GetValue(needs), 10, 5_000);
            var picked = await PickNeedsAsync(engine, count, ct).ConfigureAwait(false);
            var matchingModel = await MatchingModelAsync(engine, result.GetValue(model), stderr, ct, result.GetValue(modelRecords)).ConfigureAwait(false);
            var matcher = new PatentMatcher(engine, new NeedAnalyzer(new ChainRules(IndustryTaxonomy.Default)), models: new FixedMatchingModel(matchingModel));
            foreach (var need in picked.Take(10)) await matcher.MatchAsync(need, 20, ShippedMatching.Signals, ct).ConfigureAwait(false); // warm-up
            var times = new List<double>(picked.Count);
            var total = Stopwatch.StartNew();
            foreach (var need in picked)
            {
                var watch = Stopwatch.StartNew();
                await matcher.MatchAsync(need, 20, ShippedMatching.Signals, ct).ConfigureAwait(false);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            total.Stop();
            times.Sort();
            double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{picked.Count} needs over {stats.Records:N0} records: p50 {P(0.5):F0} ms, p95 {P(0.95):F0} ms, p99 {P(0.99):F0} ms, max {times[^1]:F0} ms; " +
                $"{picked.Count / total.Elapsed.TotalSeconds:F1} needs/s on one thread; peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576:N0} MB; {Environment.ProcessorCount} cores")).ConfigureAwait(false);
            return 0;
        }));
        return cmd;
    }

    private static Option<string?> ModelOption() => new("--model")
    {
        Description = "Matching model folder (related words, IPC-subclass classifier): loaded when it holds one, else trained on the index and saved there",
    };

    /// <summary>The model in <paramref name="folder"/>, or one trained on the index now (and saved to the folder when one is named).</summary>
    private static async Task<MatchingModel> MatchingModelAsync(IPatentIndex engine, string? folder, TextWriter stderr, CancellationToken ct, int? maxRecords = null)
    {
        var options = new MatchingModelOptions { MaxRecords = maxRecords ?? new MatchingModelOptions().MaxRecords };
        if (folder is not null && MatchingModel.Load(folder) is { } saved) return saved;
        var watch = Stopwatch.StartNew();
        var records = new List<PatentRecord>();
        await foreach (var r in engine.ExportAsync(ct).ConfigureAwait(false))
        {
            records.Add(r);
            if (records.Count >= options.MaxRecords) break;
        }
        var model = MatchingModel.Train(records, options);
        if (folder is not null) model.Save(folder);
        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"matching model trained on {model.Manifest.Records:N0} records in {watch.Elapsed.TotalSeconds:F0} s: {model.Manifest.TermsWithRelated:N0} words with related words, {model.Manifest.IpcSubclasses} IPC subclasses")).ConfigureAwait(false);
        return model;
    }

    /// <summary>Needs written from records spread over the index: title as the need's title, the abstract's problem statement as its description.</summary>
    private static async Task<List<TechnicalNeed>> PickNeedsAsync(IPatentIndex engine, int count, CancellationToken ct)
    {
        var picked = new List<TechnicalNeed>(count);
        var seen = 0;
        await foreach (var r in engine.ExportAsync(ct).ConfigureAwait(false))
        {
            if (seen++ % 97 != 0) continue;
            var title = r.Titles.FirstOrDefault()?.Text;
            if (string.IsNullOrWhiteSpace(title)) continue;
            var abstractText = r.Abstracts.FirstOrDefault()?.Text;
            picked.Add(new TechnicalNeed { Title = title, Description = abstractText is null ? "" : MatchingEvaluation.ProblemStatement(abstractText) });
            if (picked.Count >= count) break;
        }
        return picked;
    }
}
