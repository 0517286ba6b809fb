using Search.Indexer.Engine;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Readers.JsonLines;
using Search.Indexer.Records;
using Search.Indexer.Tests.Engine;

namespace Search.Indexer.Tests.Loading;

/// <summary>
/// A label written while a load rewrites the same record (ADR-027): the load reads the stored record, merges the file's
/// copy into it and writes the result; a label written between that read and that write (an open licence published,
/// the labeller at a commit) must survive the write, and the load's data must land too. The race is made to happen by
/// order, not by timing: the label is written right after the loader's read returns.
/// </summary>
public sealed class LabelWriteDuringLoadTests
{
    [Fact]
    public async Task A_label_written_between_the_loads_read_and_its_write_is_kept_beside_the_loaded_data()
    {
        using var f = new LoaderFixture();
        var full = SampleRecords.Generated(1).Single();
        // Stored without its abstract, so the file's copy changes the record and the load writes it again.
        var stored = RecordJson.Deserialize(RecordJson.Serialize(full));
        stored.Abstracts = [];
        stored.Labels[LabelFacets.Chain] = ["new-energy"];
        await f.Index.UpsertAsync([stored]);
        await f.Index.CommitAsync();
        var path = f.File("full.jsonl");
        using (var writer = new JsonLinesWriter(File.Create(path))) writer.WriteAll([full]);

        var racing = new LabelAfterReadIndex(f.Index, full.Id, LabelChanges.Label(LabelFacets.OpenLicense, LabelFacets.OpenLicenseAvailable));
        var summary = await new PatentLoader(racing, DefaultReaders.Catalog).LoadAsync([path], f.Options());

        Assert.True(racing.Wrote, "The label was not written between the loader's read and its write.");
        Assert.Equal(1, summary.Merged);
        var after = (await f.Index.GetAsync(full.Id))!;
        Assert.Equal([LabelFacets.OpenLicenseAvailable], after.Labels[LabelFacets.OpenLicense]);
        Assert.Equal(["new-energy"], after.Labels[LabelFacets.Chain]);
        Assert.Equal(full.Abstracts.Single().Text, after.Abstracts.Single().Text);
        var found = await f.Index.SearchAsync(new PatentQuery { Filters = new Dictionary<string, IReadOnlyList<string>> { [LabelFacets.OpenLicense] = [LabelFacets.OpenLicenseAvailable] } });
        Assert.Equal([full.Id], found.Hits.Select(h => h.Record.Id));
    }

    /// <summary>The index as the loader sees it, with a label write on the real index just after the first read of <paramref name="id"/>.</summary>
    private sealed class LabelAfterReadIndex(IPatentIndex inner, string id, LabelChanges label) : IPatentIndex
    {
        public bool Wrote { get; private set; }

        public async Task<IReadOnlyDictionary<string, PatentRecord>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
        {
            var read = await inner.GetManyAsync(ids, cancellationToken);
            if (!Wrote && read.ContainsKey(id))
            {
                // Not committed: the write is not yet visible to searches, the harder case for the load's write.
                Wrote = await inner.SetLabelsAsync(new Dictionary<string, LabelChanges> { [id] = label }, cancellationToken) == 1;
            }
            return read;
        }

        public long WriteEpoch => inner.WriteEpoch;
        public Exception? LastWriteFailure => inner.LastWriteFailure;
        public Task UpsertAsync(IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default) => inner.UpsertAsync(records, cancellationToken);
        public Task UpsertDataAsync(IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default) => inner.UpsertDataAsync(records, cancellationToken);
        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
        public Task<int> SetLabelsAsync(IReadOnlyDictionary<string, LabelChanges> changes, CancellationToken cancellationToken = default) => inner.SetLabelsAsync(changes, cancellationToken);
        public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);
        public Task<PatentRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);
        public Task<IReadOnlyList<PatentRecord>> LookupAsync(string number, CancellationToken cancellationToken = default) => inner.LookupAsync(number, cancellationToken);
        public Task<SearchResult> SearchAsync(PatentQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(query, cancellationToken);
        public Task<IReadOnlySet<string>> MatchingIdsAsync(PatentQuery query, CancellationToken cancellationToken = default) => inner.MatchingIdsAsync(query, cancellationToken);
        public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);
        public IAsyncEnumerable<PatentRecord> ExportAsync(CancellationToken cancellationToken = default) => inner.ExportAsync(cancellationToken);
        public IAsyncEnumerable<PatentRecord> ScanAsync(RecordView view, CancellationToken cancellationToken = default) => inner.ScanAsync(view, cancellationToken);

        // The real index belongs to the fixture, which disposes it.
        public void Dispose()
        {
        }
    }
}
