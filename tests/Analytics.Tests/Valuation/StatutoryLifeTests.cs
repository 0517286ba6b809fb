using Analytics.Valuation;
using Search.Indexer.Records;

namespace Analytics.Tests.Valuation;

public sealed class StatutoryLifeTests
{
    [Fact]
    public void An_invention_filed_in_2010_has_five_years_left_on_new_year_2025()
    {
        // Expires 2030-01-01: 1,826 days ÷ 365.25 = 4.9993, 5.00 to two decimals.
        Assert.Equal(new DateOnly(2030, 1, 1), StatutoryLife.Expiry(DocumentType.Invention, new DateOnly(2010, 1, 1)));
        Assert.Equal(5.00m, StatutoryLife.RemainingYears(DocumentType.Invention, new DateOnly(2010, 1, 1), new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void Utility_models_run_ten_years_and_an_ended_term_leaves_nothing()
    {
        Assert.Equal(10, StatutoryLife.TermYears(DocumentType.UtilityModel, new DateOnly(2014, 3, 1)));
        Assert.Equal(0m, StatutoryLife.RemainingYears(DocumentType.UtilityModel, new DateOnly(2014, 3, 1), new DateOnly(2025, 1, 1)));
        // 2024-03-01 to 2024-09-01 is 184 days: 0.50 years.
        Assert.Equal(0.50m, StatutoryLife.RemainingYears(DocumentType.UtilityModel, new DateOnly(2014, 9, 1), new DateOnly(2024, 3, 1)));
    }

    [Fact]
    public void Designs_filed_from_June_2021_run_fifteen_years_and_earlier_ones_ten()
    {
        Assert.Equal(10, StatutoryLife.TermYears(DocumentType.Design, new DateOnly(2021, 5, 31)));
        Assert.Equal(15, StatutoryLife.TermYears(DocumentType.Design, new DateOnly(2021, 6, 1)));
        Assert.Equal(new DateOnly(2036, 6, 1), StatutoryLife.Expiry(DocumentType.Design, new DateOnly(2021, 6, 1)));
    }

    [Fact]
    public void Without_a_filing_date_or_for_a_type_the_statute_does_not_name_nothing_is_known()
    {
        Assert.Null(StatutoryLife.RemainingYears(DocumentType.Invention, null, new DateOnly(2025, 1, 1)));
        Assert.Null(StatutoryLife.RemainingYears(DocumentType.Plant, new DateOnly(2020, 1, 1), new DateOnly(2025, 1, 1)));
    }
}
