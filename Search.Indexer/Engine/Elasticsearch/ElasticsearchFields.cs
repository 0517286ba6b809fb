namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>
/// Field names of the Elasticsearch document. They mirror the Lucene engine's (<c>LuceneFields</c>) so
/// both index the same things the same way (ADR-006): the record itself, Chinese words (smartcn) and
/// bigrams, English words, every IPC/CPC hierarchy level, number keys, dates and one keyword per facet.
/// </summary>
internal static class ElasticsearchFields
{
    public const string Id = "id";
    /// <summary>The whole record as <see cref="Records.RecordJson"/>, kept in <c>_source</c> only (not indexed).</summary>
    public const string Record = "record";

    public const string NumberKey = "pn_key";
    public const string NumberFull = "pn_full";
    public const string Ipc = "ipc";
    public const string Cpc = "cpc";

    /// <summary>Names as bigrams (parts match), with a <c>.keyword</c> sub-field holding the name verbatim.</summary>
    public const string ApplicantText = "applicant_txt";
    public const string InventorText = "inventor_txt";
    public const string InventorExact = "inventor_txt.keyword";

    public const string ApplicationDate = "ad";
    public const string PublicationDate = "pd";
    public const string GrantDate = "gd";
    public const string ValueIndex = "value_index";

    public const string SmartCn = "smartcn";
    public const string Bigrams = "cjk_bigrams";
    public const string English = "english";

    public static string Facet(string facet) => "f_" + facet;

    /// <summary>Same families, boosts and word/bigram choices as the Lucene engine (ADR-001, ADR-004).</summary>
    public static readonly EsTextFamily Title = new("title", 3.0f);
    public static readonly EsTextFamily Abstract = new("abstract", 1.5f, Words: false);
    public static readonly EsTextFamily Claim = new("claim", 1.0f, Words: false);
    public static readonly IReadOnlyList<EsTextFamily> TextFamilies = [Title, Abstract, Claim];
}

internal sealed record EsTextFamily(string Name, float Boost, bool Words = true)
{
    public string ChineseWords { get; } = Name + "_zh";
    public string ChineseBigrams { get; } = Name + "_zh_bi";
    public string English { get; } = Name + "_en";
}
