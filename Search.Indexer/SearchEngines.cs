using Microsoft.Extensions.Logging;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Elasticsearch;
using Search.Indexer.Engine.Lucene;

namespace Search.Indexer;

/// <summary>Opens the configured search engine.</summary>
public static class SearchEngines
{
    public const string Lucene = "Lucene";
    public const string Elasticsearch = "Elasticsearch";

    public static bool IsKnown(string? engine) =>
        string.Equals(engine, Lucene, StringComparison.OrdinalIgnoreCase) || string.Equals(engine, Elasticsearch, StringComparison.OrdinalIgnoreCase);

    public static bool IsElasticsearch(SearchOptions options) => string.Equals(options.Engine, Elasticsearch, StringComparison.OrdinalIgnoreCase);

    /// <summary>The embedded Lucene.NET index in <paramref name="indexPath"/>.</summary>
    public static IPatentIndex Open(string indexPath) => LuceneIndex.Open(indexPath);

    public static IPatentIndex Open(SearchOptions options, ILoggerFactory? loggers = null) => options.Engine switch
    {
        _ when string.Equals(options.Engine, Lucene, StringComparison.OrdinalIgnoreCase) =>
            new LuceneIndex(options.Lucene with { IndexPath = options.IndexPath }, loggers?.CreateLogger<LuceneIndex>()),
        _ when IsElasticsearch(options) => new ElasticsearchIndex(WithQuarantine(options), loggers?.CreateLogger<ElasticsearchIndex>()),
        _ => throw new InvalidOperationException($"Search:Engine is '{options.Engine}'; the engines available are: {Lucene}, {Elasticsearch}."),
    };

    /// <summary>Refused documents go to the loader's quarantine folder unless the cluster settings name another.</summary>
    private static ElasticsearchOptions WithQuarantine(SearchOptions options)
    {
        options.Elasticsearch.QuarantinePath ??= options.QuarantinePath;
        return options.Elasticsearch;
    }

    /// <summary>For the command line: the index, or null after telling the user why it cannot be opened.</summary>
    public static IPatentIndex? OpenOrExplain(string indexPath, TextWriter error)
    {
        try
        {
            return Open(indexPath);
        }
        catch (PatentIndexLockedException ex)
        {
            error.WriteLine($"{ex.Message} If the web application is running on this index, stop it or load into another folder with --index.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot open the index at {Path.GetFullPath(indexPath)}: {ex.Message}");
        }
        return null;
    }
}
