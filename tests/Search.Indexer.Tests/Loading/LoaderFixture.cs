using Search.Indexer.Readers;
using Search.Indexer.Records;
using Search.Indexer.Engine;
using Search.Indexer.Loading;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Loading;

/// <summary>A fresh index on a temporary folder with a loader over it and its own quarantine folder.</summary>
public sealed class LoaderFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public LoaderFixture()
    {
        Index = SearchEngines.Open(IndexPath);
        Loader = new PatentLoader(Index, DefaultReaders.Catalog);
    }

    public string IndexPath => Path.Combine(_folder.Path, "index");
    public string QuarantineFolder => Path.Combine(_folder.Path, "quarantine");
    public IPatentIndex Index { get; private set; }
    public PatentLoader Loader { get; private set; }

    public LoadOptions Options(bool force = false, int commitEvery = 20_000) => new()
    {
        QuarantineFolder = QuarantineFolder,
        ManifestPath = DataFolders.ManifestPathFor(IndexPath),
        Force = force,
        CommitEvery = commitEvery,
    };

    public Task<LoadSummary> LoadAsync(params string[] paths) => Loader.LoadAsync(paths, Options());

    public string File(string name) => _folder.File(name);

    /// <summary>Closes and reopens the index, as a new process would.</summary>
    public void Reopen()
    {
        Index.Dispose();
        Index = SearchEngines.Open(IndexPath);
        Loader = new PatentLoader(Index, DefaultReaders.Catalog);
    }

    public async Task<long> CountAsync() => (await Index.GetStatsAsync()).Records;

    public static List<QuarantineEntry> ReadQuarantine(string path) =>
        System.IO.File.ReadAllLines(path).Select(l => System.Text.Json.JsonSerializer.Deserialize<QuarantineEntry>(l, RecordJson.Options)!).ToList();

    public void Dispose()
    {
        Index.Dispose();
        _folder.Dispose();
    }
}
