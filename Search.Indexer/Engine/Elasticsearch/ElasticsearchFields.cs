namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>
/// Field and analyser names only the Elasticsearch document has. The fields both engines index the same
/// way (ADR-006) — Chinese words (smartcn) and bigrams, English words, every IPC/CPC hierarchy level,
/// number keys, dates and one keyword per facet — are <see cref="PatentFields"/>.
/// </summary>
internal static class ElasticsearchFields
{
    /// <summary>The whole record as <see cref="Records.RecordJson"/>, kept in <c>_source</c> only (not indexed).</summary>
    public const string Record = "record";

    /// <summary>Names are bigrams (parts match) with a <c>.keyword</c> sub-field holding the name verbatim.</summary>
    public const string InventorExact = PatentFields.InventorText + ".keyword";

    public const string ValueIndex = "value_index";

    /// <summary>Analysers of the text fields.</summary>
    public const string SmartCn = "smartcn";
    public const string Bigrams = "cjk_bigrams";
    public const string English = "english";
}
