using System.ComponentModel.DataAnnotations;
using Search.Indexer.Engine.Elasticsearch;

namespace Search.Indexer;

/// <summary>Settings of the search side, bound from the "Search" configuration section.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Which engine serves searches: "Lucene" (embedded, default) or "Elasticsearch" (see <see cref="Elasticsearch"/>).</summary>
    [Required]
    public string Engine { get; set; } = "Lucene";

    /// <summary>Folder of the embedded Lucene index.</summary>
    [Required]
    public string IndexPath { get; set; } = DataFolders.DefaultIndexPath;

    /// <summary>Folder where loads write their quarantine files.</summary>
    [Required]
    public string QuarantinePath { get; set; } = DataFolders.DefaultQuarantinePath;

    /// <summary>
    /// Tuning of the embedded index (section <c>Search:Lucene</c>: buffer, threads, refresh delay, parallel search,
    /// result cache). Its own <c>IndexPath</c> is not used: <see cref="IndexPath"/> is the folder.
    /// </summary>
    public Engine.Lucene.LuceneIndexOptions Lucene { get; set; } = new();

    /// <summary>The cluster, when <see cref="Engine"/> is "Elasticsearch" (section <c>Search:Elasticsearch</c>).</summary>
    public ElasticsearchOptions Elasticsearch { get; set; } = new();

    /// <summary>Sample files loaded on first start when the index is empty; empty to skip.</summary>
    public string? SamplesPath { get; set; }
}

/// <summary>
/// The product's data folder: <c>$PATENT_DATA_DIR</c> if set, else <c>$XDG_DATA_HOME/patent-marketplace</c>
/// (<c>~/.local/share/patent-marketplace</c>). The CLI and the web application share it, so what one
/// loads the other serves.
/// </summary>
public static class DataFolders
{
    public static string Root
    {
        get
        {
            var explicitDir = Environment.GetEnvironmentVariable("PATENT_DATA_DIR");
            if (!string.IsNullOrWhiteSpace(explicitDir)) return Path.GetFullPath(explicitDir);
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            var baseDir = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return Path.Combine(baseDir, "patent-marketplace");
        }
    }

    public static string DefaultIndexPath => Path.Combine(Root, "index");

    public static string DefaultQuarantinePath => Path.Combine(Root, "quarantine");

    /// <summary>The manifest of files loaded into an index lives beside it, so it moves with it.</summary>
    public static string ManifestPathFor(string indexPath) => Path.Combine(Path.GetFullPath(indexPath), "loaded-files.json");
}
