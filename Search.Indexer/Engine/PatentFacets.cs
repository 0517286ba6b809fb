using System.Globalization;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Engine;

/// <summary>A facet (and filter) field: its name and the stable string values a record has in it.</summary>
/// <param name="Name">The name used in <see cref="PatentQuery.Filters"/> and <see cref="PatentQuery.Facets"/>.</param>
/// <param name="Values">The record's values; duplicates are ignored by the engines.</param>
public sealed record FacetDefinition(string Name, Func<PatentRecord, IEnumerable<string>> Values);

/// <summary>
/// The table of facet fields every engine indexes, filters and counts. A later feature (industry
/// chain, licence availability, value flags) adds a row here; the engines need no other change.
/// </summary>
public static class PatentFacets
{
    /// <summary>Every facet field, in display order.</summary>
    public static readonly IReadOnlyList<FacetDefinition> All =
    [
        new(FacetFields.IpcSubclass, r => r.IpcCodes.Select(Classification.Subclass).OfType<string>()),
        new(FacetFields.Applicant, r => r.Applicants.Select(a => a.Name)),
        new(FacetFields.ApplicantType, r => r.Applicants.Where(a => a.Type != PartyType.Unknown).Select(a => QuerySyntax.ValueName(a.Type))),
        new(FacetFields.Year, r => r.PublicationDate is { } d ? [d.Year.ToString(CultureInfo.InvariantCulture)] : []),
        new(FacetFields.DocumentType, r => [QuerySyntax.ValueName(r.DocumentType)]),
        new(FacetFields.LegalStatus, r => [QuerySyntax.ValueName(r.LegalStatus)]),
        new(FacetFields.Country, r => [r.Country]),
        new(LabelFacets.Chain, r => LabelFacets.ValuesOf(r, LabelFacets.Chain)),
        new(LabelFacets.SubTopic, r => LabelFacets.ValuesOf(r, LabelFacets.SubTopic)),
        new(LabelFacets.TechField, r => LabelFacets.ValuesOf(r, LabelFacets.TechField)),
        new(LabelFacets.HighValue, r => LabelFacets.ValuesOf(r, LabelFacets.HighValue)),
        new(LabelFacets.Sleeping, r => LabelFacets.ValuesOf(r, LabelFacets.Sleeping)),
        new(LabelFacets.OpenLicense, r => LabelFacets.ValuesOf(r, LabelFacets.OpenLicense)),
        new(LabelFacets.ForSale, r => LabelFacets.ValuesOf(r, LabelFacets.ForSale)),
        new(LabelFacets.Pledge, r => LabelFacets.ValuesOf(r, LabelFacets.Pledge)),
    ];

    public static FacetDefinition? Find(string name)
    {
        foreach (var d in All)
            if (d.Name == name) return d;
        return null;
    }

    /// <summary>The record's distinct values in <paramref name="definition"/>, blanks left out.</summary>
    public static IEnumerable<string> ValuesOf(FacetDefinition definition, PatentRecord record) =>
        definition.Values(record).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal);
}

/// <summary>
/// Facet fields filled from <see cref="PatentRecord.Labels"/>, which later analysis (Analytics)
/// writes under the same names; a record without such a label simply has no value in the facet.
/// </summary>
public static class LabelFacets
{
    /// <summary>Industry chain (产业链) the patent serves.</summary>
    public const string Chain = "chain";
    /// <summary>Sub-topic (a cluster) within the industry chain.</summary>
    public const string SubTopic = "subtopic";
    /// <summary>WIPO technology field (one of 35).</summary>
    public const string TechField = "tech_field";
    /// <summary>High-value patent (高价值专利): "true" or "false", written by Analytics.</summary>
    public const string HighValue = "high_value";
    /// <summary>Sleeping patent (沉睡专利): "true" or "false", written by Analytics.</summary>
    public const string Sleeping = "sleeping";
    /// <summary>An open licence (开放许可) is published for the patent: <see cref="OpenLicenseAvailable"/>, written by the marketplace.</summary>
    public const string OpenLicense = "open_license";
    public const string OpenLicenseAvailable = "available";
    /// <summary>The owner lists the patent for sale (转让中) and takes offers: <see cref="ForSaleListed"/>, written by the marketplace.</summary>
    public const string ForSale = "for_sale";
    public const string ForSaleListed = "listed";

    /// <summary>The patent is under a registered pledge (质押) not yet released: <see cref="Pledged"/>, written by the marketplace.</summary>
    public const string Pledge = "pledge";
    public const string Pledged = "pledged";

    public static readonly IReadOnlyList<string> All = [Chain, SubTopic, TechField, HighValue, Sleeping, OpenLicense, ForSale, Pledge];

    /// <summary>The value index (0–1) in <see cref="PatentRecord.Scores"/>, written by Analytics; sorts with <see cref="SearchSort.ValueIndexDescending"/>.</summary>
    public const string ValueIndexScore = "valueIndex";

    public static IEnumerable<string> ValuesOf(PatentRecord record, string label) =>
        record.Labels.TryGetValue(label, out var values) ? values : [];
}
