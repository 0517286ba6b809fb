using System.Globalization;
using System.Text.Json.Nodes;
using Search.Indexer.Normalization;
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
            [ElasticsearchFields.Id] = Keyword(),
            [ElasticsearchFields.Record] = new JsonObject { ["type"] = "object", ["enabled"] = false },
            [ElasticsearchFields.NumberKey] = Keyword(),
            [ElasticsearchFields.NumberFull] = Keyword(),
            [ElasticsearchFields.Ipc] = Keyword(),
            [ElasticsearchFields.Cpc] = Keyword(),
            [ElasticsearchFields.ApplicantText] = Text(ElasticsearchFields.Bigrams, withKeyword: true),
            [ElasticsearchFields.InventorText] = Text(ElasticsearchFields.Bigrams, withKeyword: true),
            [ElasticsearchFields.ApplicationDate] = Date(),
            [ElasticsearchFields.PublicationDate] = Date(),
            [ElasticsearchFields.GrantDate] = Date(),
            [ElasticsearchFields.ValueIndex] = new JsonObject { ["type"] = "double" },
        };
        foreach (var f in ElasticsearchFields.TextFamilies)
        {
            if (f.Words) properties[f.ChineseWords] = Text(ElasticsearchFields.SmartCn);
            properties[f.ChineseBigrams] = Text(ElasticsearchFields.Bigrams);
            properties[f.English] = Text(ElasticsearchFields.English);
        }
        foreach (var facet in PatentFacets.All)
            properties[ElasticsearchFields.Facet(facet.Name)] = Keyword();
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
            [ElasticsearchFields.Id] = record.Id,
            [ElasticsearchFields.Record] = JsonNode.Parse(RecordJson.Serialize(record)),
        };
        foreach (var family in ElasticsearchFields.TextFamilies)
            AddTexts(doc, family, Texts(family, record));

        Add(doc, ElasticsearchFields.ApplicantText, record.Applicants.Select(a => a.Name));
        Add(doc, ElasticsearchFields.InventorText, record.Inventors.Select(i => i.Name));
        Add(doc, ElasticsearchFields.Ipc, Hierarchy(record.IpcCodes));
        Add(doc, ElasticsearchFields.Cpc, Hierarchy(record.CpcCodes));

        var keys = new SortedSet<string>(StringComparer.Ordinal) { record.PublicationNumber.Key };
        var full = new SortedSet<string>(StringComparer.Ordinal) { record.PublicationNumber.Canonical };
        foreach (var other in record.OtherPublicationNumbers)
        {
            keys.Add(other.Key);
            full.Add(other.Canonical);
        }
        if (record.ApplicationNumber is { } app) keys.Add(app.Key);
        Add(doc, ElasticsearchFields.NumberKey, keys);
        Add(doc, ElasticsearchFields.NumberFull, full);

        AddDate(doc, ElasticsearchFields.ApplicationDate, record.ApplicationDate);
        AddDate(doc, ElasticsearchFields.PublicationDate, record.PublicationDate);
        AddDate(doc, ElasticsearchFields.GrantDate, record.GrantDate);
        if (record.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var valueIndex) && double.IsFinite(valueIndex))
            doc[ElasticsearchFields.ValueIndex] = valueIndex;

        foreach (var facet in PatentFacets.All)
            Add(doc, ElasticsearchFields.Facet(facet.Name), PatentFacets.ValuesOf(facet, record));
        return doc;
    }

    public static List<LocalizedText> Texts(EsTextFamily family, PatentRecord record) =>
        family == ElasticsearchFields.Title ? record.Titles
        : family == ElasticsearchFields.Abstract ? record.Abstracts
        : record.FirstClaims;

    /// <summary>Same rule as the Lucene engine: Chinese (or untagged text with CJK) to the word and bigram fields, the rest to English.</summary>
    public static bool IsChinese(LocalizedText text) =>
        text.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
        || (!text.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase) && TextNormalizer.ContainsCjk(text.Text));

    private static void AddTexts(JsonObject doc, EsTextFamily family, List<LocalizedText> texts)
    {
        var chinese = new List<string>();
        var english = new List<string>();
        foreach (var t in texts)
        {
            if (string.IsNullOrWhiteSpace(t.Text)) continue;
            (IsChinese(t) ? chinese : english).Add(t.Text);
        }
        if (family.Words) Add(doc, family.ChineseWords, chinese);
        Add(doc, family.ChineseBigrams, chinese);
        Add(doc, family.English, english);
    }

    private static SortedSet<string> Hierarchy(List<string> codes)
    {
        var levels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
            if (Classification.TryNormalize(code, out var c, out _))
                levels.UnionWith(Classification.Hierarchy(c));
        return levels;
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
