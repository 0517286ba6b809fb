namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// Field names only the Lucene document has; the fields both engines share (text families, numbers,
/// classification, names, dates, facets) are <see cref="PatentFields"/>.
/// </summary>
internal static class LuceneFields
{
    /// <summary>Sorted doc values of the id: stable tie-break for sorting, id order for export.</summary>
    public const string IdSort = "id_sort";
    /// <summary>The whole record as <see cref="Records.RecordJson"/>, so reads return it exactly.</summary>
    public const string Json = "json";
    /// <summary>
    /// Binary doc values of the record's <see cref="Records.RecordSummary"/> (<see cref="SummaryEncoding"/>; compact UTF-8 JSON in indices
    /// written before ADR-021), read column-wise by scans
    /// (the default codec's binary doc values have no length limit). Missing for records written before summaries
    /// existed: scans read their stored JSON.
    /// </summary>
    public const string Summary = "summary";

    /// <summary>Inventor names verbatim (applicants have theirs in the applicant facet field).</summary>
    public const string InventorExact = "inventor";

    public const string ApplicationDateSort = "ad_sort";
    public const string PublicationDateSort = "pd_sort";
    /// <summary>Numeric doc values of the value index × 1,000,000, for sorting by value.</summary>
    public const string ValueIndexSort = "value_sort";

    /// <summary>Sorted-set doc values of a facet value, for counting (its indexed keyword is <see cref="PatentFields.Facet"/>).</summary>
    public static string FacetValues(string facet) => "fv_" + facet;
}
