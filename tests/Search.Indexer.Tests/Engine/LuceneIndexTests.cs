using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Engine;

/// <summary>Lucene-only behaviour the engine-neutral suite cannot state: locks and options.</summary>
public sealed class LuceneIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Open_WhileAnotherWriterHoldsTheFolder_IsRefusedWithAClearError()
    {
        using var first = LuceneIndex.Open(_folder.Path);
        var e = Assert.Throws<PatentIndexLockedException>(() => LuceneIndex.Open(_folder.Path));
        Assert.Contains(first.Location, e.Message, StringComparison.Ordinal);
        Assert.Contains("in use", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WithStaleLockFileFromAKilledProcess_Succeeds()
    {
        using (var index = LuceneIndex.Open(_folder.Path))
        {
            await index.UpsertAsync([SampleRecords.Get(SampleRecords.Drone)]);
            await index.CommitAsync();
        }
        var lockFile = Path.Combine(_folder.Path, "write.lock");
        await File.WriteAllTextAsync(lockFile, "left by a killed process");

        using var reopened = LuceneIndex.Open(_folder.Path);
        Assert.NotNull(await reopened.GetAsync(SampleRecords.Drone));
        Assert.True(File.Exists(lockFile));
    }

    [Fact]
    public async Task Open_AfterDispose_ReleasesTheLockForTheNextWriter()
    {
        LuceneIndex.Open(_folder.Path).Dispose();
        using var again = LuceneIndex.Open(_folder.Path);
        Assert.Equal(0, (await again.GetStatsAsync()).Records);
    }

    [Fact]
    public void Create_WithoutIndexPath_NamesTheMissingSetting()
    {
        var e = Assert.Throws<ArgumentException>(() => new LuceneIndex(new LuceneIndexOptions()));
        Assert.Contains(nameof(LuceneIndexOptions.IndexPath), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_IsVisibleToSearchesWithoutCommitAfterTheRefreshDelay()
    {
        using var index = new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path, MaxRefreshDelay = TimeSpan.FromMilliseconds(50) });
        await index.UpsertAsync([SampleRecords.Get(SampleRecords.Drone)]);
        // Wait on the condition (the background reopen), bounded so a broken refresh fails instead of hanging.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await index.GetAsync(SampleRecords.Drone) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the upsert never became visible without a commit");
            await Task.Yield();
        }
        Assert.Equal(1, (await index.SearchAsync(new PatentQuery { Text = "无人机" })).Total);
    }

    [Fact]
    public async Task Stats_NameTheEngineAndFolder()
    {
        using var index = LuceneIndex.Open(_folder.Path);
        var stats = await index.GetStatsAsync();
        Assert.Equal("lucene", stats.Engine);
        Assert.Equal(Path.GetFullPath(_folder.Path), stats.Location);
    }

    public void Dispose() => _folder.Dispose();
}
