using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Engine;

/// <summary>
/// The indexed fields both engines share (ADR-006): the same names, the same text families with the same
/// word/bigram/English choices and boosts, so a query scores alike on Lucene and on Elasticsearch. Each
/// engine adds only what is its own (Lucene's doc-value and stored fields, Elasticsearch's <c>_source</c>
/// and analyser names).
/// </summary>
internal static class PatentFields
{
    public const string Id = "id";

    /// <summary>Publication, other publication and application numbers without kind (<c>CN218751475</c>).</summary>
    public const string NumberKey = "pn_key";
    /// <summary>Publication and other publication numbers with kind (<c>CN218751475U</c>).</summary>
    public const string NumberFull = "pn_full";

    /// <summary>Every hierarchy level of every IPC / CPC code.</summary>
    public const string Ipc = "ipc";
    public const string Cpc = "cpc";

    /// <summary>Names analysed as CJK bigrams and Latin words, so parts of a name match.</summary>
    public const string ApplicantText = "applicant_txt";
    public const string InventorText = "inventor_txt";

    public const string ApplicationDate = "ad";
    public const string PublicationDate = "pd";
    public const string GrantDate = "gd";

    /// <summary>Keyword of a facet value, for filters, field queries and counting.</summary>
    public static string Facet(string facet) => "f_" + facet;

    /// <summary>The text families: each has a Chinese word field, a Chinese bigram field and an English field.</summary>
    public static readonly TextFamily Title = new("title", 3.0f, r => r.Titles, TextHighlight.Whole);
    /// <summary>
    /// Abstracts and claims get no SmartCn words: segmenting them was most of the load's CPU
    /// (ADR-004), and the bigram field alone finds every Chinese substring of two or more
    /// characters; titles keep word-level ranking. Only a lone character no longer matches them.
    /// </summary>
    public static readonly TextFamily Abstract = new("abstract", 1.5f, r => r.Abstracts, TextHighlight.Fragment, words: false);
    public static readonly TextFamily Claim = new("claim", 1.0f, r => r.FirstClaims, TextHighlight.None, words: false);
    public static readonly IReadOnlyList<TextFamily> TextFamilies = [Title, Abstract, Claim];

    /// <summary>The families a word, phrase or prefix on <paramref name="field"/> searches; null when the field is not free text.</summary>
    public static IReadOnlyList<TextFamily>? FamiliesOf(QueryField field) => field switch
    {
        QueryField.Default => TextFamilies,
        QueryField.Title => [Title],
        QueryField.Abstract => [Abstract],
        QueryField.Claim => [Claim],
        _ => null,
    };

    /// <summary>The keyword field a value on <paramref name="field"/> must equal; null when the field is not a keyword.</summary>
    public static string? KeywordOf(QueryField field) => field switch
    {
        QueryField.Ipc => Ipc,
        QueryField.Cpc => Cpc,
        QueryField.Country => Facet(FacetFields.Country),
        QueryField.Type => Facet(FacetFields.DocumentType),
        QueryField.Status => Facet(FacetFields.LegalStatus),
        _ => null,
    };

    public static string DateField(QueryField field) => field switch
    {
        QueryField.ApplicationDate => ApplicationDate,
        QueryField.PublicationDate => PublicationDate,
        QueryField.GrantDate => GrantDate,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a date field"),
    };

    /// <summary>The values of <see cref="NumberKey"/> and <see cref="NumberFull"/>: every publication number of the record, and its application number without kind.</summary>
    public static (SortedSet<string> Keys, SortedSet<string> Full) Numbers(PatentRecord record)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal) { record.PublicationNumber.Key };
        var full = new SortedSet<string>(StringComparer.Ordinal) { record.PublicationNumber.Canonical };
        foreach (var other in record.OtherPublicationNumbers)
        {
            keys.Add(other.Key);
            full.Add(other.Canonical);
        }
        if (record.ApplicationNumber is { } app) keys.Add(app.Key);
        return (keys, full);
    }

    /// <summary>The values of <see cref="Ipc"/> or <see cref="Cpc"/>: every hierarchy level of every code that parses.</summary>
    public static SortedSet<string> Hierarchy(List<string> codes)
    {
        var levels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
            if (Classification.TryNormalize(code, out var c, out _))
                levels.UnionWith(Classification.Hierarchy(c));
        return levels;
    }

    /// <summary>Chinese text (or untagged text with CJK) goes to the word and bigram fields; anything else to English.</summary>
    public static bool IsChinese(LocalizedText text) =>
        text.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
        || (!text.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase) && TextNormalizer.ContainsCjk(text.Text));
}

/// <summary>How a family's matches are shown: not at all, the whole text (titles), or one fragment (abstracts).</summary>
internal enum TextHighlight { None, Whole, Fragment }

/// <summary>One text of the record indexed three ways; the field names derive from <see cref="Name"/>.</summary>
internal sealed class TextFamily(string name, float boost, Func<PatentRecord, List<LocalizedText>> texts, TextHighlight highlight, bool words = true)
{
    /// <summary>Family name, also the highlight key prefix (<c>title.zh</c>).</summary>
    public string Name { get; } = name;
    /// <summary>Weight of a match in this family relative to the others.</summary>
    public float Boost { get; } = boost;
    /// <summary>Whether Chinese text is also indexed as SmartCn words (<see cref="ChineseWords"/>).</summary>
    public bool Words { get; } = words;
    public TextHighlight Highlight { get; } = highlight;

    /// <summary>SmartCn words: word-level ranking. Not indexed (nor queried) when <see cref="Words"/> is false.</summary>
    public string ChineseWords { get; } = name + "_zh";
    /// <summary>Overlapping CJK bigrams: substring recall (排水 in 排水管).</summary>
    public string ChineseBigrams { get; } = name + "_zh_bi";
    /// <summary>English: stemming and stop words.</summary>
    public string English { get; } = name + "_en";

    /// <summary>The record's texts of this family, in every language.</summary>
    public List<LocalizedText> Texts(PatentRecord record) => texts(record);

    /// <summary>A match on the Chinese word or English field.</summary>
    public float WordWeight => Boost * QueryWeights.Word;
    /// <summary>A family without a word field weighs its bigram matches as words and bigrams together would.</summary>
    public float BigramWeight => Boost * (Words ? QueryWeights.Bigram : QueryWeights.Word + QueryWeights.Bigram);
}

/// <summary>The boosts of query clauses, relative to each other, the same in both engines.</summary>
internal static class QueryWeights
{
    public const float Word = 1.0f;
    public const float Bigram = 0.5f;
    /// <summary>A patent number asked for outranks any text match.</summary>
    public const float Number = 10f;
    /// <summary>Part of a name (bigram phrase) against the whole name verbatim.</summary>
    public const float NamePart = 1f;
    public const float NameExact = 2f;
}
