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

/// <summary>
/// The statutory term of a patent (专利权期限). <see cref="Expiry"/> is the day the term ends (期满终止日), the
/// anniversary of the filing date; the right's last day is the day before (<see cref="LastDay"/>). The Guidelines for
/// Patent Examination's example: filed 1999-09-06, the term runs 1999-09-06 to 2019-09-05 and ends on 2019-09-06.
/// </summary>
public sealed record PatentTerm(DateOnly? Expiry, int? Years, TermBasis Basis)
{
    /// <summary>Design filings from this day get 15 years instead of 10 (Patent Law as amended in 2020, in force 2021-06-01).</summary>
    public static readonly DateOnly DesignFifteenYearsFrom = new(2021, 6, 1);

    /// <summary>The last day the right exists: the day before <see cref="Expiry"/>.</summary>
    public DateOnly? LastDay => Expiry?.AddDays(-1);

    /// <summary>
    /// Invention 20 years, utility model 10 years, design 10 years (15 years for filings from 2021-06-01), all
    /// from the filing date (art. 42); null for a type the statute does not name.
    /// </summary>
    public static int? ChineseYears(DocumentType type, DateOnly filed) => type switch
    {
        DocumentType.Invention => 20,
        DocumentType.UtilityModel => 10,
        DocumentType.Design => filed >= DesignFifteenYearsFrom ? 15 : 10,
        _ => null,
    };

    /// <summary>
    /// The term of a record: Chinese patents by the statute; other offices' inventions and reissues estimated at 20
    /// years. Term compensation for examination delay (art. 42(2), (3)) is granted case by case and not in the
    /// bibliographic data, so it is not added.
    /// </summary>
    public static PatentTerm Of(PatentRecord record)
    {
        if (record.ApplicationDate is not { } filed) return new(null, null, TermBasis.Unknown);
        if (record.Country == "CN")
            return ChineseYears(record.DocumentType, filed) is { } y ? new(filed.AddYears(y), y, TermBasis.ChinesePatentLaw) : new(null, null, TermBasis.Unknown);
        return record.DocumentType is DocumentType.Invention or DocumentType.Reissue
            ? new(filed.AddYears(20), 20, TermBasis.Estimate)
            : new(null, null, TermBasis.Unknown);
    }

    /// <summary>
    /// The last day of a Chinese right, for licences that must end with it: a lapse date in the record wins when
    /// earlier; a type the statute does not name counts as an invention (the longest term); null without a filing date
    /// or lapse date.
    /// </summary>
    public static DateOnly? LastDayOfRight(DocumentType type, DateOnly? filed, DateOnly? lapsed = null)
    {
        if (filed is not { } f) return lapsed;
        var last = f.AddYears(ChineseYears(type, f) ?? 20).AddDays(-1);
        return lapsed is { } l && l < last ? l : last;
    }
}
