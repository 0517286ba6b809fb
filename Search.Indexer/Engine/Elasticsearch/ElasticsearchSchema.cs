using System.Globalization;
using System.Text.Json.Nodes;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>
/// The index template (settings, analysers, explicit mappings) and the document of one record.
/// <c>dynamic: strict</c>: a field the template does not name is refused, never guessed.
/// </summary>
internal static class ElasticsearchSchema
{
    /// <summary>Bumped when the mapping changes; stored in the template's and index's <c>_meta</c>.</summary>
    public const int Version = 1;

    /// <summary>The composable index template for the physical indices behind <paramref name="alias"/>.</summary>
    public static JsonObject Template(string alias, int shards, int replicas) => new()
    {
        ["index_patterns"] = new JsonArray(alias + "-v*"),
        ["priority"] = 500,
        ["_meta"] = new JsonObject { ["product"] = "patent-marketplace", ["schema"] = Version },
        ["template"] = new JsonObject
        {
            ["settings"] = Settings(shards, replicas),
            ["mappings"] = Mappings(),
        },
    };

    public static JsonObject Settings(int shards, int replicas) => new()
    {
        ["number_of_shards"] = shards,
        ["number_of_replicas"] = replicas,
        ["max_result_window"] = PatentQuery.MaxResultWindow,
        ["analysis"] = new JsonObject
        {
            ["analyzer"] = new JsonObject
            {
                // Same chain as the Lucene engine's CjkBigramAnalyzer: standard tokens, width folding,
                // lower case, overlapping CJK bigrams (a lone CJK character stays a unigram), no stop words.
                [ElasticsearchFields.Bigrams] = new JsonObject
                {
                    ["type"] = "custom",
                    ["tokenizer"] = "standard",
                    ["filter"] = new JsonArray("cjk_width", "lowercase", "cjk_bigram"),
                },
            },
        },
    };

    public static JsonObject Mappings()
    {
        var properties = new JsonObject
        {
            [PatentFields.Id] = Keyword(),
            [ElasticsearchFields.Record] = new JsonObject { ["type"] = "object", ["enabled"] = false },
            [PatentFields.NumberKey] = Keyword(),
            [PatentFields.NumberFull] = Keyword(),
            [PatentFields.Ipc] = Keyword(),
            [PatentFields.Cpc] = Keyword(),
            [PatentFields.ApplicantText] = Text(ElasticsearchFields.Bigrams, withKeyword: true),
            [PatentFields.InventorText] = Text(ElasticsearchFields.Bigrams, withKeyword: true),
            [PatentFields.ApplicationDate] = Date(),
            [PatentFields.PublicationDate] = Date(),
            [PatentFields.GrantDate] = Date(),
            [ElasticsearchFields.ValueIndex] = new JsonObject { ["type"] = "double" },
        };
        foreach (var f in PatentFields.TextFamilies)
        {
            if (f.Words) properties[f.ChineseWords] = Text(ElasticsearchFields.SmartCn);
            properties[f.ChineseBigrams] = Text(ElasticsearchFields.Bigrams);
            properties[f.English] = Text(ElasticsearchFields.English);
        }
        foreach (var facet in PatentFacets.All)
            properties[PatentFields.Facet(facet.Name)] = Keyword();
        return new JsonObject
        {
            ["dynamic"] = "strict",
            ["_meta"] = new JsonObject { ["schema"] = Version },
            ["properties"] = properties,
        };
    }

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    private static JsonObject Date() => new() { ["type"] = "date", ["format"] = "yyyy-MM-dd" };

    private static JsonObject Text(string analyzer, bool withKeyword = false)
    {
        var o = new JsonObject { ["type"] = "text", ["analyzer"] = analyzer };
        if (withKeyword) o["fields"] = new JsonObject { ["keyword"] = new JsonObject { ["type"] = "keyword", ["ignore_above"] = 512 } };
        return o;
    }

    /// <summary>The document of one record: the record itself plus every indexed field, as the Lucene engine builds them.</summary>
    public static JsonObject Document(PatentRecord record)
    {
        var doc = new JsonObject
        {
            [PatentFields.Id] = record.Id,
            [ElasticsearchFields.Record] = JsonNode.Parse(RecordJson.Serialize(record)),
        };
        foreach (var family in PatentFields.TextFamilies)
            AddTexts(doc, family, family.Texts(record));

        Add(doc, PatentFields.ApplicantText, record.Applicants.Select(a => a.Name));
        Add(doc, PatentFields.InventorText, record.Inventors.Select(i => i.Name));
        Add(doc, PatentFields.Ipc, PatentFields.Hierarchy(record.IpcCodes));
        Add(doc, PatentFields.Cpc, PatentFields.Hierarchy(record.CpcCodes));

        var (keys, full) = PatentFields.Numbers(record);
        Add(doc, PatentFields.NumberKey, keys);
        Add(doc, PatentFields.NumberFull, full);

        AddDate(doc, PatentFields.ApplicationDate, record.ApplicationDate);
        AddDate(doc, PatentFields.PublicationDate, record.PublicationDate);
        AddDate(doc, PatentFields.GrantDate, record.GrantDate);
        if (record.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var valueIndex) && double.IsFinite(valueIndex))
            doc[ElasticsearchFields.ValueIndex] = valueIndex;

        foreach (var facet in PatentFacets.All)
            Add(doc, PatentFields.Facet(facet.Name), PatentFacets.ValuesOf(facet, record));
        return doc;
    }

    private static void AddTexts(JsonObject doc, TextFamily family, List<LocalizedText> texts)
    {
        var chinese = new List<string>();
        var english = new List<string>();
        foreach (var t in texts)
        {
            if (string.IsNullOrWhiteSpace(t.Text)) continue;
            (PatentFields.IsChinese(t) ? chinese : english).Add(t.Text);
        }
        if (family.Words) Add(doc, family.ChineseWords, chinese);
        Add(doc, family.ChineseBigrams, chinese);
        Add(doc, family.English, english);
    }

    private static void Add(JsonObject doc, string field, IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var v in values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)) array.Add(v);
        if (array.Count > 0) doc[field] = array;
    }

    private static void AddDate(JsonObject doc, string field, DateOnly? date)
    {
        if (date is { } d) doc[field] = FormatDate(d);
    }

    public static string FormatDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
