using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Elastic.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Readers.JsonLines;
using Search.Indexer.Records;
using EsHttpMethod = Elastic.Transport.HttpMethod;

namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>
/// The search engine on an Elasticsearch 9 cluster (ADR-006). Searches and writes go through the alias
/// <see cref="ElasticsearchOptions.IndexName"/>, which points at one versioned physical index
/// (<c>patents-v20261127T170000123</c>). A rebuild (<see cref="CreateVersionAsync"/>, <see cref="UpsertIntoAsync"/>,
/// <see cref="PromoteAsync"/>) fills a new version while searches use the old one, then swaps the alias
/// atomically and deletes the old versions. The cluster is checked on first use (Elasticsearch, credentials,
/// the <c>analysis-smartcn</c> plugin), and the index template is put then, so the mapping is always explicit.
/// </summary>
public sealed class ElasticsearchIndex : IPatentIndex
{
    private const int ExportPageSize = 1_000;
    private readonly ElasticsearchOptions _options;
    private readonly ILogger _logger;
    private readonly ElasticsearchConnection _connection;
    private readonly ElasticsearchBulkWriter _bulk;
    private readonly Lock _quarantineLock = new();
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private QuarantineWriter? _quarantine;
    private bool _ready;
    private int _disposed;

    public ElasticsearchIndex(ElasticsearchOptions options, ILogger<ElasticsearchIndex>? logger = null)
        : this(options, logger, null)
    {
    }

    /// <summary>With a request invoker of one's own (the client's in-memory invoker in contract tests).</summary>
    internal ElasticsearchIndex(ElasticsearchOptions options, ILogger<ElasticsearchIndex>? logger, IRequestInvoker? invoker)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger<ElasticsearchIndex>.Instance;
        _connection = new ElasticsearchConnection(options, invoker);
        _bulk = new ElasticsearchBulkWriter(_connection, options, _logger, Quarantine);
    }

    /// <summary>The alias every search and write goes through.</summary>
    public string Alias => _options.IndexName;

    public string Location => $"{_connection.Description}/{Alias}";

    /// <summary>Documents indexed, retried and refused by this instance so far.</summary>
    public BulkSummary BulkSummary => _bulk.Summary;

    /// <summary>Where refused documents went, or null if none was refused.</summary>
    public string? QuarantineFile { get; private set; }

    // ---- cluster checks and the alias ----

    /// <summary>
    /// Checks the cluster (reachable, Elasticsearch, credentials accepted, <c>analysis-smartcn</c> installed),
    /// puts the index template, and creates the first version behind the alias when there is none.
    /// Called on first use; call it at start-up to fail early. Throws <see cref="ElasticsearchEngineException"/>.
    /// </summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (Volatile.Read(ref _ready)) return;
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready) return;
            await CheckClusterAsync(cancellationToken).ConfigureAwait(false);
            await _connection.RequestAsync(EsHttpMethod.PUT, $"/_index_template/{Alias}", ElasticsearchSchema.Template(Alias, _options.Shards, _options.Replicas), cancellationToken).ConfigureAwait(false);
            if (await CurrentVersionAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                var exists = await _connection.SendAsync(EsHttpMethod.HEAD, $"/{Alias}", null, cancellationToken).ConfigureAwait(false);
                if (exists.Status == 200)
                    throw new ElasticsearchEngineException($"'{Alias}' on {_connection.Description} is an index, not an alias: this product keeps versioned indices behind the alias. Reindex into a new name (Search:Elasticsearch:IndexName) or delete that index.");
                var first = NewVersionName();
                var body = new JsonObject { ["aliases"] = new JsonObject { [Alias] = new JsonObject() } };
                await _connection.RequestAsync(EsHttpMethod.PUT, $"/{first}", body, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Created {Index} behind the alias {Alias}", first, Alias);
            }
            Volatile.Write(ref _ready, true);
        }
        finally
        {
            _initLock.Release();
        }
    }

    private async Task CheckClusterAsync(CancellationToken cancellationToken)
    {
        var root = await _connection.RequestAsync(EsHttpMethod.GET, "/", null, cancellationToken).ConfigureAwait(false);
        var version = root?["version"]?["number"]?.ToString();
        if (version is null || !int.TryParse(version.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) || major < 8)
            throw new ElasticsearchEngineException($"The server at {_connection.Description} reports version '{version ?? "none"}'; the product needs Elasticsearch 8 or 9.");
        var analyze = new JsonObject { ["analyzer"] = ElasticsearchFields.SmartCn, ["text"] = "锂电池" };
        var response = await _connection.SendAsync(EsHttpMethod.POST, "/_analyze", analyze.ToJsonString(ElasticsearchJson.Options), cancellationToken).ConfigureAwait(false);
        if (response.Status == 400)
            throw new ElasticsearchEngineException(
                $"Elasticsearch at {_connection.Description} lacks the analysis-smartcn plugin ({ElasticsearchConnection.ErrorReason(response)}). " +
                "Install it on every node and restart them: bin/elasticsearch-plugin install analysis-smartcn " +
                "(the image in infra/elasticsearch/Dockerfile has it).");
        if (!response.Success) throw _connection.Explain(response, "_analyze");
    }

    /// <summary>
    /// For readiness probes, cheap enough to run every few seconds on a large index: the cluster answers
    /// (checked fully on first use), and the alias is present now. Returns the version behind the alias
    /// (null if the alias was removed) and its record count; throws <see cref="ElasticsearchEngineException"/>.
    /// </summary>
    public async Task<(string? Version, long Records)> ProbeAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var version = await CurrentVersionAsync(cancellationToken).ConfigureAwait(false);
        if (version is null) return (null, 0);
        var count = await _connection.RequestAsync(EsHttpMethod.GET, $"/{Alias}/_count", null, cancellationToken).ConfigureAwait(false);
        return (version, count?["count"]?.GetValue<long>() ?? 0);
    }

    /// <summary>The physical index behind the alias, or null when there is no alias yet.</summary>
    public async Task<string?> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        var aliases = await _connection.RequestAsync(EsHttpMethod.GET, $"/_alias/{Alias}", null, cancellationToken, 404).ConfigureAwait(false);
        if (aliases is not JsonObject o || o.ContainsKey("error") || o.ContainsKey("status")) return null;
        return o.Select(p => p.Key).Order(StringComparer.Ordinal).LastOrDefault();
    }

    private string NewVersionName() => $"{Alias}-v{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Creates a new, empty version (not yet behind the alias) tuned for loading: no refresh, no replicas.
    /// Fill it with <see cref="UpsertIntoAsync"/>, then <see cref="PromoteAsync"/>.
    /// </summary>
    public async Task<string> CreateVersionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var name = NewVersionName();
        var body = new JsonObject { ["settings"] = new JsonObject { ["refresh_interval"] = "-1", ["number_of_replicas"] = 0 } };
        await _connection.RequestAsync(EsHttpMethod.PUT, $"/{name}", body, cancellationToken).ConfigureAwait(false);
        return name;
    }

    public async Task UpsertIntoAsync(string version, IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default)
    {
        if (!version.StartsWith(Alias + "-v", StringComparison.Ordinal))
            throw new ArgumentException($"'{version}' is not a version of {Alias}", nameof(version));
        await _bulk.WriteAsync(version, records, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes <paramref name="version"/> the one searched: restores refresh and replicas, refreshes, swaps the
    /// alias in one atomic <c>_aliases</c> call (searches see the old index or the new one, never a half-built
    /// one), then deletes the older versions. Returns the versions deleted.
    /// </summary>
    public async Task<IReadOnlyList<string>> PromoteAsync(string version, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var settings = new JsonObject { ["index"] = new JsonObject { ["refresh_interval"] = null, ["number_of_replicas"] = _options.Replicas } };
        await _connection.RequestAsync(EsHttpMethod.PUT, $"/{version}/_settings", settings, cancellationToken).ConfigureAwait(false);
        await _connection.RequestAsync(EsHttpMethod.POST, $"/{version}/_refresh", null, cancellationToken).ConfigureAwait(false);
        var current = await CurrentVersionAsync(cancellationToken).ConfigureAwait(false);
        var actions = new JsonArray();
        if (current is not null && current != version) actions.Add(new JsonObject { ["remove"] = new JsonObject { ["index"] = current, ["alias"] = Alias } });
        actions.Add(new JsonObject { ["add"] = new JsonObject { ["index"] = version, ["alias"] = Alias } });
        await _connection.RequestAsync(EsHttpMethod.POST, "/_aliases", new JsonObject { ["actions"] = actions }, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Alias {Alias} now points at {Version} (was {Previous})", Alias, version, current ?? "nothing");

        var old = (await VersionsAsync(cancellationToken).ConfigureAwait(false)).Where(k => k != version).ToList();
        foreach (var o in old)
            await _connection.RequestAsync(EsHttpMethod.DELETE, $"/{o}", null, cancellationToken, 404).ConfigureAwait(false);
        return old;
    }

    /// <summary>Every physical version of this alias, open or closed, in name (= time) order.</summary>
    public async Task<IReadOnlyList<string>> VersionsAsync(CancellationToken cancellationToken = default)
    {
        var all = await _connection.RequestAsync(EsHttpMethod.GET, $"/{Alias}-v*?expand_wildcards=open,closed", null, cancellationToken).ConfigureAwait(false);
        return (all as JsonObject)?.Select(p => p.Key).Order(StringComparer.Ordinal).ToList() ?? [];
    }

    /// <summary>Deletes every version, the alias and the template (tests; a full reset).</summary>
    internal async Task DeleteEverythingAsync(CancellationToken cancellationToken = default)
    {
        // Clusters refuse wildcard deletes (action.destructive_requires_name): name each version.
        foreach (var version in await VersionsAsync(cancellationToken).ConfigureAwait(false))
            await _connection.RequestAsync(EsHttpMethod.DELETE, $"/{version}", null, cancellationToken, 404).ConfigureAwait(false);
        await _connection.RequestAsync(EsHttpMethod.DELETE, $"/_index_template/{Alias}", null, cancellationToken, 404).ConfigureAwait(false);
    }

    // ---- IPatentIndex ----

    public async Task UpsertAsync(IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await _bulk.WriteAsync(Alias, records, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpsertDataAsync(IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await _bulk.WriteAsync(Alias, records, cancellationToken, keepStoredLabels: true).ConfigureAwait(false);
    }

    /// <summary>Scripted updates in bulk (<see cref="ElasticsearchLabelUpdate"/>), in requests of <see cref="ElasticsearchOptions.BulkBatchSize"/>.</summary>
    public async Task<int> SetLabelsAsync(IReadOnlyDictionary<string, LabelChanges> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var wanted = changes.Where(c => !string.IsNullOrEmpty(c.Key)).ToList();
        if (wanted.Count == 0) return 0;
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var changed = 0;
        foreach (var chunk in wanted.Chunk(_options.BulkBatchSize))
        {
            var response = await _connection.SendAsync(EsHttpMethod.POST, "/_bulk", ElasticsearchLabelUpdate.Body(Alias, chunk), cancellationToken, ndjson: true).ConfigureAwait(false);
            if (!response.Success) throw _connection.Explain(response, "_bulk");
            changed += ElasticsearchLabelUpdate.CountChanged(response.Json(), chunk.Length, _connection.Description);
        }
        return changed;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var answer = await _connection.RequestAsync(EsHttpMethod.DELETE, $"/{Alias}/_doc/{Uri.EscapeDataString(id)}", null, cancellationToken, 404).ConfigureAwait(false);
        return answer?["result"]?.ToString() == "deleted";
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await _connection.RequestAsync(EsHttpMethod.POST, $"/{Alias}/_refresh", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each write is acknowledged by the cluster once durable: none is ever dropped after its acknowledgement.</summary>
    public long WriteEpoch => 0;

    public Exception? LastWriteFailure => null;

    public async Task<PatentRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var answer = await _connection.RequestAsync(EsHttpMethod.GET, $"/{Alias}/_doc/{Uri.EscapeDataString(id)}?_source_includes={ElasticsearchFields.Record}", null, cancellationToken, 404).ConfigureAwait(false);
        return answer?["found"]?.GetValue<bool>() == true ? ElasticsearchSearchRequest.ReadRecord(answer) : null;
    }

    public async Task<IReadOnlyDictionary<string, PatentRecord>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<string, PatentRecord>(StringComparer.Ordinal);
        var wanted = ids.Where(i => !string.IsNullOrEmpty(i)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return found;
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in wanted.Chunk(1_000))
        {
            var body = new JsonObject { ["ids"] = new JsonArray([.. chunk.Select(i => (JsonNode)i)]) };
            var answer = await _connection.RequestAsync(EsHttpMethod.POST, $"/{Alias}/_mget?_source_includes={ElasticsearchFields.Record}", body, cancellationToken).ConfigureAwait(false);
            foreach (var doc in answer?["docs"]?.AsArray() ?? [])
                if (doc?["found"]?.GetValue<bool>() == true)
                    found[doc["_id"]!.ToString()] = ElasticsearchSearchRequest.ReadRecord(doc);
        }
        return found;
    }

    public async Task<IReadOnlyList<PatentRecord>> LookupAsync(string number, CancellationToken cancellationToken = default)
    {
        if (!PatentNumber.TryParse(number, out var parsed, out var error) && !PatentNumber.TryParse(number, out parsed, "CN"))
            throw new ArgumentException($"Cannot look up '{number}': {error}", nameof(number));
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var body = new JsonObject
        {
            ["query"] = ElasticsearchQueryTranslator.NumberQuery(parsed),
            ["size"] = 100,
            ["sort"] = new JsonArray(new JsonObject { [PatentFields.Id] = "asc" }),
            ["_source"] = new JsonArray(ElasticsearchFields.Record),
        };
        var answer = await _connection.RequestAsync(EsHttpMethod.POST, $"/{Alias}/_search", body, cancellationToken).ConfigureAwait(false);
        return [.. (answer?["hits"]?["hits"]?.AsArray() ?? []).Select(h => ElasticsearchSearchRequest.ReadRecord(h!))];
    }

    public async Task<SearchResult> SearchAsync(PatentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var watch = Stopwatch.StartNew();
        var body = ElasticsearchSearchRequest.Build(query, out var highlight);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var answer = await _connection.RequestAsync(EsHttpMethod.POST, $"/{Alias}/_search", body, cancellationToken).ConfigureAwait(false)
            ?? throw new ElasticsearchEngineException($"Elasticsearch at {_connection.Description} answered _search with nothing.");
        return ElasticsearchSearchRequest.Read(answer, highlight) with { Took = watch.Elapsed };
    }

    public async Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var aggs = new JsonObject();
        foreach (var f in PatentFacets.All) aggs[f.Name] = ElasticsearchSearchRequest.FacetAggregation(f.Name, 20);
        var body = new JsonObject { ["size"] = 0, ["track_total_hits"] = true, ["aggs"] = aggs };
        var answer = await _connection.RequestAsync(EsHttpMethod.POST, $"/{Alias}/_search", body, cancellationToken).ConfigureAwait(false);
        var stats = await _connection.RequestAsync(EsHttpMethod.GET, $"/{Alias}/_stats/store", null, cancellationToken).ConfigureAwait(false);
        var size = stats?["_all"]?["total"]?["store"]?["size_in_bytes"]?.GetValue<long>() ?? 0;
        return new IndexStats(answer?["hits"]?["total"]?["value"]?.GetValue<long>() ?? 0, size,
            ElasticsearchSearchRequest.ReadFacets(answer?["aggregations"] as JsonObject), "elasticsearch", Location);
    }

    public IAsyncEnumerable<PatentRecord> ExportAsync(CancellationToken cancellationToken = default) =>
        PageThroughAsync(RecordView.Full, cancellationToken);

    /// <summary>In id order like <see cref="ExportAsync"/>; a summary asks only for its properties of the stored record (source filtering).</summary>
    public IAsyncEnumerable<PatentRecord> ScanAsync(RecordView view, CancellationToken cancellationToken = default) =>
        PageThroughAsync(view, cancellationToken);

    private const int IdPageSize = 10_000;

    public async Task<IReadOnlySet<string>> MatchingIdsAsync(PatentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var hit in HitsInIdOrderAsync(MatchingIdsBody(query, null), IdPageSize, cancellationToken).ConfigureAwait(false))
            ids.Add(hit["_id"]!.GetValue<string>());
        return ids;
    }

    /// <summary>One page of the ids a query matches, in id order after <paramref name="after"/>: the search's query without sources, scores or facets.</summary>
    internal static JsonObject MatchingIdsBody(PatentQuery query, string? after)
    {
        var search = ElasticsearchSearchRequest.Build(query with { Page = 1, PageSize = 1, Facets = [], Highlight = false, Sort = SearchSort.Relevance }, out _);
        var body = new JsonObject
        {
            ["query"] = search["query"]!.DeepClone(),
            ["size"] = IdPageSize,
            ["sort"] = new JsonArray(new JsonObject { [PatentFields.Id] = "asc" }),
            ["_source"] = false,
            ["track_total_hits"] = false,
        };
        if (after is not null) body["search_after"] = new JsonArray(after);
        return body;
    }

    /// <summary>One page of every record in id order, after the id <paramref name="after"/>, with the source a view needs.</summary>
    internal static JsonObject PageBody(RecordView view, string? after)
    {
        var source = view == RecordView.Summary
            ? RecordSummary.Properties.Select(p => (JsonNode)JsonValue.Create(ElasticsearchFields.Record + "." + p))
            : [JsonValue.Create(ElasticsearchFields.Record)];
        var body = new JsonObject
        {
            ["query"] = new JsonObject { ["match_all"] = new JsonObject() },
            ["size"] = ExportPageSize,
            ["sort"] = new JsonArray(new JsonObject { [PatentFields.Id] = "asc" }),
            ["_source"] = new JsonArray(source.ToArray()),
            ["track_total_hits"] = false,
        };
        if (after is not null) body["search_after"] = new JsonArray(after);
        return body;
    }

    private async IAsyncEnumerable<PatentRecord> PageThroughAsync(RecordView view, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var hit in HitsInIdOrderAsync(PageBody(view, null), ExportPageSize, cancellationToken).ConfigureAwait(false))
            yield return ElasticsearchSearchRequest.ReadRecord(hit);
    }

    /// <summary>Every hit of a search sorted by id, page after page: the first page's body again with <c>search_after</c> the last id.</summary>
    private async IAsyncEnumerable<JsonNode> HitsInIdOrderAsync(JsonObject firstPage, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var body = firstPage;
        while (true)
        {
            var answer = await _connection.RequestAsync(EsHttpMethod.POST, $"/{Alias}/_search", body, cancellationToken).ConfigureAwait(false);
            var hits = answer?["hits"]?["hits"]?.AsArray() ?? [];
            foreach (var h in hits) yield return h!;
            if (hits.Count < pageSize) yield break;
            body = (JsonObject)firstPage.DeepClone();
            body["search_after"] = new JsonArray(hits[^1]!["sort"]![0]!.ToString());
        }
    }

    /// <summary>Refused documents go to the same quarantine folder and format as the readers' bad records, reloadable as JSON Lines.</summary>
    private void Quarantine(BulkFailure failure)
    {
        if (_options.QuarantinePath is null) return;
        lock (_quarantineLock)
        {
            _quarantine ??= new QuarantineWriter(_options.QuarantinePath, DateTimeOffset.UtcNow);
            _quarantine.Write(new RecordRejection
            {
                SourceFile = $"elasticsearch:{Alias}",
                Format = JsonLinesReader.FormatName,
                Because = RejectionReasons.ElasticsearchRefused.With(RejectionArgument.Number(failure.Status), failure.Reason),
                Raw = RecordJson.Serialize(failure.Record),
            });
            QuarantineFile = _quarantine.FilePath;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_quarantineLock) _quarantine?.Dispose();
        _initLock.Dispose();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
