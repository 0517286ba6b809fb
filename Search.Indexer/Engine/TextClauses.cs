using Search.Indexer.Normalization;

namespace Search.Indexer.Engine;

/// <summary>Whether a text clause is a phrase (analysed, contiguous) or a prefix of one term (lower-cased, not analysed).</summary>
internal enum TextMatch { Phrase, Prefix }

/// <summary>One clause of a free-text query: which field, how it matches, the text, its boost.</summary>
internal readonly record struct TextClause(string Field, TextMatch Match, string Text, float Boost);

/// <summary>
/// The clauses a word, phrase or prefix becomes over text families, in order, for both engines: the Chinese
/// word field (boosted), the bigram field and, for text without CJK, the English field. Chinese text that
/// analyses to several tokens is a phrase, so 储能 means the contiguous text 储能 and not 储 and 能 anywhere.
/// </summary>
internal static class TextClauses
{
    public static IEnumerable<TextClause> Phrase(IReadOnlyList<TextFamily> families, string text)
    {
        var chinese = TextNormalizer.ContainsCjk(text);
        foreach (var f in families)
        {
            if (f.Words) yield return new(f.ChineseWords, TextMatch.Phrase, text, f.WordWeight);
            yield return new(f.ChineseBigrams, TextMatch.Phrase, text, f.BigramWeight);
            if (!chinese) yield return new(f.English, TextMatch.Phrase, text, f.WordWeight);
        }
    }

    public static IEnumerable<TextClause> Prefix(IReadOnlyList<TextFamily> families, string prefix)
    {
        var lower = prefix.ToLowerInvariant();
        var chinese = TextNormalizer.ContainsCjk(prefix);
        foreach (var f in families)
        {
            if (f.Words) yield return new(f.ChineseWords, TextMatch.Prefix, lower, f.WordWeight);
            // Bigrams are at most two characters: a longer Chinese prefix is a substring match.
            yield return chinese && prefix.Length > 2
                ? new(f.ChineseBigrams, TextMatch.Phrase, prefix, f.BigramWeight)
                : new(f.ChineseBigrams, TextMatch.Prefix, lower, f.BigramWeight);
            if (!chinese) yield return new(f.English, TextMatch.Prefix, lower, f.WordWeight);
        }
    }
}
