using Search.Indexer.Records;

namespace Marketplace.Web.Patents;

/// <summary>The start of a long text, as a page shows it, and where the whole text is.</summary>
public sealed record LongTextExcerpt(string Shown, bool IsCut, int Length, string? Language, string FullTextHref);

/// <summary>
/// Abstracts, claims and source fields cut to a readable length on the patent page and in the comparison:
/// some records carry megabytes of text in one field, which made a page of megabytes that took seconds.
/// The whole text stays one click away, on its own page.
/// </summary>
public static class LongText
{
    /// <summary>Characters of one text on the patent page: a usual abstract (300–600) and most first claims fit whole.</summary>
    public const int PatentPage = 1_500;

    /// <summary>Characters of an abstract in a comparison column.</summary>
    public const int Compare = 400;

    /// <summary>The parts of a record the full-text page shows.</summary>
    public const string Abstract = "abstract", Claim = "claim", Field = "field";

    private static readonly char[] SentenceEnds = ['。', '；', '！', '？', '.', ';', '!', '?'];

    public static LongTextExcerpt Excerpt(string text, int limit, string? language, string fullTextHref)
    {
        var shown = Cut(text, limit);
        return new LongTextExcerpt(shown, shown.Length < text.Length, text.Length, language, fullTextHref);
    }

    /// <summary>
    /// The whole text up to half again <paramref name="limit"/> (hiding a last few lines behind a link helps no
    /// one); beyond, at most <paramref name="limit"/> characters, ended after the last sentence in the final fifth
    /// of them, else at the last space there, else at the limit (never between the halves of a surrogate pair).
    /// </summary>
    public static string Cut(string text, int limit)
    {
        if (text.Length <= limit + limit / 2) return text;
        var end = char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
        var floor = limit * 4 / 5;
        var sentence = text.LastIndexOfAny(SentenceEnds, end - 1, end - floor);
        if (sentence >= floor) return text[..(sentence + 1)];
        var space = text.LastIndexOf(' ', end - 1, end - floor);
        return space >= floor ? text[..space] : text[..end];
    }

    /// <summary>The full-text page of a part of a record: <paramref name="which"/> is a language for abstracts and claims, a field name for source fields.</summary>
    public static string Href(string patentId, string part, string? which) =>
        $"/patents/{Uri.EscapeDataString(patentId)}/text/{part}" + (which is null ? "" : (part == Field ? "?name=" : "?lang=") + Uri.EscapeDataString(which));

    /// <summary>The text a full-text link points at, or null when the record has no such part.</summary>
    public static string? Find(PatentRecord record, string part, string? which, string preferredLanguage) => part switch
    {
        Abstract => Pick(record.Abstracts, which, preferredLanguage),
        Claim => Pick(record.FirstClaims, which, preferredLanguage),
        Field when which is not null => record.Extra.GetValueOrDefault(which),
        _ => null,
    };

    private static string? Pick(IReadOnlyList<LocalizedText> texts, string? language, string preferredLanguage) =>
        language is null
            ? LocalizedText.Pick(texts, preferredLanguage)
            : texts.FirstOrDefault(t => string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase))?.Text;
}
