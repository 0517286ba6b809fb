using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// Turns the engine-neutral <see cref="QueryNode"/> tree into a Lucene query. A word or phrase is
/// matched across the Chinese word fields (boosted), the Chinese bigram fields and the English
/// fields; Chinese text that analyses to several tokens becomes a phrase, so 储能 means the
/// contiguous text 储能 and not 储 and 能 anywhere.
/// </summary>
internal sealed class LuceneQueryTranslator(PatentAnalyzers analyzers)
{
    private const float WordBoost = 1.0f;
    private const float BigramBoost = 0.5f;
    private const float NumberBoost = 10f;

    private readonly QueryBuilder _chinese = new(analyzers.Chinese);
    private readonly QueryBuilder _bigrams = new(analyzers.Bigrams);
    private readonly QueryBuilder _english = new(analyzers.English);

    /// <summary>The Lucene query, or null when nothing in the text can match (e.g. only stop words).</summary>
    public Query? Translate(QueryNode node) => node switch
    {
        MatchAllNode => new MatchAllDocsQuery(),
        BooleanNode b => Boolean(b),
        TermNode t => Text(t.Field, t.Text),
        PhraseNode p => Text(p.Field, p.Text),
        PrefixNode p => Prefix(p.Field, p.Prefix),
        NumberNode n => NumberQuery(n.Number),
        DateRangeNode d => DateRange(DateField(d.Field), d.From, d.To),
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
            ? new TermQuery(new Term(LuceneFields.NumberKey, number.Key))
            : new TermQuery(new Term(LuceneFields.NumberFull, number.Canonical));
        return new ConstantScoreQuery(q) { Boost = NumberBoost };
    }

    public static Query DateRange(string field, DateOnly? from, DateOnly? to) =>
        NumericRangeQuery.NewInt32Range(field,
            from is { } f ? PatentDates.ToInt(f) : null,
            to is { } t ? PatentDates.ToInt(t) : null,
            true, true);

    public static string DateField(QueryField field) => field switch
    {
        QueryField.ApplicationDate => LuceneFields.ApplicationDate,
        QueryField.PublicationDate => LuceneFields.PublicationDate,
        QueryField.GrantDate => LuceneFields.GrantDate,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a date field"),
    };

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
        switch (field)
        {
            case QueryField.Default:
                return Families(LuceneFields.TextFamilies, text);
            case QueryField.Title:
                return Families([LuceneFields.Title], text);
            case QueryField.Abstract:
                return Families([LuceneFields.Abstract], text);
            case QueryField.Claim:
                return Families([LuceneFields.Claim], text);
            case QueryField.Applicant:
                return Names(LuceneFields.ApplicantText, LuceneFields.FacetTerm(FacetFields.Applicant), text);
            case QueryField.Inventor:
                return Names(LuceneFields.InventorText, LuceneFields.InventorExact, text);
            case QueryField.Ipc:
                return Keyword(LuceneFields.Ipc, text);
            case QueryField.Cpc:
                return Keyword(LuceneFields.Cpc, text);
            case QueryField.Country:
                return Keyword(LuceneFields.FacetTerm(FacetFields.Country), text);
            case QueryField.Type:
                return Keyword(LuceneFields.FacetTerm(FacetFields.DocumentType), text);
            case QueryField.Status:
                return Keyword(LuceneFields.FacetTerm(FacetFields.LegalStatus), text);
            default:
                throw new NotSupportedException($"Field {field} takes no text in the Lucene engine");
        }
    }

    private static ConstantScoreQuery Keyword(string field, string value) => new ConstantScoreQuery(new TermQuery(new Term(field, value)));

    private BooleanQuery? Families(IEnumerable<TextFamily> families, string text)
    {
        var chinese = TextNormalizer.ContainsCjk(text);
        var bq = new BooleanQuery();
        foreach (var f in families)
        {
            if (f.Words) Add(bq, _chinese.CreatePhraseQuery(f.ChineseWords, text), f.Boost * WordBoost);
            Add(bq, _bigrams.CreatePhraseQuery(f.ChineseBigrams, text), BigramWeight(f));
            if (!chinese) Add(bq, _english.CreatePhraseQuery(f.English, text), f.Boost * WordBoost);
        }
        return bq.Clauses.Count == 0 ? null : bq;
    }

    private BooleanQuery? Names(string analysedField, string exactField, string text)
    {
        var bq = new BooleanQuery();
        Add(bq, _bigrams.CreatePhraseQuery(analysedField, text), 1f);
        Add(bq, new TermQuery(new Term(exactField, text)), 2f);
        return bq;
    }

    private Query? Prefix(QueryField field, string prefix)
    {
        switch (field)
        {
            case QueryField.Applicant:
                return new PrefixQuery(new Term(LuceneFields.FacetTerm(FacetFields.Applicant), prefix));
            case QueryField.Inventor:
                return new PrefixQuery(new Term(LuceneFields.InventorExact, prefix));
            case QueryField.Default or QueryField.Title or QueryField.Abstract or QueryField.Claim:
                var families = field switch
                {
                    QueryField.Title => [LuceneFields.Title],
                    QueryField.Abstract => [LuceneFields.Abstract],
                    QueryField.Claim => [LuceneFields.Claim],
                    _ => LuceneFields.TextFamilies,
                };
                var lower = prefix.ToLowerInvariant();
                var chinese = TextNormalizer.ContainsCjk(prefix);
                var bq = new BooleanQuery();
                foreach (var f in families)
                {
                    if (f.Words) Add(bq, new PrefixQuery(new Term(f.ChineseWords, lower)), f.Boost * WordBoost);
                    // Bigrams are at most two characters: a longer Chinese prefix is a substring match.
                    Add(bq, chinese && prefix.Length > 2
                        ? _bigrams.CreatePhraseQuery(f.ChineseBigrams, prefix)
                        : new PrefixQuery(new Term(f.ChineseBigrams, lower)), BigramWeight(f));
                    if (!chinese) Add(bq, new PrefixQuery(new Term(f.English, lower)), f.Boost * WordBoost);
                }
                return bq;
            default:
                throw new NotSupportedException($"Field {field} does not take a prefix");
        }
    }

    /// <summary>A family without a word field weighs its bigram matches as words and bigrams together would.</summary>
    private static float BigramWeight(TextFamily f) => f.Boost * (f.Words ? BigramBoost : WordBoost + BigramBoost);

    private static void Add(BooleanQuery bq, Query? q, float boost)
    {
        if (q is null) return;
        q.Boost = boost;
        bq.Add(q, Occur.SHOULD);
    }
}
