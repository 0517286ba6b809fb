using Search.Indexer.Records;

namespace Search.Indexer.Engine;

/// <summary>
/// The search engine behind the product: embedded Lucene.NET by default, Elasticsearch at scale.
/// Writes are upserts by canonical id; <see cref="CommitAsync"/> makes them durable, and a crash
/// loses at most what was written since the last commit.
/// </summary>
public interface IPatentIndex : IDisposable
{
    /// <summary>Adds or replaces records by <see cref="PatentRecord.Id"/>; visible to searches after the next refresh.</summary>
    Task UpsertAsync(IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes only the labels and scores of stored records, by id, each applied atomically to the record as it is
    /// stored at that moment (never to a copy read earlier), so concurrent label writers that own different labels
    /// lose nothing. Ids not in the index are skipped. Visible after the next refresh, durable after <see cref="CommitAsync"/>.
    /// Returns how many records changed.
    /// </summary>
    Task<int> SetLabelsAsync(IReadOnlyDictionary<string, LabelChanges> changes, CancellationToken cancellationToken = default);

    /// <summary>Makes every write so far durable and visible.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);

    Task<PatentRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The stored records for the given ids (missing ids are left out).</summary>
    Task<IReadOnlyDictionary<string, PatentRecord>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records whose publication, other publication or application number matches a number in any
    /// written form (<c>CN 2022232206652</c>, <c>US 7,123,456 B2</c>); without a kind code, every kind matches.
    /// </summary>
    Task<IReadOnlyList<PatentRecord>> LookupAsync(string number, CancellationToken cancellationToken = default);

    Task<SearchResult> SearchAsync(PatentQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The id of every record the query matches: its text, filters and dates exactly as <see cref="SearchAsync"/>
    /// reads them, however many (paging, facets, sort and highlighting do not apply). For a report scoped by a query.
    /// </summary>
    Task<IReadOnlySet<string>> MatchingIdsAsync(PatentQuery query, CancellationToken cancellationToken = default);

    Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every record, in id order, streamed.</summary>
    IAsyncEnumerable<PatentRecord> ExportAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every record, streamed in the engine's own order (not id order), whole or as its
    /// <see cref="RecordSummary"/>: the fast pass for corpus-wide statistics.
    /// </summary>
    IAsyncEnumerable<PatentRecord> ScanAsync(RecordView view, CancellationToken cancellationToken = default);
}

/// <summary>How much of each record <see cref="IPatentIndex.ScanAsync"/> returns.</summary>
public enum RecordView
{
    /// <summary>The whole record, as <see cref="IPatentIndex.GetAsync"/> returns it.</summary>
    Full,
    /// <summary>Only <see cref="RecordSummary.Of"/> the record: no abstracts, claims, inventors, citations, source columns.</summary>
    Summary,
}

public sealed record IndexStats(long Records, long SizeBytes, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, string Engine, string Location);
