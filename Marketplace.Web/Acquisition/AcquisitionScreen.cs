using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Acquisition;

/// <summary>Whose patents a screen looks for, by the index's applicant type.</summary>
public enum ScreenOwnerType
{
    University,
    Enterprise,
    Individual,
}

/// <summary>
/// A screen over the index (筛选): the label facets that already exist (sleeping, high value, chain), the applicant type,
/// the legal status and a range of application years, optionally some words. Every part is optional.
/// </summary>
public sealed record AcquisitionScreen(
    bool Sleeping = false,
    bool HighValue = false,
    string? ChainId = null,
    ScreenOwnerType? OwnerType = null,
    LegalStatus? LegalStatus = null,
    int? FromYear = null,
    int? ToYear = null,
    string? Text = null)
{
    /// <summary>"Add all" takes at most this many hits, best value index first; the page states the cap.</summary>
    public const int AddAllCap = PatentQuery.MaxPageSize;

    public const int FirstYear = 1985;

    /// <summary>The query the screen runs, hits sorted by value index; throws <see cref="AcquisitionRuleException"/> for impossible years.</summary>
    public PatentQuery Query(int page, int pageSize, int thisYear)
    {
        if (FromYear is { } f && (f < FirstYear || f > thisYear) || ToYear is { } t && (t < FirstYear || t > thisYear))
            throw new AcquisitionRuleException(AcquisitionFields.Years, "Application years run from {0} to {1}.", FirstYear, thisYear);
        if (FromYear > ToYear) throw new AcquisitionRuleException(AcquisitionFields.Years, "The first application year comes before the last.");
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (Sleeping) filters[LabelFacets.Sleeping] = ["true"];
        if (HighValue) filters[LabelFacets.HighValue] = ["true"];
        if (!string.IsNullOrWhiteSpace(ChainId)) filters[LabelFacets.Chain] = [ChainId];
        if (OwnerType is { } owner)
            filters[FacetFields.ApplicantType] = owner == ScreenOwnerType.University
                ? [QuerySyntax.ValueName(PartyType.University), QuerySyntax.ValueName(PartyType.ResearchInstitute)]
                : [QuerySyntax.ValueName(owner == ScreenOwnerType.Enterprise ? PartyType.Enterprise : PartyType.Individual)];
        if (LegalStatus is { } status) filters[FacetFields.LegalStatus] = [QuerySyntax.ValueName(status)];
        return new PatentQuery
        {
            Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
            Filters = filters,
            ApplicationDate = FromYear is null && ToYear is null ? null
                : new DateRange(FromYear is { } from ? new DateOnly(from, 1, 1) : null, ToYear is { } to ? new DateOnly(to, 12, 31) : null),
            Sort = SearchSort.ValueIndexDescending,
            Page = page,
            PageSize = pageSize,
            Highlight = false,
        };
    }
}
