namespace Search.Indexer.Engine.Lucene;

/// <summary>Field names of the Lucene document that holds one patent record.</summary>
internal static class LuceneFields
{
    public const string Id = "id";
    /// <summary>Sorted doc values of the id: stable tie-break for sorting, id order for export.</summary>
    public const string IdSort = "id_sort";
    /// <summary>The whole record as <see cref="Records.RecordJson"/>, so reads return it exactly.</summary>
    public const string Json = "json";
    /// <summary>
    /// Binary doc values of the record's <see cref="Records.RecordSummary"/> as compact UTF-8 JSON, read column-wise by scans
    /// (the default codec's binary doc values have no length limit). Missing for records written before summaries
    /// existed: scans read their stored JSON.
    /// </summary>
    public const string Summary = "summary";

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
    /// <summary>Inventor names verbatim (applicants have theirs in the applicant facet field).</summary>
    public const string InventorExact = "inventor";

    public const string ApplicationDate = "ad";
    public const string PublicationDate = "pd";
    public const string GrantDate = "gd";
    public const string ApplicationDateSort = "ad_sort";
    public const string PublicationDateSort = "pd_sort";
    /// <summary>Numeric doc values of the value index × 1,000,000, for sorting by value.</summary>
    public const string ValueIndexSort = "value_sort";

    /// <summary>Indexed keyword of a facet value, for filters and field queries.</summary>
    public static string FacetTerm(string facet) => "f_" + facet;
    /// <summary>Sorted-set doc values of a facet value, for counting.</summary>
    public static string FacetValues(string facet) => "fv_" + facet;

    /// <summary>The text families: each has a Chinese word field, a Chinese bigram field and an English field.</summary>
    public static readonly TextFamily Title = new("title", 3.0f);
    /// <summary>
    /// Abstracts and claims get no SmartCn words: segmenting them was most of the load's CPU
    /// (ADR-004), and the bigram field alone finds every Chinese substring of two or more
    /// characters; titles keep word-level ranking. Only a lone character no longer matches them.
    /// </summary>
    public static readonly TextFamily Abstract = new("abstract", 1.5f, Words: false);
    public static readonly TextFamily Claim = new("claim", 1.0f, Words: false);
    public static readonly IReadOnlyList<TextFamily> TextFamilies = [Title, Abstract, Claim];
}

/// <param name="Name">Family name, also the highlight key prefix (<c>title.zh</c>).</param>
/// <param name="Boost">Weight of a match in this family relative to the others.</param>
/// <param name="Words">Whether Chinese text is also indexed as SmartCn words (<see cref="ChineseWords"/>).</param>
internal sealed record TextFamily(string Name, float Boost, bool Words = true)
{
    /// <summary>SmartCn words: word-level ranking. Not indexed (nor queried) when <see cref="Words"/> is false.</summary>
    public string ChineseWords { get; } = Name + "_zh";
    /// <summary>Overlapping CJK bigrams: substring recall (排水 in 排水管).</summary>
    public string ChineseBigrams { get; } = Name + "_zh_bi";
    /// <summary>EnglishAnalyzer: stemming and stop words.</summary>
    public string English { get; } = Name + "_en";
}
