using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// Marks query terms in titles and abstracts with <c>&lt;mark&gt;</c>, HTML-encoding the rest. Keys are
/// <c>title.zh</c>, <c>abstract.en</c> …; a text without a match gets no entry. Chinese text is tried with
/// bigrams first (they mark every place the text matched, 排水 inside 排水管 too), then with SmartCn
/// words (for single characters, which bigrams only keep where they stand alone).
/// </summary>
internal sealed class SearchHighlighter(PatentAnalyzers analyzers)
{
    private const int AbstractFragmentChars = 200;
    private static readonly SimpleHTMLFormatter Formatter = new("<mark>", "</mark>");
    private static readonly MinimalHtmlEncoder Encoder = new();

    public IReadOnlyDictionary<string, string> Highlight(Query query, PatentRecord record)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(result, query, LuceneFields.Title, record.Titles, whole: true);
        Add(result, query, LuceneFields.Abstract, record.Abstracts, whole: false);
        return result;
    }

    private void Add(Dictionary<string, string> result, Query query, TextFamily family, List<LocalizedText> texts, bool whole)
    {
        foreach (var t in texts)
        {
            if (string.IsNullOrWhiteSpace(t.Text)) continue;
            var key = $"{family.Name}.{t.Language}";
            if (result.ContainsKey(key)) continue;
            var fragment = PatentDocumentBuilder.IsChinese(t)
                ? Fragment(query, family.ChineseBigrams, t.Text, whole) ?? Fragment(query, family.ChineseWords, t.Text, whole)
                : Fragment(query, family.English, t.Text, whole);
            if (fragment is not null) result[key] = fragment;
        }
    }

    private string? Fragment(Query query, string field, string text, bool whole)
    {
        var scorer = new QueryScorer(query, field);
        var highlighter = new Highlighter(Formatter, Encoder, scorer)
        {
            TextFragmenter = whole ? new NullFragmenter() : new SimpleSpanFragmenter(scorer, AbstractFragmentChars),
        };
        var stream = analyzers.PerField.GetTokenStream(field, text);
        var fragment = highlighter.GetBestFragment(stream, text);
        return fragment is not null && fragment.Contains("<mark>", StringComparison.Ordinal) ? fragment : null;
    }

    /// <summary>
    /// Escapes only what HTML needs (&amp; &lt; &gt; &quot; &#39;); SimpleHTMLEncoder would turn every
    /// Chinese character into a numeric entity.
    /// </summary>
    private sealed class MinimalHtmlEncoder : IEncoder
    {
        public string EncodeText(string originalText)
        {
            if (originalText.AsSpan().IndexOfAny("&<>\"'") < 0) return originalText;
            var sb = new System.Text.StringBuilder(originalText.Length + 16);
            foreach (var c in originalText)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '\'': sb.Append("&#39;"); break;
                    default: sb.Append(c); break;
                }
            }
            return sb.ToString();
        }
    }
}
