using Search.Indexer;

namespace Marketplace.Web.Samples;

/// <summary>Finds the sample patents shipped with the product.</summary>
public static class SampleFiles
{
    public const string FolderName = "samples";

    /// <summary>
    /// <c>Search:SamplesPath</c> when set (relative to the content root); otherwise the repository's
    /// <c>samples/</c> folder found by walking up from the content root, or the copy beside the binaries.
    /// </summary>
    public static string? FindFolder(SearchOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.SamplesPath))
            return Path.GetFullPath(options.SamplesPath, contentRoot);
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName);
            if (Directory.Exists(candidate)) return candidate;
        }
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, FolderName);
        return Directory.Exists(besideBinaries) ? besideBinaries : null;
    }

    /// <summary>The data files in the folder, in a stable order; notes about the data (SOURCE, README, LICENSE) are not data.</summary>
    public static IReadOnlyList<string> In(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !IsNote(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)];

    private static bool IsNote(string name) =>
        name.StartsWith('.')
        || name.StartsWith("SOURCE", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("README", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
}
