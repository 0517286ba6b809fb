using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Engine;

/// <summary>The conformance suite on the embedded Lucene.NET engine, one temp folder per test.</summary>
public sealed class LucenePatentIndexConformanceTests : PatentIndexConformanceTests
{
    private readonly TempFolder _folder = new();

    protected override IPatentIndex OpenIndex() =>
        new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path, MaxRefreshDelay = TimeSpan.FromMilliseconds(100) });

    /// <summary>Rolls back without a commit and leaves write.lock behind, as a killed process does.</summary>
    protected override void SimulateCrash(IPatentIndex index)
    {
        ((LuceneIndex)index).Abandon();
        File.WriteAllText(Path.Combine(_folder.Path, "write.lock"), "");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _folder.Dispose();
    }
}
