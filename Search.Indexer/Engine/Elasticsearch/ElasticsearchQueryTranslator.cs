using System.Text.Json.Nodes;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>
/// Turns the engine-neutral <see cref="QueryNode"/> tree into Elasticsearch query DSL, clause for clause
/// as the Lucene engine's translator does: the fields and boosts of a word, phrase or prefix are
/// <see cref="TextClauses"/>'s, a phrase is a <c>match_phrase</c> (Chinese text that analyses to several
/// tokens must stay contiguous); keyword fields are constant-score terms.
/// </summary>
internal static class ElasticsearchQueryTranslator
{

    /// <summary>The query, or null when nothing in it can match (mirrors the Lucene translator's nulls).</summary>
    public static JsonObject? Translate(QueryNode node) => node switch
    {
        MatchAllNode => new JsonObject { ["match_all"] = new JsonObject() },
        BooleanNode b => Boolean(b),
        TermNode t => Text(t.Field, t.Text),
        PhraseNode p => Text(p.Field, p.Text),
        PrefixNode p => Prefix(p.Field, p.Prefix),
        NumberNode n => NumberQuery(n.Number),
        DateRangeNode d => DateRange(PatentFields.DateField(d.Field), d.From, d.To),
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
            ? Term(PatentFields.NumberKey, number.Key)
            : Term(PatentFields.NumberFull, number.Canonical);
        return new JsonObject { ["constant_score"] = new JsonObject { ["filter"] = term, ["boost"] = QueryWeights.Number } };
    }

    public static JsonObject DateRange(string field, DateOnly? from, DateOnly? to)
    {
        var range = new JsonObject();
        if (from is { } f) range["gte"] = ElasticsearchSchema.FormatDate(f);
        if (to is { } t) range["lte"] = ElasticsearchSchema.FormatDate(t);
        range["format"] = "yyyy-MM-dd";
        return new JsonObject { ["range"] = new JsonObject { [field] = range } };
    }

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

    private static JsonObject? Text(QueryField field, string text)
    {
        if (PatentFields.FamiliesOf(field) is { } families) return AnyOf(TextClauses.Phrase(families, text));
        if (PatentFields.KeywordOf(field) is { } keyword) return new JsonObject { ["constant_score"] = new JsonObject { ["filter"] = Term(keyword, text) } };
        return field switch
        {
            QueryField.Applicant => Names(PatentFields.ApplicantText, PatentFields.Facet(FacetFields.Applicant), text),
            QueryField.Inventor => Names(PatentFields.InventorText, ElasticsearchFields.InventorExact, text),
            _ => throw new NotSupportedException($"Field {field} takes no text in the Elasticsearch engine"),
        };
    }

    private static JsonObject? Names(string analysedField, string exactField, string text)
    {
        var should = new JsonArray
        {
            Phrase(analysedField, text, QueryWeights.NamePart),
            new JsonObject { ["term"] = new JsonObject { [exactField] = new JsonObject { ["value"] = text, ["boost"] = QueryWeights.NameExact } } },
        };
        return AnyOf(should);
    }

    private static JsonObject Prefix(QueryField field, string prefix) => field switch
    {
        QueryField.Applicant => PrefixQuery(PatentFields.Facet(FacetFields.Applicant), prefix, 1f),
        QueryField.Inventor => PrefixQuery(ElasticsearchFields.InventorExact, prefix, 1f),
        // A prefix clause is never empty: the bigram field always takes one.
        _ when PatentFields.FamiliesOf(field) is { } families => AnyOf(TextClauses.Prefix(families, prefix))!,
        _ => throw new NotSupportedException($"Field {field} does not take a prefix"),
    };

    private static JsonObject? AnyOf(IEnumerable<TextClause> clauses)
    {
        var should = new JsonArray();
        foreach (var c in clauses)
            should.Add(c.Match == TextMatch.Phrase ? Phrase(c.Field, c.Text, c.Boost) : PrefixQuery(c.Field, c.Text, c.Boost));
        return AnyOf(should);
    }

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
