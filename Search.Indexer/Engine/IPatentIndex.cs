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

    /// <summary>
    /// Adds records not stored yet, and replaces the data of stored ones while keeping their labels and scores as stored at
    /// the moment of the write, never as the caller read them earlier: a load merges data into stored records and never
    /// owns their labels, so a label written between its read and its write stays (ADR-027).
    /// </summary>
    Task UpsertDataAsync(IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default);

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

    /// <summary>
    /// Changes each time writes not yet committed were dropped: on Lucene, a write that failed on the disk sends the
    /// writer back to its last commit, whoever wrote them (Elasticsearch acknowledges each write, so it stays 0). A writer
    /// reads it before writing and commits with <see cref="PatentIndexWrites.CommitSinceAsync"/>, which says when the
    /// commit does not hold its writes.
    /// </summary>
    long WriteEpoch { get; }

    /// <summary>The failure that last dropped uncommitted writes (the last change of <see cref="WriteEpoch"/>), if any.</summary>
    Exception? LastWriteFailure { get; }

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

/// <summary>Commits that check the writer's own writes are in them (<see cref="IPatentIndex.WriteEpoch"/>).</summary>
public static class PatentIndexWrites
{
    /// <summary>
    /// Commits, then throws <see cref="IndexWritesDroppedException"/> when writes made since <paramref name="epoch"/> (read
    /// before them) were dropped by a failure meanwhile: the commit holds none of them, and the caller must not say it does.
    /// </summary>
    public static async Task CommitSinceAsync(this IPatentIndex index, long epoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        await index.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (index.WriteEpoch != epoch) throw new IndexWritesDroppedException(index.LastWriteFailure);
    }
}

/// <summary>Writes not yet committed were dropped because a write failed (its cause is the inner exception); write them again.</summary>
public sealed class IndexWritesDroppedException(Exception? cause)
    : IOException("Writes since the last commit were dropped: a write to the index failed" + (cause is null ? "" : $" ({cause.Message})")
        + " and the index went back to its last commit. Write them again once the cause is fixed.", cause);

/// <summary>How much of each record <see cref="IPatentIndex.ScanAsync"/> returns.</summary>
public enum RecordView
{
    /// <summary>The whole record, as <see cref="IPatentIndex.GetAsync"/> returns it.</summary>
    Full,
    /// <summary>Only <see cref="RecordSummary.Of"/> the record: no abstracts, claims, inventors, citations, source columns.</summary>
    Summary,
}

public sealed record IndexStats(long Records, long SizeBytes, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, string Engine, string Location);
