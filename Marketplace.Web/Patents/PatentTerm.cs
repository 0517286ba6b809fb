using Search.Indexer.Records;

namespace Marketplace.Web.Patents;

/// <summary>How an expiry date was reached: the Chinese statute, an estimate for another office, or not at all.</summary>
public enum TermBasis
{
    /// <summary>Patent Law art. 42 for a Chinese patent, counted from the filing date.</summary>
    ChinesePatentLaw,
    /// <summary>20 years from filing, the TRIPS minimum most offices apply; term adjustments and extensions ignored.</summary>
    Estimate,
    /// <summary>No filing date, or a type whose term this product does not know.</summary>
    Unknown,
}

/// <summary>The statutory end of a patent's term (专利权期限届满日).</summary>
public sealed record PatentTerm(DateOnly? Expiry, int? Years, TermBasis Basis)
{
    /// <summary>Design filings from this day get 15 years instead of 10 (Patent Law as amended in 2020, in force 2021-06-01).</summary>
    public static readonly DateOnly DesignFifteenYearsFrom = new(2021, 6, 1);

    /// <summary>
    /// Invention 20 years, utility model 10 years, design 10 years (15 years for filings from
    /// 2021-06-01), all from the filing date (art. 42). The period ends on the corresponding day of
    /// the last year (Implementing Rules, rule 5). Term compensation for examination delay (art. 42(2), (3))
    /// is granted case by case and not in the bibliographic data, so it is not added.
    /// </summary>
    public static PatentTerm Of(PatentRecord record)
    {
        if (record.ApplicationDate is not { } filed) return new(null, null, TermBasis.Unknown);
        if (record.Country == "CN")
        {
            int? years = record.DocumentType switch
            {
                DocumentType.Invention => 20,
                DocumentType.UtilityModel => 10,
                DocumentType.Design => filed >= DesignFifteenYearsFrom ? 15 : 10,
                _ => null,
            };
            return years is { } y ? new(filed.AddYears(y), y, TermBasis.ChinesePatentLaw) : new(null, null, TermBasis.Unknown);
        }
        return record.DocumentType is DocumentType.Invention or DocumentType.Reissue
            ? new(filed.AddYears(20), 20, TermBasis.Estimate)
            : new(null, null, TermBasis.Unknown);
    }
}
