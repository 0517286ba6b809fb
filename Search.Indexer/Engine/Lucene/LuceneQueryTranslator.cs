using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// Turns the engine-neutral <see cref="QueryNode"/> tree into a Lucene query. Which fields a word, phrase
/// or prefix searches, and with what boosts, is <see cref="TextClauses"/> (the same for Elasticsearch);
/// here each clause becomes a Lucene query, analysed by the field's own analyser.
/// </summary>
internal sealed class LuceneQueryTranslator(PatentAnalyzers analyzers)
{
    // Per-field analysis: SmartCn words, CJK bigrams or English, as the field was indexed.
    private readonly QueryBuilder _phrases = new(analyzers.PerField);

    /// <summary>The Lucene query, or null when nothing in the text can match (e.g. only stop words).</summary>
    public Query? Translate(QueryNode node) => node switch
    {
        MatchAllNode => new MatchAllDocsQuery(),
        BooleanNode b => Boolean(b),
        TermNode t => Text(t.Field, t.Text),
        PhraseNode p => Text(p.Field, p.Text),
        PrefixNode p => Prefix(p.Field, p.Prefix),
        NumberNode n => NumberQuery(n.Number),
        DateRangeNode d => DateRange(PatentFields.DateField(d.Field), d.From, d.To),
        BoostNode b => Boosted(Translate(b.Node), b.Boost),
        _ => throw new NotSupportedException($"Query node {node.GetType().Name} is not supported by the Lucene engine"),
    };

    /// <summary>Every query object here is built fresh per translation, so its boost can be scaled in place.</summary>
    private static Query? Boosted(Query? query, float boost)
    {
        if (query is null) return null;
        query.Boost *= boost;
        return query;
    }

    public static Query NumberQuery(PatentNumber number)
    {
        var q = number.Kind is null
            ? new TermQuery(new Term(PatentFields.NumberKey, number.Key))
            : new TermQuery(new Term(PatentFields.NumberFull, number.Canonical));
        return new ConstantScoreQuery(q) { Boost = QueryWeights.Number };
    }

    public static Query DateRange(string field, DateOnly? from, DateOnly? to) =>
        NumericRangeQuery.NewInt32Range(field,
            from is { } f ? PatentDates.ToInt(f) : null,
            to is { } t ? PatentDates.ToInt(t) : null,
            true, true);

    private BooleanQuery? Boolean(BooleanNode node)
    {
        var bq = new BooleanQuery();
        var positive = false;
        foreach (var clause in node.Clauses)
        {
            var q = Translate(clause.Node);
            if (q is null) continue;
            var occur = clause.Occur switch
            {
                QueryOccur.Must => Occur.MUST,
                QueryOccur.MustNot => Occur.MUST_NOT,
                _ => Occur.SHOULD,
            };
            positive |= occur != Occur.MUST_NOT;
            bq.Add(q, occur);
        }
        if (bq.Clauses.Count == 0) return null;
        // "everything except …": Lucene needs something positive to subtract from.
        if (!positive) bq.Add(new MatchAllDocsQuery(), Occur.MUST);
        return bq;
    }

    private Query? Text(QueryField field, string text)
    {
        if (PatentFields.FamiliesOf(field) is { } families) return AnyOf(TextClauses.Phrase(families, text));
        if (PatentFields.KeywordOf(field) is { } keyword) return new ConstantScoreQuery(new TermQuery(new Term(keyword, text)));
        return field switch
        {
            QueryField.Applicant => Names(PatentFields.ApplicantText, PatentFields.Facet(FacetFields.Applicant), text),
            QueryField.Inventor => Names(PatentFields.InventorText, LuceneFields.InventorExact, text),
            _ => throw new NotSupportedException($"Field {field} takes no text in the Lucene engine"),
        };
    }

    private BooleanQuery? Names(string analysedField, string exactField, string text)
    {
        var bq = new BooleanQuery();
        Add(bq, _phrases.CreatePhraseQuery(analysedField, text), QueryWeights.NamePart);
        Add(bq, new TermQuery(new Term(exactField, text)), QueryWeights.NameExact);
        return bq;
    }

    private Query Prefix(QueryField field, string prefix) => field switch
    {
        QueryField.Applicant => new PrefixQuery(new Term(PatentFields.Facet(FacetFields.Applicant), prefix)),
        QueryField.Inventor => new PrefixQuery(new Term(LuceneFields.InventorExact, prefix)),
        // A prefix clause is never empty: the bigram field always takes one.
        _ when PatentFields.FamiliesOf(field) is { } families => AnyOf(TextClauses.Prefix(families, prefix))!,
        _ => throw new NotSupportedException($"Field {field} does not take a prefix"),
    };

    private BooleanQuery? AnyOf(IEnumerable<TextClause> clauses)
    {
        var bq = new BooleanQuery();
        foreach (var c in clauses)
            Add(bq, c.Match == TextMatch.Phrase ? _phrases.CreatePhraseQuery(c.Field, c.Text) : new PrefixQuery(new Term(c.Field, c.Text)), c.Boost);
        return bq.Clauses.Count == 0 ? null : bq;
    }

    private static void Add(BooleanQuery bq, Query? q, float boost)
    {
        if (q is null) return;
        q.Boost = boost;
        bq.Add(q, Occur.SHOULD);
    }
}
