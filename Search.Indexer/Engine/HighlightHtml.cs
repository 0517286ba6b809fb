using System.Text;

namespace Search.Indexer.Engine;

/// <summary>What both engines' highlights share: the key, the fragment size and the HTML around the marks.</summary>
internal static class HighlightHtml
{
    public const string Mark = "<mark>";
    public const string EndMark = "</mark>";
    public const int FragmentChars = 200;

    /// <summary>The key of a highlight: family and language (<c>title.zh</c>, <c>abstract.en</c>).</summary>
    public static string Key(TextFamily family, string language) => $"{family.Name}.{language}";

    /// <summary>
    /// Escapes only what HTML needs (&amp; &lt; &gt; &quot; &#39;); Chinese stays as it is (Lucene's
    /// SimpleHTMLEncoder would turn every Chinese character into a numeric entity).
    /// </summary>
    public static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
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
