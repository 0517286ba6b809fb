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

    /// <summary>The embedded Lucene.NET index in <paramref name="indexPath"/>, with its writer.</summary>
    public static IPatentIndex Open(string indexPath) => LuceneIndex.Open(indexPath);

    /// <summary>
    /// The embedded Lucene.NET index in <paramref name="indexPath"/>: with its writer (<see cref="IndexAccess.Write"/>),
    /// or read-only beside the process that owns the writer (<see cref="IndexAccess.Read"/>).
    /// </summary>
    public static IPatentIndex Open(string indexPath, IndexAccess access) =>
        access == IndexAccess.Read ? LuceneIndex.OpenReadOnly(indexPath) : LuceneIndex.Open(indexPath);

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

    /// <summary>
    /// For the command line: the index, or null after telling the user why it cannot be opened. Commands that only
    /// read open it with <see cref="IndexAccess.Read"/> and work while the site runs on it; commands that write are
    /// refused while another writer (the running site, or another load) holds it, with what to do instead.
    /// </summary>
    public static IPatentIndex? OpenOrExplain(string indexPath, TextWriter error, IndexAccess access)
    {
        try
        {
            return Open(indexPath, access);
        }
        catch (PatentIndexLockedException ex)
        {
            error.WriteLine($"{ex.Message} {WhileTheSiteRuns}");
        }
        catch (PatentIndexNotFoundException ex)
        {
            error.WriteLine(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot open the index at {Path.GetFullPath(indexPath)}: {ex.Message}");
        }
        return null;
    }

    /// <summary>What a command-line write can do instead while the site (or another load) owns the index's writer.</summary>
    public const string WhileTheSiteRuns =
        "While the web application runs on this index it owns the only writer: searches, get, stats, export and reports work beside it, " +
        "but writes do not. To load files, upload them at the site's operator page /admin/loads (they are loaded and labelled there, " +
        "with progress and the quarantine to download). Stop the site and run this again (it labels new records itself " +
        "at its next start), or write into another folder with --index.";
}

/// <summary>How a command opens the embedded index.</summary>
public enum IndexAccess
{
    /// <summary>With the index's one writer: refused while another process holds it.</summary>
    Write,
    /// <summary>Read-only: no writer, no lock, works beside the process that holds the writer.</summary>
    Read,
}
