using Microsoft.Extensions.Logging;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;

namespace Search.Indexer;

/// <summary>Opens the configured search engine.</summary>
public static class SearchEngines
{
    public const string Lucene = "Lucene";

    /// <summary>The embedded Lucene.NET index in <paramref name="indexPath"/>.</summary>
    public static IPatentIndex Open(string indexPath) => LuceneIndex.Open(indexPath);

    public static IPatentIndex Open(SearchOptions options, ILoggerFactory? loggers = null) => options.Engine switch
    {
        _ when string.Equals(options.Engine, Lucene, StringComparison.OrdinalIgnoreCase) =>
            new LuceneIndex(new LuceneIndexOptions { IndexPath = options.IndexPath }, loggers?.CreateLogger<LuceneIndex>()),
        _ => throw new InvalidOperationException($"Search:Engine is '{options.Engine}'; the engines available are: {Lucene}."),
    };

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
