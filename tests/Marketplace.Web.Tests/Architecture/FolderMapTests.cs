using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Architecture;

/// <summary>The README's map of Marketplace.Web/ names every folder there is, and no folder that is gone.</summary>
public sealed partial class FolderMapTests
{
    [Fact]
    public void The_readme_map_lists_exactly_the_folders_of_the_web_project()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf("### `Marketplace.Web/`, folder by folder", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no section \"### `Marketplace.Web/`, folder by folder\".");
        var section = readme[start..];
        var end = section.IndexOf("\n#", 3, StringComparison.Ordinal);
        var mapped = MapRow().Matches(end < 0 ? section : section[..end]).Select(m => m.Groups["folder"].Value).Order(StringComparer.Ordinal).ToList();

        var folders = Directory.EnumerateDirectories(RepositoryPaths.WebProject).Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("bin" or "obj") && !f.StartsWith('.'))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(folders, mapped);
    }

    [GeneratedRegex(@"^\| `(?<folder>[^`/]+)/` \|", RegexOptions.Multiline)]
    private static partial Regex MapRow();
}
