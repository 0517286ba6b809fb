using System.CommandLine;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Elasticsearch;
using Spectre.Console;

namespace Search.Indexer.Cli;

/// <summary>
/// <c>reindex --to elasticsearch|lucene [--from …]</c>: copies every record between the embedded index and
/// a cluster, or rebuilds the cluster's index in place (<c>--from elasticsearch --to elasticsearch</c>,
/// after a mapping change). The cluster comes from the same settings as the web application
/// (<c>Search__Elasticsearch__Url</c>, <c>…__ApiKey</c> or <c>…__Username</c>/<c>…__Password</c>,
/// <c>…__CertificateFingerprint</c>, <c>…__IndexName</c>); secrets never go on the command line.
/// </summary>
internal static class ReindexCommand
{
    private const string Lucene = "lucene";
    private const string Elasticsearch = "elasticsearch";

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var to = new Option<string>("--to") { Description = "Target engine", Required = true };
        to.AcceptOnlyFromAmong(Elasticsearch, Lucene);
        var from = new Option<string?>("--from") { Description = "Source engine (default: the other one; elasticsearch to elasticsearch rebuilds the cluster index behind its alias)" };
        from.AcceptOnlyFromAmong(Elasticsearch, Lucene);
        var index = CliCommands.IndexOption();
        index.Description = "The Lucene index folder: the source with --to elasticsearch, the target with --to lucene";
        var url = new Option<string?>("--es-url") { Description = "Elasticsearch node URL(s), comma-separated (default: $Search__Elasticsearch__Url)" };
        var alias = new Option<string?>("--es-index") { Description = "Alias of the patent index on the cluster (default: $Search__Elasticsearch__IndexName or patents)" };
        var batch = new Option<int>("--batch-size") { Description = "Records per bulk request (see infra/README.md for the measurement behind the default)", DefaultValueFactory = _ => new ElasticsearchOptions().BulkBatchSize };
        var quarantine = new Option<string>("--quarantine")
        {
            Description = "Folder for the quarantine file of records the cluster refuses",
            DefaultValueFactory = _ => DataFolders.DefaultQuarantinePath,
        };
        var cmd = new Command("reindex", "Copy every record between the embedded Lucene index and Elasticsearch (or rebuild the cluster index), with progress; the alias is swapped only when the copy is complete")
        {
            to, from, index, url, alias, batch, quarantine,
        };
        cmd.SetAction(async (result, ct) =>
        {
            var target = result.GetValue(to)!;
            var source = result.GetValue(from) ?? (target == Elasticsearch ? Lucene : Elasticsearch);
            if (source == Lucene && target == Lucene)
            {
                await stderr.WriteLineAsync("--from lucene --to lucene copies nothing; copy the index folder instead.").ConfigureAwait(false);
                return 2;
            }
            var batchSize = result.GetValue(batch);
            if (batchSize < 1)
            {
                await stderr.WriteLineAsync("--batch-size must be at least 1.").ConfigureAwait(false);
                return 2;
            }
            var esOptions = ClusterOptions(result.GetValue(url), result.GetValue(alias), result.GetValue(quarantine)!);
            esOptions.BulkBatchSize = batchSize;
            // Read enough records per step to keep every concurrent bulk request busy.
            var step = batchSize * esOptions.BulkConcurrency;
            try
            {
                using var sourceIndex = source == Lucene ? SearchEngines.OpenOrExplain(result.GetValue(index)!, stderr, IndexAccess.Read) : new ElasticsearchIndex(esOptions);
                if (sourceIndex is null) return 3;
                using var targetIndex = target == Lucene ? SearchEngines.OpenOrExplain(result.GetValue(index)!, stderr, IndexAccess.Write) : new ElasticsearchIndex(esOptions);
                if (targetIndex is null) return 3;
                var summary = Console.IsOutputRedirected
                    ? await IndexCopier.CopyAsync(sourceIndex, targetIndex, step, null, ct).ConfigureAwait(false)
                    : await CopyWithProgressAsync(sourceIndex, targetIndex, step, ct).ConfigureAwait(false);
                await stdout.WriteLineAsync($"Copied {summary.Copied:N0} records from {source} to {target} in {summary.Elapsed.TotalSeconds:F1} s ({summary.Copied / Math.Max(0.001, summary.Elapsed.TotalSeconds):N0} records/s).").ConfigureAwait(false);
                if (summary.Bulk is { } bulk)
                    await stdout.WriteLineAsync($"Indexed {bulk.Indexed:N0}, retried {bulk.Retried:N0}, failed {bulk.Failed:N0}. Alias {esOptions.IndexName} -> {summary.Version}; removed: {(summary.RemovedVersions.Count == 0 ? "none" : string.Join(", ", summary.RemovedVersions))}.").ConfigureAwait(false);
                return 0;
            }
            catch (ElasticsearchEngineException e)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 4;
            }
        });
        return cmd;
    }

    /// <summary>The cluster settings from the environment (as the web application reads them), options overriding.</summary>
    internal static ElasticsearchOptions ClusterOptions(string? url, string? alias, string quarantine)
    {
        static string? Env(string key) => Environment.GetEnvironmentVariable("Search__Elasticsearch__" + key) is { Length: > 0 } v ? v : null;
        var options = new ElasticsearchOptions
        {
            Url = url ?? Env("Url"),
            ApiKey = Env("ApiKey"),
            Username = Env("Username"),
            Password = Env("Password"),
            CertificateFingerprint = Env("CertificateFingerprint"),
            QuarantinePath = quarantine,
        };
        if ((alias ?? Env("IndexName")) is { } name) options.IndexName = name;
        if (Env("Shards") is { } shards && int.TryParse(shards, out var s)) options.Shards = s;
        if (Env("Replicas") is { } replicas && int.TryParse(replicas, out var r)) options.Replicas = r;
        return options;
    }

    private static async Task<CopySummary> CopyWithProgressAsync(IPatentIndex source, IPatentIndex target, int batchSize, CancellationToken ct)
    {
        CopySummary? summary = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Copying", maxValue: 1);
                var progress = new Progress<CopyProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = Math.Min(p.Copied, task.MaxValue);
                    task.Description = Markup.Escape($"{p.Copied:N0} / {p.Total:N0} records");
                });
                summary = await IndexCopier.CopyAsync(source, target, batchSize, progress, ct).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return summary!;
    }
}
