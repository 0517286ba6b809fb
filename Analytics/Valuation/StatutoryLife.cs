using Search.Indexer.Records;

namespace Analytics.Valuation;

/// <summary>
/// The statutory term of a Chinese patent (Patent Law art. 42, from the filing date): invention 20 years, utility model
/// 10, design 15 (10 for designs filed before the 2020 amendment took force on 2021-06-01). A valuation's economic life
/// may be shorter than what is left of it, never longer. Term compensation is granted case by case and is not counted.
/// </summary>
public static class StatutoryLife
{
    /// <summary>Design filings from this day get 15 years instead of 10.</summary>
    public static readonly DateOnly DesignFifteenYearsFrom = new(2021, 6, 1);

    /// <summary>Days in an average year, to turn days left into years.</summary>
    private const decimal DaysPerYear = 365.25m;

    /// <summary>The term in years, or null for a type the statute does not name.</summary>
    public static int? TermYears(DocumentType type, DateOnly filed) => type switch
    {
        DocumentType.Invention => 20,
        DocumentType.UtilityModel => 10,
        DocumentType.Design => filed >= DesignFifteenYearsFrom ? 15 : 10,
        _ => null,
    };

    /// <summary>The day the term ends (the anniversary of the filing date), or null when unknown.</summary>
    public static DateOnly? Expiry(DocumentType type, DateOnly? filed) =>
        filed is { } f && TermYears(type, f) is { } years ? f.AddYears(years) : null;

    /// <summary>
    /// Years left of the term on <paramref name="on"/>, to two decimals (days ÷ 365.25); 0 once the term has ended;
    /// null without a filing date or for a type the statute does not name.
    /// </summary>
    public static decimal? RemainingYears(DocumentType type, DateOnly? filed, DateOnly on)
    {
        if (Expiry(type, filed) is not { } end) return null;
        var days = end.DayNumber - on.DayNumber;
        return days <= 0 ? 0m : decimal.Round(days / DaysPerYear, 2, MidpointRounding.AwayFromZero);
    }
}
