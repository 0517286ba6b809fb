using Search.Indexer;

namespace Marketplace.Web.Samples;

/// <summary>Finds the sample patents shipped with the product.</summary>
public static class SampleFiles
{
    public const string FolderName = "samples";

    /// <summary>
    /// <c>Search:SamplesPath</c> when set (relative to the content root; set but empty means "load no
    /// samples"); otherwise the repository's <c>samples/</c> folder found by walking up from the
    /// content root, or the copy beside the binaries. Null when there is none.
    /// </summary>
    public static string? FindFolder(SearchOptions options, string contentRoot)
    {
        if (options.SamplesPath is { } configured)
            return string.IsNullOrWhiteSpace(configured) ? null : Path.GetFullPath(configured, contentRoot);
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName);
            if (Directory.Exists(candidate)) return candidate;
        }
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, FolderName);
        return Directory.Exists(besideBinaries) ? besideBinaries : null;
    }
}
