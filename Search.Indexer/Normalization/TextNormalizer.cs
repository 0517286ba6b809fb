using System.Text;

namespace Search.Indexer.Normalization;

/// <summary>Width and whitespace normalisation shared by every reader and the query parser.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Maps full-width ASCII variants (ＡＢＣ１２３，；) and the ideographic space to their
    /// half-width forms; leaves Chinese characters and Chinese punctuation such as 、。 alone.
    /// </summary>
    public static string ToHalfWidth(string text)
    {
        var needs = false;
        foreach (var ch in text)
            if (ch is >= '\uFF01' and <= '\uFF5E' or '\u3000') { needs = true; break; }
        if (!needs) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                '\u3000' => ' ',
                _ => ch,
            });
        }
        return sb.ToString();
    }

    /// <summary>Trims and collapses runs of whitespace (including line breaks and NBSP) to one space.</summary>
    public static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || ch == '\u00A0')
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Text as it should be stored: whitespace collapsed, null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = CollapseWhitespace(text);
        return s.Length == 0 ? null : s;
    }

    /// <summary>True when the text holds any CJK ideograph.</summary>
    public static bool ContainsCjk(string text)
    {
        foreach (var ch in text)
            if (ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF') return true;
        return false;
    }

    /// <summary>"zh" when the text holds Chinese, else "en": the language of untagged text.</summary>
    public static string GuessLanguage(string text) => ContainsCjk(text) ? "zh" : "en";
}
