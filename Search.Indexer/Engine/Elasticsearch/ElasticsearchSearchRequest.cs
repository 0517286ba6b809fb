using System.Text.Json.Nodes;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>
/// The <c>_search</c> body for a <see cref="PatentQuery"/> (query, filters, aggregations, highlighting,
/// sort, paging) and the reading of its answer into a <see cref="SearchResult"/>.
/// </summary>
internal static class ElasticsearchSearchRequest
{
    /// <summary>Private-use characters as highlight tags: the text is HTML-encoded here, then they become &lt;mark&gt;.</summary>
    internal const string PreTag = "\uE000";
    internal const string PostTag = "\uE001";

    /// <summary>The request body; <paramref name="highlight"/> is whether the text query can be highlighted.</summary>
    public static JsonObject Build(PatentQuery query, out bool highlight)
    {
        query.Validate();
        var parsed = QuerySyntax.Parse(query.Text);
        var text = ElasticsearchQueryTranslator.Translate(parsed);
        // Nothing searchable in the text (only stop words): match nothing, as the Lucene engine does.
        var main = text ?? new JsonObject { ["match_none"] = new JsonObject() };
        var filters = Filters(query);
        var q = filters.Count == 0
            ? main
            : new JsonObject { ["bool"] = new JsonObject { ["must"] = new JsonArray(main), ["filter"] = filters } };

        var body = new JsonObject
        {
            ["query"] = q,
            ["from"] = (query.Page - 1) * query.PageSize,
            ["size"] = query.PageSize,
            ["track_total_hits"] = true,
            ["_source"] = new JsonArray(ElasticsearchFields.Record),
            ["sort"] = Sort(query.Sort),
        };
        if (query.Sort == SearchSort.ValueIndexDescending) body["track_scores"] = true;
        if (query.Facets.Count > 0)
        {
            var aggs = new JsonObject();
            foreach (var f in query.Facets.Distinct(StringComparer.Ordinal)) aggs[f] = FacetAggregation(f, query.FacetSize);
            body["aggs"] = aggs;
        }
        highlight = query.Highlight && text is not null && parsed is not MatchAllNode;
        if (highlight) body["highlight"] = Highlight();
        return body;
    }

    public static JsonObject FacetAggregation(string facet, int size) => new()
    {
        ["terms"] = new JsonObject
        {
            ["field"] = PatentFields.Facet(facet),
            ["size"] = size,
            // Exact counts on several shards need every shard to send more than the top values.
            ["shard_size"] = Math.Max(size * 5, 100),
            ["order"] = new JsonArray(new JsonObject { ["_count"] = "desc" }, new JsonObject { ["_key"] = "asc" }),
        },
    };

    /// <summary>Filters and date ranges as non-scoring clauses: OR within a field, AND across fields.</summary>
    private static JsonArray Filters(PatentQuery query)
    {
        var all = new JsonArray();
        foreach (var (field, values) in query.Filters.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (values is null || values.Count == 0) continue;
            var terms = new JsonArray();
            foreach (var v in values.Distinct(StringComparer.Ordinal)) terms.Add(v);
            all.Add(new JsonObject { ["terms"] = new JsonObject { [PatentFields.Facet(field)] = terms } });
        }
        AddDate(all, PatentFields.ApplicationDate, query.ApplicationDate);
        AddDate(all, PatentFields.PublicationDate, query.PublicationDate);
        AddDate(all, PatentFields.GrantDate, query.GrantDate);
        return all;
    }

    private static void AddDate(JsonArray all, string field, DateRange? range)
    {
        if (range is null || (range.From is null && range.To is null)) return;
        if (range.From > range.To)
            throw new ArgumentException($"Date range on {field} starts ({range.From:yyyy-MM-dd}) after it ends ({range.To:yyyy-MM-dd})");
        all.Add(ElasticsearchQueryTranslator.DateRange(field, range.From, range.To));
    }

    private static JsonArray Sort(SearchSort sort)
    {
        var byId = new JsonObject { [PatentFields.Id] = "asc" };
        return sort switch
        {
            SearchSort.Relevance => new JsonArray(new JsonObject { ["_score"] = "desc" }, byId),
            SearchSort.ValueIndexDescending => new JsonArray(Field(ElasticsearchFields.ValueIndex, "desc"), new JsonObject { ["_score"] = "desc" }, byId),
            SearchSort.PublicationDateDescending => new JsonArray(Field(PatentFields.PublicationDate, "desc"), byId),
            SearchSort.PublicationDateAscending => new JsonArray(Field(PatentFields.PublicationDate, "asc"), byId),
            SearchSort.ApplicationDateDescending => new JsonArray(Field(PatentFields.ApplicationDate, "desc"), byId),
            SearchSort.ApplicationDateAscending => new JsonArray(Field(PatentFields.ApplicationDate, "asc"), byId),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "unknown sort"),
        };

        // Records without the value come last either way.
        static JsonObject Field(string field, string order) =>
            new() { [field] = new JsonObject { ["order"] = order, ["missing"] = "_last" } };
    }

    private static JsonObject Highlight()
    {
        var fields = new JsonObject();
        foreach (var f in PatentFields.TextFamilies)
        {
            if (f.Highlight == TextHighlight.None) continue;
            // Titles whole, abstracts as one fragment, as the Lucene engine returns them.
            var options = f.Highlight == TextHighlight.Whole
                ? new JsonObject { ["number_of_fragments"] = 0 }
                : new JsonObject { ["number_of_fragments"] = 1, ["fragment_size"] = HighlightHtml.FragmentChars };
            fields[f.ChineseBigrams] = options.DeepClone();
            if (f.Words) fields[f.ChineseWords] = options.DeepClone();
            fields[f.English] = options.DeepClone();
        }
        return new JsonObject
        {
            ["type"] = "unified",
            ["pre_tags"] = new JsonArray(PreTag),
            ["post_tags"] = new JsonArray(PostTag),
            ["require_field_match"] = true,
            ["fields"] = fields,
        };
    }

    public static SearchResult Read(JsonNode response, bool highlight)
    {
        var hitsNode = response["hits"];
        var total = hitsNode?["total"]?["value"]?.GetValue<long>() ?? 0;
        var hits = new List<SearchHit>();
        foreach (var h in hitsNode?["hits"]?.AsArray() ?? [])
        {
            var record = ReadRecord(h!);
            var score = h!["_score"] is JsonValue s && s.TryGetValue<double>(out var d) ? (float)d : 0f;
            var highlights = highlight && h["highlight"] is JsonObject hl ? Highlights(hl, record) : new Dictionary<string, string>();
            hits.Add(new SearchHit(record, score, highlights));
        }
        return new SearchResult { Total = total, Hits = hits, Facets = ReadFacets(response["aggregations"] as JsonObject) };
    }

    public static PatentRecord ReadRecord(JsonNode hit)
    {
        var record = hit["_source"]?[ElasticsearchFields.Record]
            ?? throw new ElasticsearchEngineException($"Document {hit["_id"]} has no '{ElasticsearchFields.Record}' in its source: the index was not written by this product.");
        return RecordJson.Deserialize(record.ToJsonString(ElasticsearchJson.Options));
    }

    public static Dictionary<string, IReadOnlyList<FacetValue>> ReadFacets(JsonObject? aggregations)
    {
        var facets = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        if (aggregations is null) return facets;
        foreach (var (name, agg) in aggregations)
        {
            var values = new List<FacetValue>();
            foreach (var b in agg?["buckets"]?.AsArray() ?? [])
                values.Add(new FacetValue(b!["key"]!.ToString(), b["doc_count"]!.GetValue<long>()));
            facets[name] = values;
        }
        return facets;
    }

    /// <summary>Fragments per family and language (<c>title.zh</c>, <c>abstract.en</c>), bigram matches before word matches.</summary>
    private static Dictionary<string, string> Highlights(JsonObject highlight, PatentRecord record)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var family in PatentFields.TextFamilies)
        {
            if (family.Highlight == TextHighlight.None) continue;
            var texts = family.Texts(record);
            string[] fields = family.Words ? [family.ChineseBigrams, family.ChineseWords, family.English] : [family.ChineseBigrams, family.English];
            foreach (var field in fields)
            {
                var chinese = field != family.English;
                foreach (var fragment in highlight[field]?.AsArray() ?? [])
                {
                    var marked = fragment!.GetValue<string>();
                    var plain = marked.Replace(PreTag, "", StringComparison.Ordinal).Replace(PostTag, "", StringComparison.Ordinal);
                    var source = texts.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t.Text) && PatentFields.IsChinese(t) == chinese
                        && t.Text.Contains(plain, StringComparison.Ordinal));
                    if (source is null) continue;
                    var key = HighlightHtml.Key(family, source.Language);
                    if (!result.ContainsKey(key) && marked.Contains(PreTag, StringComparison.Ordinal)) result[key] = ToHtml(marked);
                }
            }
        }
        return result;
    }

    /// <summary>Escapes what HTML needs, as the Lucene engine does, and turns the private tags into &lt;mark&gt;.</summary>
    internal static string ToHtml(string marked) =>
        HighlightHtml.Encode(marked).Replace(PreTag, HighlightHtml.Mark, StringComparison.Ordinal).Replace(PostTag, HighlightHtml.EndMark, StringComparison.Ordinal);
}
