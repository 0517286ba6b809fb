using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// Marks query terms in titles and abstracts with <c>&lt;mark&gt;</c>, HTML-encoding the rest. Keys are
/// <c>title.zh</c>, <c>abstract.en</c> …; a text without a match gets no entry. Chinese text is tried with
/// bigrams first (they mark every place the text matched, 排水 inside 排水管 too), then with SmartCn
/// words (for single characters, which bigrams only keep where they stand alone).
/// <para>
/// Re-analysing a text (SmartCn above all) costs far more than the search itself, so the query's
/// terms are gathered once per search (<see cref="Prepare"/>) and a text is analysed for a field
/// only when it can match there: every Chinese term of some positive clause occurs in it verbatim
/// (Chinese tokens are substrings of the text). Skipped texts are exactly those the highlighter
/// would have returned nothing for.
/// </para>
/// </summary>
internal sealed class SearchHighlighter(PatentAnalyzers analyzers)
{
    private static readonly SimpleHTMLFormatter Formatter = new(HighlightHtml.Mark, HighlightHtml.EndMark);
    private static readonly MinimalHtmlEncoder Encoder = new();

    /// <summary>The query and its positive term clauses per field, gathered once for all hits of a search.</summary>
    public static HighlightPlan Prepare(Query query) => HighlightPlan.From(query);

    public IReadOnlyDictionary<string, string> Highlight(HighlightPlan plan, PatentRecord record)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var family in PatentFields.TextFamilies)
            if (family.Highlight != TextHighlight.None) Add(result, plan, family, family.Texts(record), family.Highlight == TextHighlight.Whole);
        return result;
    }

    private void Add(Dictionary<string, string> result, HighlightPlan plan, TextFamily family, List<LocalizedText> texts, bool whole)
    {
        foreach (var t in texts)
        {
            if (string.IsNullOrWhiteSpace(t.Text)) continue;
            var key = HighlightHtml.Key(family, t.Language);
            if (result.ContainsKey(key)) continue;
            var fragment = PatentFields.IsChinese(t)
                ? Fragment(plan, family.ChineseBigrams, t.Text, whole) ?? Fragment(plan, family.ChineseWords, t.Text, whole)
                : Fragment(plan, family.English, t.Text, whole);
            if (fragment is not null) result[key] = fragment;
        }
    }

    private string? Fragment(HighlightPlan plan, string field, string text, bool whole)
    {
        if (!plan.CanMatch(field, text)) return null;
        var query = plan.Query;
        var scorer = new QueryScorer(query, field);
        var highlighter = new Highlighter(Formatter, Encoder, scorer)
        {
            TextFragmenter = whole ? new NullFragmenter() : new SimpleSpanFragmenter(scorer, HighlightHtml.FragmentChars),
        };
        var stream = analyzers.PerField.GetTokenStream(field, text);
        var fragment = highlighter.GetBestFragment(stream, text);
        return fragment is not null && fragment.Contains(HighlightHtml.Mark, StringComparison.Ordinal) ? fragment : null;
    }

    /// <summary>Lucene's highlighter encodes the text between marks with the escaping both engines share.</summary>
    private sealed class MinimalHtmlEncoder : IEncoder
    {
        public string EncodeText(string originalText) => HighlightHtml.Encode(originalText);
    }
}

/// <summary>
/// The positive term clauses of a query per field: a clause (a term, the terms of a phrase, a prefix)
/// can match a text only if each of its Chinese terms occurs in the text. Query types it does not
/// know make every field a candidate, so nothing is ever skipped by mistake.
/// </summary>
internal sealed class HighlightPlan
{
    private readonly Dictionary<string, List<string[]>> _clauses = new(StringComparer.Ordinal);
    private bool _unknown;

    private HighlightPlan(Query query) => Query = query;

    public Query Query { get; }

    /// <param name="query">The text query of the search.</param>
    /// <param name="prefilter">False makes every text a candidate (the highlighter's output without the shortcut, for tests).</param>
    public static HighlightPlan From(Query query, bool prefilter = true)
    {
        var plan = new HighlightPlan(query);
        if (prefilter) plan.Walk(query);
        else plan._unknown = true;
        return plan;
    }

    private void Walk(Query query)
    {
        switch (query)
        {
            case BooleanQuery b:
                foreach (var c in b.Clauses)
                    if (c.Occur != Occur.MUST_NOT) Walk(c.Query);
                break;
            case ConstantScoreQuery { Query: { } inner }:
                Walk(inner);
                break;
            case TermQuery t:
                Add(t.Term.Field, [t.Term.Text]);
                break;
            case PhraseQuery p:
                var terms = p.GetTerms();
                if (terms.Length > 0) Add(terms[0].Field, terms.Select(x => x.Text).ToArray());
                break;
            case PrefixQuery p:
                Add(p.Prefix.Field, [p.Prefix.Text]);
                break;
            case MatchAllDocsQuery or NumericRangeQuery<int>:
                break;
            default:
                _unknown = true;
                break;
        }
    }

    private void Add(string field, string[] terms)
    {
        if (!_clauses.TryGetValue(field, out var list)) _clauses[field] = list = [];
        list.Add(terms);
    }

    /// <summary>False only when no positive clause on <paramref name="field"/> can match <paramref name="text"/>.</summary>
    public bool CanMatch(string field, string text)
    {
        if (_unknown) return true;
        if (!_clauses.TryGetValue(field, out var clauses)) return false;
        foreach (var terms in clauses)
        {
            var all = true;
            foreach (var term in terms)
            {
                // Only Chinese ideographs are safe to look for verbatim: other tokens are lower-cased,
                // width-folded or stemmed by the analysers.
                if (IsIdeographs(term) && !text.Contains(term, StringComparison.Ordinal))
                {
                    all = false;
                    break;
                }
            }
            if (all) return true;
        }
        return false;
    }

    private static bool IsIdeographs(string term)
    {
        if (term.Length == 0) return false;
        foreach (var c in term)
            if (c is not ((>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF'))) return false;
        return true;
    }
}
