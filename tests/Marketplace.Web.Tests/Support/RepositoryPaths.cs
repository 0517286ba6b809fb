namespace Marketplace.Web.Tests.Support;

/// <summary>Folders of the repository the tests run from, found by walking up from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "Marketplace.Web");

    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Marketplace.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Marketplace.sln above {AppContext.BaseDirectory}: the tests must run inside the repository.");
    }
}
