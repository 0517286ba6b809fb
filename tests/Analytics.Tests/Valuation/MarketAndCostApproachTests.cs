using Analytics.Valuation;

namespace Analytics.Tests.Valuation;

public sealed class MarketAndCostApproachTests
{
    private static ComparableTransaction Licence(string reference, decimal price, int patents, decimal? yearsLeft) =>
        new(reference, ComparableKind.License, "CN1", "一种方法", new DateOnly(2026, 1, 1), price, patents, yearsLeft, "new-energy");

    [Fact]
    public void Comparables_are_shared_over_their_patents_scaled_by_remaining_life_and_the_stated_adjustment()
    {
        // Subject: 1 patent, 5 years left, +100 %. A: 50,000 × (5 ÷ 10) × 2 = 50,000. B: 120,000 ÷ 2 × 1 × 2 = 120,000.
        // C (life unknown): 30,000 × 1 × 2 = 60,000. Median 60,000.
        var result = MarketApproach.Compute([Licence("A", 50_000m, 1, 10m), Licence("B", 120_000m, 2, 5m), Licence("C", 30_000m, 1, null)], 5m, 1, 100m);

        Assert.Equal(["A", "C", "B"], result.Comparables.Select(c => c.Source.Reference));
        Assert.Equal([0.5m, 1m, 1m], result.Comparables.Select(c => c.LifeFactor));
        Assert.Equal(60_000m, result.Comparables[2].PerPatentYuan);
        Assert.Equal((50_000m, 60_000m, 120_000m), (result.LowYuan!.Value, result.MedianYuan!.Value, result.HighYuan!.Value));
    }

    [Fact]
    public void With_no_comparables_the_market_approach_has_no_value_and_a_market_conclusion_none()
    {
        var market = MarketApproach.Compute([], 5m, 1, 0m);
        Assert.False(market.HasComparables);
        Assert.Null(market.MedianYuan);

        var inputs = new ValuationInputs(new IncomeInputs(1_000_000m, 0m, 5m, 25m, 10m, 3m), 0m, 0m, 0m, 0m, 3m, 20, 1, ValuationApproach.Market);
        Assert.Null(ValuationCalculator.Compute(inputs, []).Conclusion);
    }

    [Fact]
    public void The_life_factor_stays_between_a_half_and_two()
    {
        // Subject 10 years: 10 ÷ 25 = 0.4 is raised to 0.5, 10 ÷ 1 = 10 lowered to 2.
        var result = MarketApproach.Compute([Licence("short", 10_000m, 1, 1m), Licence("long", 10_000m, 1, 25m)], 10m, 1, 0m);

        Assert.Equal([5_000m, 20_000m], result.Comparables.Select(c => c.AdjustedYuan));
    }

    [Fact]
    public void Cost_is_fees_and_research_times_the_share_of_term_left_less_obsolescence()
    {
        // (20,000 + 180,000) × (10 ÷ 20) × (1 − 20 %) = 80,000.
        var result = CostApproach.Compute(new CostInputs(20_000m, 180_000m, 20m, 10m, 20));

        Assert.Equal(200_000m, result.ReplacementCostYuan);
        Assert.Equal(0.5m, result.RemainingShare);
        Assert.Equal(80_000m, result.ValueYuan);
    }

    [Fact]
    public void An_income_conclusion_spans_the_sensitivity_table_and_a_cost_one_moves_obsolescence_ten_points()
    {
        var inputs = new ValuationInputs(new IncomeInputs(1_000_000m, 0m, 5m, 25m, 10m, 3m), 20_000m, 180_000m, 20m, 0m, 10m, 20, 1, ValuationApproach.Income);

        var income = ValuationCalculator.Compute(inputs, []).Conclusion!;
        Assert.Equal((72_054.94m, 93_256.95m, 115_969.36m), (income.LowYuan, income.PointYuan, income.HighYuan));

        var cost = ValuationCalculator.Compute(inputs with { Basis = ValuationApproach.Cost }, []).Conclusion!;
        // Obsolescence 30 %, 20 %, 10 %: 70,000, 80,000, 90,000.
        Assert.Equal((70_000m, 80_000m, 90_000m), (cost.LowYuan, cost.PointYuan, cost.HighYuan));
    }

    [Fact]
    public void Every_industry_chain_of_the_taxonomy_has_a_published_royalty_range_and_no_chain_takes_the_fallback()
    {
        var rates = PublishedRoyaltyRates.Shipped;
        var taxonomy = Analytics.Taxonomy.IndustryTaxonomy.LoadFile(Path.Combine(AppContext.BaseDirectory, "taxonomy.json"));

        Assert.All(taxonomy.Chains, chain => Assert.True(rates.Chains.ContainsKey(chain.Id), $"chain {chain.Id} has no royalty range"));
        var biomedicine = rates.For("biomedicine");
        Assert.Equal(("制药", 2.5m, 4m, 3.25m), (biomedicine.IndustryZh, biomedicine.LowPercent, biomedicine.HighPercent, biomedicine.MidpointPercent));
        Assert.Equal("机械制造", rates.For(null).IndustryZh);
        Assert.Contains("UNIDO", rates.For(null).Source, StringComparison.Ordinal);
    }
}
