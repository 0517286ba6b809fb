namespace Search.Indexer.Tests.Support;

/// <summary>Paths of the real sample files copied under tests/TestData, and scratch folders that clean up after themselves.</summary>
public static class TestFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    public static IEnumerable<string> In(string folder, string pattern = "*") =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), pattern).Order(StringComparer.Ordinal);
}

public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "patent-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
