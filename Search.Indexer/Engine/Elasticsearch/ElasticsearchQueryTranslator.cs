using System.Text.Json.Nodes;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>
/// Turns the engine-neutral <see cref="QueryNode"/> tree into Elasticsearch query DSL, clause for clause
/// as the Lucene engine's translator does: a word or phrase is a <c>match_phrase</c> (Chinese text that
/// analyses to several tokens must stay contiguous) across the Chinese word fields, the bigram fields and
/// the English fields with the same boosts; keyword fields are constant-score terms.
/// </summary>
internal static class ElasticsearchQueryTranslator
{
    private const float WordBoost = 1.0f;
    private const float BigramBoost = 0.5f;
    private const float NumberBoost = 10f;

    /// <summary>The query, or null when nothing in it can match (mirrors the Lucene translator's nulls).</summary>
    public static JsonObject? Translate(QueryNode node) => node switch
    {
        MatchAllNode => new JsonObject { ["match_all"] = new JsonObject() },
        BooleanNode b => Boolean(b),
        TermNode t => Text(t.Field, t.Text),
        PhraseNode p => Text(p.Field, p.Text),
        PrefixNode p => Prefix(p.Field, p.Prefix),
        NumberNode n => NumberQuery(n.Number),
        DateRangeNode d => DateRange(DateField(d.Field), d.From, d.To),
        BoostNode b => Boosted(Translate(b.Node), b.Boost),
        _ => throw new NotSupportedException($"Query node {node.GetType().Name} is not supported by the Elasticsearch engine"),
    };

    /// <summary>A one-clause bool query scores as its clause times <c>boost</c>, like a boosted Lucene query.</summary>
    private static JsonObject? Boosted(JsonObject? query, float boost) => query is null ? null : new JsonObject
    {
        ["bool"] = new JsonObject { ["must"] = new JsonArray(query), ["boost"] = boost },
    };

    public static JsonObject NumberQuery(PatentNumber number)
    {
        var term = number.Kind is null
            ? Term(ElasticsearchFields.NumberKey, number.Key)
            : Term(ElasticsearchFields.NumberFull, number.Canonical);
        return new JsonObject { ["constant_score"] = new JsonObject { ["filter"] = term, ["boost"] = NumberBoost } };
    }

    public static JsonObject DateRange(string field, DateOnly? from, DateOnly? to)
    {
        var range = new JsonObject();
        if (from is { } f) range["gte"] = ElasticsearchSchema.FormatDate(f);
        if (to is { } t) range["lte"] = ElasticsearchSchema.FormatDate(t);
        range["format"] = "yyyy-MM-dd";
        return new JsonObject { ["range"] = new JsonObject { [field] = range } };
    }

    public static string DateField(QueryField field) => field switch
    {
        QueryField.ApplicationDate => ElasticsearchFields.ApplicationDate,
        QueryField.PublicationDate => ElasticsearchFields.PublicationDate,
        QueryField.GrantDate => ElasticsearchFields.GrantDate,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a date field"),
    };

    public static JsonObject Term(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject? Boolean(BooleanNode node)
    {
        var must = new JsonArray();
        var should = new JsonArray();
        var mustNot = new JsonArray();
        foreach (var clause in node.Clauses)
        {
            var q = Translate(clause.Node);
            if (q is null) continue;
            (clause.Occur switch { QueryOccur.Must => must, QueryOccur.MustNot => mustNot, _ => should }).Add(q);
        }
        if (must.Count + should.Count + mustNot.Count == 0) return null;
        var b = new JsonObject();
        // "everything except …": something positive to subtract from, as in the Lucene engine.
        if (must.Count == 0 && should.Count == 0) must.Add(new JsonObject { ["match_all"] = new JsonObject() });
        if (must.Count > 0) b["must"] = must;
        if (should.Count > 0)
        {
            b["should"] = should;
            // Lucene: optional next to a required clause, otherwise at least one.
            b["minimum_should_match"] = must.Count > 0 ? 0 : 1;
        }
        if (mustNot.Count > 0) b["must_not"] = mustNot;
        return new JsonObject { ["bool"] = b };
    }

    private static JsonObject? Text(QueryField field, string text) => field switch
    {
        QueryField.Default => Families(ElasticsearchFields.TextFamilies, text),
        QueryField.Title => Families([ElasticsearchFields.Title], text),
        QueryField.Abstract => Families([ElasticsearchFields.Abstract], text),
        QueryField.Claim => Families([ElasticsearchFields.Claim], text),
        QueryField.Applicant => Names(ElasticsearchFields.ApplicantText, ElasticsearchFields.Facet(FacetFields.Applicant), text),
        QueryField.Inventor => Names(ElasticsearchFields.InventorText, ElasticsearchFields.InventorExact, text),
        QueryField.Ipc => Keyword(ElasticsearchFields.Ipc, text),
        QueryField.Cpc => Keyword(ElasticsearchFields.Cpc, text),
        QueryField.Country => Keyword(ElasticsearchFields.Facet(FacetFields.Country), text),
        QueryField.Type => Keyword(ElasticsearchFields.Facet(FacetFields.DocumentType), text),
        QueryField.Status => Keyword(ElasticsearchFields.Facet(FacetFields.LegalStatus), text),
        _ => throw new NotSupportedException($"Field {field} takes no text in the Elasticsearch engine"),
    };

    private static JsonObject Keyword(string field, string value) =>
        new() { ["constant_score"] = new JsonObject { ["filter"] = Term(field, value) } };

    private static JsonObject? Families(IEnumerable<EsTextFamily> families, string text)
    {
        var chinese = TextNormalizer.ContainsCjk(text);
        var should = new JsonArray();
        foreach (var f in families)
        {
            if (f.Words) should.Add(Phrase(f.ChineseWords, text, f.Boost * WordBoost));
            should.Add(Phrase(f.ChineseBigrams, text, BigramWeight(f)));
            if (!chinese) should.Add(Phrase(f.English, text, f.Boost * WordBoost));
        }
        return AnyOf(should);
    }

    private static JsonObject? Names(string analysedField, string exactField, string text)
    {
        var should = new JsonArray
        {
            Phrase(analysedField, text, 1f),
            new JsonObject { ["term"] = new JsonObject { [exactField] = new JsonObject { ["value"] = text, ["boost"] = 2f } } },
        };
        return AnyOf(should);
    }

    private static JsonObject Prefix(QueryField field, string prefix)
    {
        switch (field)
        {
            case QueryField.Applicant:
                return PrefixQuery(ElasticsearchFields.Facet(FacetFields.Applicant), prefix, 1f);
            case QueryField.Inventor:
                return PrefixQuery(ElasticsearchFields.InventorExact, prefix, 1f);
            case QueryField.Default or QueryField.Title or QueryField.Abstract or QueryField.Claim:
                IReadOnlyList<EsTextFamily> families = field switch
                {
                    QueryField.Title => [ElasticsearchFields.Title],
                    QueryField.Abstract => [ElasticsearchFields.Abstract],
                    QueryField.Claim => [ElasticsearchFields.Claim],
                    _ => ElasticsearchFields.TextFamilies,
                };
                var lower = prefix.ToLowerInvariant();
                var chinese = TextNormalizer.ContainsCjk(prefix);
                var should = new JsonArray();
                foreach (var f in families)
                {
                    if (f.Words) should.Add(PrefixQuery(f.ChineseWords, lower, f.Boost * WordBoost));
                    // Bigrams are at most two characters: a longer Chinese prefix is a substring match.
                    should.Add(chinese && prefix.Length > 2
                        ? Phrase(f.ChineseBigrams, prefix, BigramWeight(f))
                        : PrefixQuery(f.ChineseBigrams, lower, BigramWeight(f)));
                    if (!chinese) should.Add(PrefixQuery(f.English, lower, f.Boost * WordBoost));
                }
                return AnyOf(should)!;
            default:
                throw new NotSupportedException($"Field {field} does not take a prefix");
        }
    }

    private static float BigramWeight(EsTextFamily f) => f.Boost * (f.Words ? BigramBoost : WordBoost + BigramBoost);

    /// <summary>Like Lucene's QueryBuilder.CreatePhraseQuery: one token is a term, several a phrase, none matches nothing.</summary>
    private static JsonObject Phrase(string field, string text, float boost) => new()
    {
        ["match_phrase"] = new JsonObject { [field] = new JsonObject { ["query"] = text, ["boost"] = boost } },
    };

    private static JsonObject PrefixQuery(string field, string prefix, float boost) => new()
    {
        ["prefix"] = new JsonObject { [field] = new JsonObject { ["value"] = prefix, ["boost"] = boost } },
    };

    private static JsonObject? AnyOf(JsonArray should) => should.Count == 0
        ? null
        : new JsonObject { ["bool"] = new JsonObject { ["should"] = should, ["minimum_should_match"] = 1 } };
}
