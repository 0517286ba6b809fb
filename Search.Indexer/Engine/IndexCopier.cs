using Search.Indexer.Engine.Elasticsearch;
using Search.Indexer.Records;

namespace Search.Indexer.Engine;

/// <summary>How far a copy between engines has come.</summary>
public sealed record CopyProgress(long Copied, long Total);

/// <summary>What a copy did; <see cref="Bulk"/> is set when the target is Elasticsearch.</summary>
public sealed record CopySummary(long Copied, TimeSpan Elapsed, string? Version, IReadOnlyList<string> RemovedVersions, BulkSummary? Bulk, string? QuarantineFile);

/// <summary>
/// Copies every record from one engine to another (<c>Search.Indexer reindex</c>). Into Elasticsearch it
/// builds a new versioned index and swaps the alias when the copy is complete, so searches never see a
/// half-copied index and a failed copy leaves the old one serving; into Lucene it upserts by id and commits.
/// </summary>
public static class IndexCopier
{
    public static async Task<CopySummary> CopyAsync(IPatentIndex source, IPatentIndex target, int batchSize, IProgress<CopyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var total = (await source.GetStatsAsync(cancellationToken).ConfigureAwait(false)).Records;
        var es = target as ElasticsearchIndex;
        var version = es is null ? null : await es.CreateVersionAsync(cancellationToken).ConfigureAwait(false);
        Func<IReadOnlyCollection<PatentRecord>, Task> write = es is null
            ? batch => target.UpsertAsync(batch, cancellationToken)
            : batch => es.UpsertIntoAsync(version!, batch, cancellationToken);

        long copied = 0;
        var batch = new List<PatentRecord>(batchSize);
        await foreach (var record in source.ExportAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(record);
            if (batch.Count < batchSize) continue;
            await write(batch).ConfigureAwait(false);
            copied += batch.Count;
            batch = new List<PatentRecord>(batchSize);
            progress?.Report(new CopyProgress(copied, total));
        }
        if (batch.Count > 0)
        {
            await write(batch).ConfigureAwait(false);
            copied += batch.Count;
            progress?.Report(new CopyProgress(copied, total));
        }

        IReadOnlyList<string> removed = [];
        if (es is not null)
        {
            var failed = es.BulkSummary.Failed;
            if (failed > 0)
                throw new ElasticsearchEngineException($"{failed} of {copied} records were refused (see {es.QuarantineFile}); the alias still points at the previous index and {version} was kept for inspection.");
            removed = await es.PromoteAsync(version!, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await target.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new CopySummary(copied, watch.Elapsed, version, removed, es?.BulkSummary, es?.QuarantineFile);
    }
}
