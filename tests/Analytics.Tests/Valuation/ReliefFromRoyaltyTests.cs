using Analytics.Valuation;

namespace Analytics.Tests.Valuation;

/// <summary>The income approach against figures worked by hand (a calculator, not this code).</summary>
public sealed class ReliefFromRoyaltyTests
{
    private static readonly IncomeInputs ThreeLevelYears = new(RevenueYuan: 1_000_000m, GrowthPercent: 0m, RoyaltyPercent: 5m, TaxPercent: 25m, DiscountPercent: 10m, LifeYears: 3m);

    [Fact]
    public void Three_level_years_at_5_percent_royalty_25_percent_tax_and_10_percent_discount_are_worth_93256_yuan_95()
    {
        // 1,000,000 × 5 % × (1 − 25 %) = 37,500 a year; 37,500 ÷ 1.1 + 37,500 ÷ 1.21 + 37,500 ÷ 1.331 = 93,256.95.
        var result = ReliefFromRoyalty.Compute(ThreeLevelYears);

        Assert.Equal(93_256.95m, result.PresentValueYuan);
        Assert.Equal([37_500m, 37_500m, 37_500m], result.Years.Select(y => y.AfterTaxYuan));
        Assert.Equal([34_090.91m, 30_991.74m, 28_174.31m], result.Years.Select(y => y.PresentValueYuan));
        Assert.Equal(0.909091m, result.Years[0].DiscountFactor);
    }

    [Fact]
    public void Growth_compounds_from_the_second_year_and_a_half_last_year_earns_half_discounted_from_its_end()
    {
        // Year 1: 1,000,000 → 37,500 ÷ 1.1; year 2: 1,100,000 → 41,250 ÷ 1.21; year 2.5: half of 1,210,000 → 22,687.50 ÷ 1.1^2.5.
        var result = ReliefFromRoyalty.Compute(ThreeLevelYears with { GrowthPercent = 10m, LifeYears = 2.5m });

        Assert.Equal([1_000_000m, 1_100_000m, 1_210_000m], result.Years.Select(y => y.RevenueYuan));
        Assert.Equal(0.5m, result.Years[2].Share);
        Assert.Equal(22_687.50m, result.Years[2].AfterTaxYuan);
        Assert.Equal(86_059.24m, result.PresentValueYuan);
    }

    [Fact]
    public void No_life_left_is_worth_nothing()
    {
        var result = ReliefFromRoyalty.Compute(ThreeLevelYears with { LifeYears = 0m });

        Assert.Empty(result.Years);
        Assert.Equal(0m, result.PresentValueYuan);
    }

    [Fact]
    public void The_sensitivity_table_moves_the_royalty_rate_by_one_point_and_the_discount_rate_by_two()
    {
        var table = SensitivityTable.Around(ThreeLevelYears);

        Assert.Equal([4m, 5m, 6m], table.RoyaltyPercents);
        Assert.Equal([8m, 10m, 12m], table.DiscountPercents);
        Assert.Equal(93_256.95m, table.Values[1][1]);
        // 30,000 a year at 8 %: 77,312.91; 45,000 a year at 12 %: 108,082.41.
        Assert.Equal(77_312.91m, table.Values[0][0]);
        Assert.Equal(108_082.41m, table.Values[2][2]);
        // The extremes are the low rate at the high discount (30,000 at 12 %) and the high rate at the low discount (45,000 at 8 %).
        Assert.Equal((72_054.94m, 115_969.36m), (table.Min, table.Max));
    }

    [Fact]
    public void A_sensitivity_step_that_would_reach_zero_percent_is_left_out()
    {
        var table = SensitivityTable.Around(ThreeLevelYears with { RoyaltyPercent = 1m, DiscountPercent = 2m });

        Assert.Equal([1m, 2m], table.RoyaltyPercents);
        Assert.Equal([2m, 4m], table.DiscountPercents);
        Assert.All(table.Values, row => Assert.Equal(2, row.Count));
    }
}
