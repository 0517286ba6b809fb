using Search.Indexer.Records;

namespace Marketplace.Web.Licensing;

/// <summary>
/// When a Chinese patent right ends (Patent Law 2020, art. 42): inventions 20 years from filing, utility
/// models 10 years, designs 15 years when filed on or after 2021-06-01 (10 years before). Term
/// extensions and compensation are not modelled: the computed date is the latest the right can end
/// without them, and a lapse date in the record wins when it is earlier.
/// </summary>
public static class PatentTerm
{
    public static readonly DateOnly DesignFifteenYearsFrom = new(2021, 6, 1);

    public static int Years(DocumentType type, DateOnly filed) => type switch
    {
        DocumentType.Invention => 20,
        DocumentType.UtilityModel => 10,
        DocumentType.Design => filed >= DesignFifteenYearsFrom ? 15 : 10,
        _ => 20,
    };

    /// <summary>The last day of the right, or null when the filing date is unknown.</summary>
    public static DateOnly? Expiry(DocumentType type, DateOnly? filed, DateOnly? lapsed = null)
    {
        if (filed is not { } f) return lapsed;
        var end = f.AddYears(Years(type, f)).AddDays(-1);
        return lapsed is { } l && l < end ? l : end;
    }

    /// <summary>Whether the type needs a patent-right evaluation report (专利权评价报告) before an open licence.</summary>
    public static bool NeedsEvaluationReport(DocumentType type) => type is DocumentType.UtilityModel or DocumentType.Design;
}
