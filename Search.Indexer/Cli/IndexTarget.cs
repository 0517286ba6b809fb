using System.CommandLine;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Elasticsearch;

namespace Search.Indexer.Cli;

/// <summary>
/// Which index a command works on: the embedded Lucene folder (<c>--index</c>, the default) or the Elasticsearch
/// cluster the web application is configured with (<c>--engine elasticsearch</c>, or <c>Search__Engine</c> set to
/// Elasticsearch in the environment, as the site reads it). Writes then go straight to the cluster, with no detour
/// through a Lucene folder and <c>reindex</c>. The cluster's address and alias come from <c>--es-url</c>/<c>--es-index</c>
/// or the site's settings (<c>Search__Elasticsearch__Url</c>, <c>…__IndexName</c>); credentials only from the environment.
/// </summary>
public sealed class IndexTarget
{
    public const string LuceneName = "lucene";
    public const string ElasticsearchName = "elasticsearch";

    public IndexTarget(string? indexDescription = null)
    {
        Index = CliCommands.IndexOption();
        if (indexDescription is not null) Index.Description = indexDescription;
        Engine = new Option<string>("--engine")
        {
            Description = "Search engine to work on: lucene (the embedded index folder) or elasticsearch (the cluster of Search__Elasticsearch__Url); default: $Search__Engine, else lucene",
            DefaultValueFactory = _ => DefaultEngine(),
        };
        Engine.AcceptOnlyFromAmong(LuceneName, ElasticsearchName);
        Url = new Option<string?>("--es-url") { Description = "Elasticsearch node URL(s), comma-separated (default: $Search__Elasticsearch__Url)" };
        Alias = new Option<string?>("--es-index") { Description = "Alias of the patent index on the cluster (default: $Search__Elasticsearch__IndexName or patents)" };
    }

    public Option<string> Index { get; }
    public Option<string> Engine { get; }
    public Option<string?> Url { get; }
    public Option<string?> Alias { get; }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Index);
        command.Options.Add(Engine);
        command.Options.Add(Url);
        command.Options.Add(Alias);
    }

    public bool IsElasticsearch(ParseResult result) => result.GetValue(Engine) == ElasticsearchName;

    /// <summary>
    /// The index, or null after telling the user why it cannot be opened. The Lucene folder is opened with
    /// <paramref name="access"/> (a write is refused while the site owns the writer, naming what to do instead);
    /// the cluster takes writes from any number of processes, so it is opened the same way for both.
    /// </summary>
    public IPatentIndex? Open(ParseResult result, TextWriter error, IndexAccess access, string? quarantine = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(error);
        if (!IsElasticsearch(result)) return SearchEngines.OpenOrExplain(result.GetValue(Index)!, error, access);
        var options = ReindexCommand.ClusterOptions(result.GetValue(Url), result.GetValue(Alias), quarantine ?? DataFolders.DefaultQuarantinePath);
        try
        {
            options.Validate();
            return new ElasticsearchIndex(options);
        }
        catch (ElasticsearchEngineException ex)
        {
            error.WriteLine(ex.Message);
            return null;
        }
    }

    /// <summary>
    /// The manifest of files already loaded: beside the Lucene folder, or for a cluster in the data folder under the
    /// alias's name (the cluster keeps no such list itself; <c>load --force</c> reads files again either way).
    /// </summary>
    public string ManifestPath(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!IsElasticsearch(result)) return DataFolders.ManifestPathFor(result.GetValue(Index)!);
        var alias = ReindexCommand.ClusterOptions(result.GetValue(Url), result.GetValue(Alias), DataFolders.DefaultQuarantinePath).IndexName;
        return Path.Combine(DataFolders.Root, $"loaded-files.elasticsearch-{alias}.json");
    }

    /// <summary>A cluster that cannot be reached or refuses a request ends the command with its message (exit 4), not a stack trace.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> ClusterErrors(TextWriter stderr, Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (result, ct) =>
        {
            try
            {
                return await action(result, ct).ConfigureAwait(false);
            }
            catch (ElasticsearchEngineException ex)
            {
                await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 4;
            }
        };

    private static string DefaultEngine() =>
        string.Equals(Environment.GetEnvironmentVariable("Search__Engine"), SearchEngines.Elasticsearch, StringComparison.OrdinalIgnoreCase)
            ? ElasticsearchName
            : LuceneName;
}
