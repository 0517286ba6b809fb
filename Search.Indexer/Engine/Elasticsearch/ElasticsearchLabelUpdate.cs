using System.Text;
using System.Text.Json.Nodes;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>
/// <see cref="IPatentIndex.SetLabelsAsync"/> on Elasticsearch: one <c>_bulk</c> of scripted <c>update</c> actions. The
/// cluster runs the script on the document as stored on the primary shard and retries it on a version conflict
/// (<c>retry_on_conflict</c>), so two writers changing different labels of one record both land. The script changes the
/// stored record's labels and scores and the fields derived from them (label facets, <c>value_index</c>) exactly as
/// <see cref="ElasticsearchSchema.Document"/> derives them, and is a no-op when nothing changes.
/// </summary>
internal static class ElasticsearchLabelUpdate
{
    /// <summary>Retries of one update after another write changed the document between its read and its write.</summary>
    public const int RetryOnConflict = 5;

    /// <summary>The script, the same for every document (the cluster compiles it once); everything else is in its parameters.</summary>
    public const string Script = """
        def record = ctx._source.record;
        boolean changed = false;
        if (record.labels == null) { record.labels = new HashMap(); }
        if (record.scores == null) { record.scores = new HashMap(); }
        for (def e : params.labels.entrySet()) {
          if (e.getValue().isEmpty()) {
            if (record.labels.containsKey(e.getKey())) { record.labels.remove(e.getKey()); changed = true; }
          } else if (!e.getValue().equals(record.labels.get(e.getKey()))) {
            record.labels.put(e.getKey(), e.getValue()); changed = true;
          }
        }
        for (def e : params.facets.entrySet()) {
          if (e.getValue().isEmpty()) { ctx._source.remove(e.getKey()); } else { ctx._source.put(e.getKey(), e.getValue()); }
        }
        List stale = new ArrayList();
        for (def name : record.scores.keySet()) {
          if (params.scores.containsKey(name)) { continue; }
          for (def prefix : params.prefixes) { if (name.startsWith(prefix)) { stale.add(name); break; } }
        }
        for (def name : stale) { record.scores.remove(name); changed = true; }
        for (def e : params.scores.entrySet()) {
          def old = record.scores.get(e.getKey());
          if (old == null || ((Number) old).doubleValue() != ((Number) e.getValue()).doubleValue()) { record.scores.put(e.getKey(), e.getValue()); changed = true; }
        }
        def value = record.scores.get(params.valueIndexScore);
        if (value == null) { ctx._source.remove(params.valueIndexField); } else { ctx._source.put(params.valueIndexField, value); }
        if (!changed) { ctx.op = 'noop'; }
        """;

    /// <summary>The NDJSON body: per record, an <c>update</c> action by id and the script with that record's change.</summary>
    public static string Body(string index, IEnumerable<KeyValuePair<string, LabelChanges>> changes)
    {
        var sb = new StringBuilder();
        foreach (var (id, change) in changes)
        {
            sb.Append(new JsonObject { ["update"] = new JsonObject { ["_index"] = index, ["_id"] = id, ["retry_on_conflict"] = RetryOnConflict } }
                .ToJsonString(ElasticsearchJson.Options)).Append('\n');
            sb.Append(new JsonObject
            {
                ["script"] = new JsonObject
                {
                    ["lang"] = "painless",
                    ["source"] = Script,
                    ["params"] = Parameters(change),
                },
            }.ToJsonString(ElasticsearchJson.Options)).Append('\n');
        }
        return sb.ToString();
    }

    private static JsonObject Parameters(LabelChanges change)
    {
        var labels = new JsonObject();
        var facets = new JsonObject();
        foreach (var (name, values) in change.Labels)
        {
            labels[name] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
            // A label that is a facet is also indexed as one, with its distinct non-blank values, as documents are built.
            if (LabelFacets.All.Contains(name))
                facets[PatentFields.Facet(name)] = new JsonArray([.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).Select(v => (JsonNode?)v)]);
        }
        var scores = new JsonObject();
        foreach (var (name, value) in change.Scores) scores[name] = value;
        return new JsonObject
        {
            ["labels"] = labels,
            ["facets"] = facets,
            ["scores"] = scores,
            ["prefixes"] = new JsonArray([.. change.ReplacedScorePrefixes.Select(p => (JsonNode?)p)]),
            ["valueIndexScore"] = LabelFacets.ValueIndexScore,
            ["valueIndexField"] = ElasticsearchFields.ValueIndex,
        };
    }

    /// <summary>
    /// The script of <see cref="IPatentIndex.UpsertDataAsync"/>: the new document replaces the stored one, except its
    /// labels, scores and the fields derived from them, which stay as stored on the primary shard at the write.
    /// </summary>
    public const string KeepLabelsScript = """
        def old = ctx._source.record;
        def labels = old == null ? null : old.labels;
        def scores = old == null ? null : old.scores;
        Map kept = new HashMap();
        for (def f : params.labelFields) { if (ctx._source.containsKey(f)) { kept.put(f, ctx._source.get(f)); } }
        Map record = new HashMap(params.doc.record);
        if (labels == null) { record.remove('labels'); } else { record.put('labels', labels); }
        if (scores == null) { record.remove('scores'); } else { record.put('scores', scores); }
        ctx._source.clear();
        for (def e : params.doc.entrySet()) { if (!params.labelFields.contains(e.getKey())) { ctx._source.put(e.getKey(), e.getValue()); } }
        ctx._source.putAll(kept);
        ctx._source.put('record', record);
        """;

    /// <summary>
    /// One record's <c>update</c> action for <see cref="IPatentIndex.UpsertDataAsync"/>: the script above on a stored
    /// document, the whole document (labels as given) when none is stored.
    /// </summary>
    public static string KeepingLabels(string index, PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var labelFields = new JsonArray([.. LabelFacets.All.Select(n => (JsonNode?)PatentFields.Facet(n)), ElasticsearchFields.ValueIndex]);
        var action = new JsonObject { ["update"] = new JsonObject { ["_index"] = index, ["_id"] = record.Id, ["retry_on_conflict"] = RetryOnConflict } };
        var body = new JsonObject
        {
            ["script"] = new JsonObject
            {
                ["lang"] = "painless",
                ["source"] = KeepLabelsScript,
                ["params"] = new JsonObject { ["doc"] = ElasticsearchSchema.Document(record), ["labelFields"] = labelFields },
            },
            ["upsert"] = ElasticsearchSchema.Document(record),
        };
        return action.ToJsonString(ElasticsearchJson.Options) + "\n" + body.ToJsonString(ElasticsearchJson.Options) + "\n";
    }

    /// <summary>How many of a bulk answer's updates changed a document; throws on any refused except a missing document.</summary>
    public static int CountChanged(JsonNode? answer, int sent, string cluster)
    {
        var items = answer?["items"]?.AsArray()
            ?? throw new ElasticsearchEngineException($"Elasticsearch at {cluster} answered a label update without items.");
        if (items.Count != sent)
            throw new ElasticsearchEngineException($"Elasticsearch at {cluster} answered {items.Count} items to a label update of {sent}.");
        var changed = 0;
        foreach (var item in items)
        {
            var result = item?["update"];
            var status = result?["status"]?.GetValue<int>() ?? 0;
            if (status is >= 200 and < 300)
            {
                if (result?["result"]?.ToString() == "updated") changed++;
            }
            else if (status != 404)
            {
                var error = result?["error"];
                throw new ElasticsearchEngineException($"Elasticsearch at {cluster} refused the label update of {result?["_id"]} ({status}): {error?["type"]}: {error?["reason"]}");
            }
        }
        return changed;
    }
}
