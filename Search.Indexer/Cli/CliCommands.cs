using System.CommandLine;
using System.Text.Json;
using Search.Indexer.Engine;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Readers.JsonLines;
using Search.Indexer.Records;
using Spectre.Console;

namespace Search.Indexer.Cli;

/// <summary>The <c>Search.Indexer</c> command line: load, search, get, stats, export, bench.</summary>
public static class CliCommands
{
    private static readonly JsonSerializerOptions PrettyJson = new(RecordJson.Options) { WriteIndented = true };

    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "Patent data in, searchable out: loads Chinese database exports (CSV/Excel), USPTO and EPO DOCDB XML and JSON Lines " +
            "into the embedded search index, and searches it.");
        root.Subcommands.Add(LoadCommand(stdout, stderr));
        root.Subcommands.Add(SearchCommand(stdout, stderr));
        root.Subcommands.Add(GetCommand(stdout, stderr));
        root.Subcommands.Add(StatsCommand(stdout, stderr));
        root.Subcommands.Add(ExportCommand(stdout, stderr));
        root.Subcommands.Add(Bench.BenchCommand.Build(stdout));
        root.Subcommands.Add(ReindexCommand.Build(stdout, stderr));
        return root;
    }

    /// <summary>Every facet the engines count: the bibliographic ones and the labels Analytics adds.</summary>
    private static IReadOnlyList<string> FacetNames => [.. PatentFacets.All.Select(f => f.Name)];

    internal static Option<string> IndexOption() => new("--index")
    {
        Description = "Index folder (the product's data folder unless given; set PATENT_DATA_DIR to move that)",
        DefaultValueFactory = _ => DataFolders.DefaultIndexPath,
    };

    private static Option<bool> JsonOption(string what) => new("--json") { Description = $"Print {what} as JSON" };

    private static Command LoadCommand(TextWriter stdout, TextWriter stderr)
    {
        var target = new IndexTarget();
        var json = JsonOption("the summary");
        var quarantine = new Option<string>("--quarantine")
        {
            Description = "Folder for the quarantine file of rejected records",
            DefaultValueFactory = _ => DataFolders.DefaultQuarantinePath,
        };
        var manifest = new Option<string?>("--manifest")
        {
            Description = "File that lists what was loaded, so files are not read twice (default: beside the index folder; for a cluster, in the data folder under the alias's name)",
        };
        var force = new Option<bool>("--force") { Description = "Read files again even if they were loaded before (records are merged, never duplicated)" };
        var batch = new Option<int>("--batch-size") { Description = "Records per write to the index", DefaultValueFactory = _ => 2_000 };
        var commit = new Option<int>("--commit-every") { Description = "Records between commits; a crash loses at most these, and running the command again reloads them", DefaultValueFactory = _ => 20_000 };
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or folders to load. Formats are recognised by content: Chinese patent-database exports (CSV in UTF-8 or GB18030, .xlsx, .xls), " +
                          "USPTO full-text XML (grants and applications, concatenated), EPO OPS/DOCDB XML, the product's JSON Lines export, and quarantine files (to reload fixed records).",
            Arity = ArgumentArity.OneOrMore,
        };
        var cmd = new Command("load", "Load patent files into the index, with progress, and report every rejected record in a quarantine file")
        {
            paths, quarantine, manifest, force, batch, commit, json,
        };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            var asJson = result.GetValue(json);
            var batchSize = result.GetValue(batch);
            var commitEvery = result.GetValue(commit);
            if (batchSize < 1 || commitEvery < 1)
            {
                await stderr.WriteLineAsync("--batch-size and --commit-every must be at least 1.").ConfigureAwait(false);
                return 2;
            }
            using var engine = target.Open(result, stderr, IndexAccess.Write, result.GetValue(quarantine));
            if (engine is null) return 3;
            var loader = new PatentLoader(engine, Readers.DefaultReaders.Catalog);
            var options = new LoadOptions
            {
                QuarantineFolder = result.GetValue(quarantine)!,
                ManifestPath = result.GetValue(manifest) ?? target.ManifestPath(result),
                Force = result.GetValue(force),
                BatchSize = batchSize,
                CommitEvery = commitEvery,
            };
            var files = result.GetValue(paths)!;
            var summary = asJson || Console.IsOutputRedirected
                ? await loader.LoadAsync(files, options, null, ct).ConfigureAwait(false)
                : await LoadWithProgressAsync(loader, files, options, ct).ConfigureAwait(false);
            if (asJson)
                await stdout.WriteLineAsync(JsonSerializer.Serialize(LoadReport.From(summary), PrettyJson)).ConfigureAwait(false);
            else
                await LoadReport.WriteTextAsync(summary, stdout).ConfigureAwait(false);
            return summary.Loaded > 0 || (summary.SkippedFiles > 0 && summary.FailedFiles == 0 && summary.Quarantined == 0) ? 0 : 1;
        }));
        return cmd;
    }

    private static async Task<LoadSummary> LoadWithProgressAsync(PatentLoader loader, string[] files, LoadOptions options, CancellationToken ct)
    {
        LoadSummary? summary = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Loading", maxValue: 1);
                var progress = new Progress<LoadProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.BytesTotal);
                    task.Value = Math.Min(p.BytesDone, p.BytesTotal);
                    task.Description = Markup.Escape(
                        $"{p.CurrentFile} ({p.FileIndex + 1}/{p.FileCount}) {p.RecordsPerSecond:N0} rec/s · added {p.Added:N0} · merged {p.Merged:N0} · unchanged {p.Unchanged:N0} · quarantined {p.Quarantined:N0}");
                });
                summary = await loader.LoadAsync(files, options, progress, ct).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return summary!;
    }

    private static Command SearchCommand(TextWriter stdout, TextWriter stderr)
    {
        var target = new IndexTarget();
        var json = JsonOption("the result");
        var query = new Argument<string>("query") { Description = "Query in the product's syntax, e.g. 锂电池 AND applicant:大学, ipc:H01M, \"solar cell\", pd:[2020 TO 2023]" };
        var filters = new Option<string[]>("--filter") { Description = "Facet filter field=value (repeatable), fields: " + string.Join(", ", FacetNames), AllowMultipleArgumentsPerToken = false };
        var page = new Option<int>("--page") { Description = "Page number, from 1", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = $"Hits per page (at most {PatentQuery.MaxPageSize})", DefaultValueFactory = _ => 10 };
        var sort = new Option<SearchSort>("--sort") { Description = "Order of hits", DefaultValueFactory = _ => SearchSort.Relevance };
        var facets = new Option<bool>("--facets") { Description = "Also count facets" };
        var cmd = new Command("search", "Search the index") { query, filters, page, size, sort, facets, json };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            var parsedFilters = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var f in result.GetValue(filters) ?? [])
            {
                var eq = f.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || PatentFacets.Find(f[..eq]) is null)
                {
                    await stderr.WriteLineAsync($"--filter '{f}' must be field=value with field one of {string.Join(", ", FacetNames)}").ConfigureAwait(false);
                    return 2;
                }
                var key = f[..eq];
                parsedFilters[key] = [.. parsedFilters.GetValueOrDefault(key) ?? [], f[(eq + 1)..]];
            }
            using var engine = target.Open(result, stderr, IndexAccess.Read);
            if (engine is null) return 3;
            SearchResult found;
            try
            {
                found = await engine.SearchAsync(new PatentQuery
                {
                    Text = result.GetValue(query),
                    Filters = parsedFilters,
                    Page = result.GetValue(page),
                    PageSize = result.GetValue(size),
                    Sort = result.GetValue(sort),
                    Facets = result.GetValue(facets) ? FacetNames : [],
                    Highlight = !result.GetValue(json),
                }, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is QuerySyntaxException or ArgumentException)
            {
                await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 2;
            }
            if (result.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    total = found.Total,
                    tookMs = found.Took.TotalMilliseconds,
                    hits = found.Hits.Select(h => new { id = h.Record.Id, score = h.Score, title = h.Record.Title("zh"), record = h.Record }),
                    facets = found.Facets,
                }, PrettyJson)).ConfigureAwait(false);
                return 0;
            }
            await stdout.WriteLineAsync($"{found.Total:N0} hits in {found.Took.TotalMilliseconds:F1} ms").ConfigureAwait(false);
            foreach (var hit in found.Hits)
            {
                var r = hit.Record;
                await stdout.WriteLineAsync($"{r.Id,-18} {r.PublicationDate:yyyy-MM-dd} {r.LegalStatus,-11} {r.Title("zh")}").ConfigureAwait(false);
                if (r.Applicants.Count > 0)
                    await stdout.WriteLineAsync($"{"",-18} {string.Join("; ", r.Applicants.Select(a => a.Name))}").ConfigureAwait(false);
            }
            foreach (var (field, values) in found.Facets)
                await stdout.WriteLineAsync($"[{field}] " + string.Join("  ", values.Select(v => $"{v.Value} ({v.Count:N0})"))).ConfigureAwait(false);
            return 0;
        }));
        return cmd;
    }

    private static Command GetCommand(TextWriter stdout, TextWriter stderr)
    {
        var target = new IndexTarget();
        var number = new Argument<string>("number") { Description = "Publication or application number in any written form: CN218751475U, CN 2022232206652, CN202223220665.2, US 7,123,456 B2, EP2906782A2" };
        var cmd = new Command("get", "Print the records for a publication or application number, as JSON") { number };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            var text = result.GetValue(number)!;
            if (!PatentNumber.TryParse(text, out _, out var error))
            {
                await stderr.WriteLineAsync(error).ConfigureAwait(false);
                return 2;
            }
            using var engine = target.Open(result, stderr, IndexAccess.Read);
            if (engine is null) return 3;
            var records = await engine.LookupAsync(text, ct).ConfigureAwait(false);
            if (records.Count == 0)
            {
                await stderr.WriteLineAsync($"No record with number {text}.").ConfigureAwait(false);
                return 1;
            }
            foreach (var r in records)
                await stdout.WriteLineAsync(JsonSerializer.Serialize(r, PrettyJson)).ConfigureAwait(false);
            return 0;
        }));
        return cmd;
    }

    private static Command StatsCommand(TextWriter stdout, TextWriter stderr)
    {
        var target = new IndexTarget();
        var json = JsonOption("the statistics");
        var cmd = new Command("stats", "Show how many records the index holds, its size, and counts by facet") { json };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            using var engine = target.Open(result, stderr, IndexAccess.Read);
            if (engine is null) return 3;
            var stats = await engine.GetStatsAsync(ct).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(stats, PrettyJson)).ConfigureAwait(false);
                return 0;
            }
            await stdout.WriteLineAsync($"{stats.Engine} index at {stats.Location}: {stats.Records:N0} records, {stats.SizeBytes / 1048576.0:F1} MB").ConfigureAwait(false);
            if (engine is Engine.Lucene.LuceneIndex lucene && lucene.RecordsWithoutSummary() is > 0 and var old)
                await stdout.WriteLineAsync($"{old:N0} records were written before record summaries existed: reports read them whole until they are written again (Analytics label, or load --force).").ConfigureAwait(false);
            foreach (var (field, values) in stats.Facets.Select(kv => (kv.Key, kv.Value)))
                await stdout.WriteLineAsync($"[{field}] " + string.Join("  ", values.Select(v => $"{v.Value} ({v.Count:N0})"))).ConfigureAwait(false);
            return 0;
        }));
        return cmd;
    }

    private static Command ExportCommand(TextWriter stdout, TextWriter stderr)
    {
        var target = new IndexTarget();
        var format = new Option<string>("--format") { Description = "Export format (jsonl: one JSON record per line, loadable again without loss)", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl");
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output)" };
        var cmd = new Command("export", "Write every record in the index to JSON Lines, in id order") { format, output };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            using var engine = target.Open(result, stderr, IndexAccess.Read);
            if (engine is null) return 3;
            var path = result.GetValue(output);
            var sink = path is null ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write);
            await using (sink.ConfigureAwait(false))
            {
                var writer = new JsonLinesWriter(sink);
                long n = 0;
                await foreach (var r in engine.ExportAsync(ct).ConfigureAwait(false))
                {
                    writer.Write(r);
                    n++;
                }
                writer.Flush();
                if (path is not null) await stdout.WriteLineAsync($"Exported {n:N0} records to {path}").ConfigureAwait(false);
            }
            return 0;
        }));
        return cmd;
    }
}
