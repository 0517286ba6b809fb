using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Search.Indexer.Records;
using EsHttpMethod = Elastic.Transport.HttpMethod;

namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>What bulk loading did so far: documents indexed, retried (after 429 or a node going away) and refused.</summary>
public sealed record BulkSummary(long Indexed, long Retried, long Failed);

/// <summary>A document the cluster refused for good (a mapping error, a document too large …).</summary>
public sealed record BulkFailure(PatentRecord Record, int Status, string Reason);

/// <summary>
/// Writes records with <c>_bulk</c>: batches of <see cref="ElasticsearchOptions.BulkBatchSize"/>, at most
/// <see cref="ElasticsearchOptions.BulkConcurrency"/> in flight. A whole request that meets 429, 502–504
/// or no answer is sent again after an exponential back-off; within an answer, items refused with 429
/// are sent again alone, and items refused for any other reason go to <c>onFailure</c> (the quarantine),
/// never dropped. A request still failing after <see cref="ElasticsearchOptions.BulkMaxRetries"/> fails
/// the write with an explained error.
/// </summary>
internal sealed class ElasticsearchBulkWriter(ElasticsearchConnection connection, ElasticsearchOptions options, ILogger logger, Action<BulkFailure> onFailure)
{
    private long _indexed;
    private long _retried;
    private long _failed;

    public BulkSummary Summary => new(Interlocked.Read(ref _indexed), Interlocked.Read(ref _retried), Interlocked.Read(ref _failed));

    /// <summary>
    /// Writes whole records, or with <paramref name="keepStoredLabels"/> their data only: a stored document keeps its
    /// labels and scores as the cluster holds them at the write (<see cref="ElasticsearchLabelUpdate.KeepingLabels"/>).
    /// </summary>
    public async Task WriteAsync(string index, IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken, bool keepStoredLabels = false)
    {
        // The last record of a batch wins when ids repeat, as in the Lucene engine.
        var byId = new Dictionary<string, PatentRecord>(records.Count, StringComparer.Ordinal);
        foreach (var r in records) byId[r.Id] = r;
        await Parallel.ForEachAsync(Chunks(index, byId.Values, keepStoredLabels), new ParallelOptions { MaxDegreeOfParallelism = options.BulkConcurrency, CancellationToken = cancellationToken },
            async (chunk, ct) => await SendAsync(chunk, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Requests of at most <see cref="ElasticsearchOptions.BulkBatchSize"/> records and about <see cref="ElasticsearchOptions.BulkMaxBytes"/>.</summary>
    private IEnumerable<List<BulkItem>> Chunks(string index, IEnumerable<PatentRecord> records, bool keepStoredLabels)
    {
        var chunk = new List<BulkItem>();
        long bytes = 0;
        foreach (var r in records)
        {
            var item = new BulkItem(r, keepStoredLabels ? ElasticsearchLabelUpdate.KeepingLabels(index, r) : Line(index, r));
            var size = Encoding.UTF8.GetByteCount(item.Lines);
            if (chunk.Count > 0 && (chunk.Count >= options.BulkBatchSize || bytes + size > options.BulkMaxBytes))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }
            chunk.Add(item);
            bytes += size;
        }
        if (chunk.Count > 0) yield return chunk;
    }

    /// <summary>The NDJSON body: an <c>index</c> action (create or replace by id) and the document, per record.</summary>
    public static string Body(string index, IEnumerable<PatentRecord> records)
    {
        var sb = new StringBuilder();
        foreach (var r in records) sb.Append(Line(index, r));
        return sb.ToString();
    }

    private static string Line(string index, PatentRecord r) =>
        new JsonObject { ["index"] = new JsonObject { ["_index"] = index, ["_id"] = r.Id } }.ToJsonString(ElasticsearchJson.Options) + "\n"
        + ElasticsearchSchema.Document(r).ToJsonString(ElasticsearchJson.Options) + "\n";

    private sealed record BulkItem(PatentRecord Record, string Lines);

    private async Task SendAsync(IReadOnlyList<BulkItem> chunk, CancellationToken cancellationToken)
    {
        var pending = chunk;
        for (var attempt = 0; ; attempt++)
        {
            var response = await connection.SendAsync(EsHttpMethod.POST, "/_bulk", string.Concat(pending.Select(p => p.Lines)), cancellationToken, ndjson: true).ConfigureAwait(false);
            if (response.Transient)
            {
                if (attempt >= options.BulkMaxRetries)
                    throw new ElasticsearchEngineException($"Bulk write of {pending.Count} records gave up after {attempt + 1} attempts: {connection.Explain(response, "_bulk").Message}");
                Interlocked.Add(ref _retried, pending.Count);
                logger.LogWarning("Bulk request of {Count} records answered {Status}; retry {Attempt} of {Max}", pending.Count, response.Status?.ToString() ?? "nothing", attempt + 1, options.BulkMaxRetries);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (!response.Success) throw connection.Explain(response, "_bulk");

            var items = response.Json()?["items"]?.AsArray()
                ?? throw new ElasticsearchEngineException($"Elasticsearch at {connection.Description} answered _bulk without items.");
            if (items.Count != pending.Count)
                throw new ElasticsearchEngineException($"Elasticsearch at {connection.Description} answered {items.Count} items to a bulk request of {pending.Count}.");
            var again = new List<BulkItem>();
            for (var i = 0; i < items.Count; i++)
            {
                var result = items[i]?["index"] ?? items[i]?["update"];
                var status = result?["status"]?.GetValue<int>() ?? 0;
                if (status is >= 200 and < 300)
                {
                    Interlocked.Increment(ref _indexed);
                }
                else if (status == 429)
                {
                    again.Add(pending[i]);
                }
                else
                {
                    var error = result?["error"];
                    Fail(new BulkFailure(pending[i].Record, status, $"{error?["type"]}: {error?["reason"]}"));
                }
            }
            if (again.Count == 0) return;
            if (attempt >= options.BulkMaxRetries)
            {
                foreach (var r in again) Fail(new BulkFailure(r.Record, 429, $"still refused with 429 (too many requests) after {attempt + 1} attempts"));
                return;
            }
            Interlocked.Add(ref _retried, again.Count);
            logger.LogWarning("{Count} documents of a bulk request refused with 429; retry {Attempt} of {Max}", again.Count, attempt + 1, options.BulkMaxRetries);
            pending = again;
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private void Fail(BulkFailure failure)
    {
        Interlocked.Increment(ref _failed);
        logger.LogError("Elasticsearch refused {Id} ({Status}): {Reason}; written to the quarantine", failure.Record.Id, failure.Status, failure.Reason);
        onFailure(failure);
    }

    /// <summary>Doubling delay with ±20 % jitter, so parallel writers do not retry in step.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var baseMs = options.BulkRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 10));
#pragma warning disable CA5394 // jitter, not security
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(baseMs * jitter);
    }
}
