namespace Analytics.Valuation;

/// <summary>Which approach the conclusion rests on.</summary>
public enum ValuationApproach
{
    Income,
    Market,
    Cost,
}

/// <summary>Everything a valuation computes from: the three approaches' inputs and the basis of the conclusion.</summary>
/// <param name="MarketAdjustmentPercent">The one stated adjustment applied to every comparable.</param>
/// <param name="RemainingYears">Statutory years left (the longest of a package's patents).</param>
/// <param name="TermYears">The statutory term of that patent.</param>
/// <param name="PatentCount">Patents valued together.</param>
public sealed record ValuationInputs(
    IncomeInputs Income,
    decimal FeesYuan,
    decimal ResearchCostYuan,
    decimal ObsolescencePercent,
    decimal MarketAdjustmentPercent,
    decimal RemainingYears,
    int TermYears,
    int PatentCount,
    ValuationApproach Basis);

/// <summary>The conclusion: a range and a point, on one approach.</summary>
public sealed record ValuationConclusion(ValuationApproach Basis, decimal LowYuan, decimal PointYuan, decimal HighYuan);

/// <summary>Every approach's result, the sensitivity table and the conclusion.</summary>
public sealed record ValuationResult(IncomeResult Income, SensitivityTable Sensitivity, MarketResult Market, CostResult Cost, ValuationConclusion? Conclusion);

/// <summary>
/// Computes a valuation from its inputs: pure, so the page, the report and the tests show the same figures. The
/// conclusion's point is the chosen approach's value; its range is, for the income approach, the lowest and highest
/// value of the sensitivity table; for the market approach, the lowest and highest adjusted comparable; for the cost
/// approach, the value with obsolescence 10 points higher and lower. With no comparables, a market conclusion is null.
/// </summary>
public static class ValuationCalculator
{
    /// <summary>How far the cost approach's range moves obsolescence, in percentage points.</summary>
    public const decimal CostRangePoints = 10m;

    public static ValuationResult Compute(ValuationInputs inputs, IReadOnlyList<ComparableTransaction> comparables)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var income = ReliefFromRoyalty.Compute(inputs.Income);
        var sensitivity = SensitivityTable.Around(inputs.Income);
        var market = MarketApproach.Compute(comparables, inputs.RemainingYears, inputs.PatentCount, inputs.MarketAdjustmentPercent);
        var costInputs = new CostInputs(inputs.FeesYuan, inputs.ResearchCostYuan, inputs.ObsolescencePercent, inputs.RemainingYears, inputs.TermYears);
        var cost = CostApproach.Compute(costInputs);
        ValuationConclusion? conclusion = inputs.Basis switch
        {
            ValuationApproach.Income => new(ValuationApproach.Income, Math.Min(sensitivity.Min, income.PresentValueYuan), income.PresentValueYuan, Math.Max(sensitivity.Max, income.PresentValueYuan)),
            ValuationApproach.Market when market.HasComparables => new(ValuationApproach.Market, market.LowYuan!.Value, market.MedianYuan!.Value, market.HighYuan!.Value),
            ValuationApproach.Cost => new(ValuationApproach.Cost,
                CostApproach.Compute(costInputs with { ObsolescencePercent = Math.Min(100m, inputs.ObsolescencePercent + CostRangePoints) }).ValueYuan,
                cost.ValueYuan,
                CostApproach.Compute(costInputs with { ObsolescencePercent = Math.Max(0m, inputs.ObsolescencePercent - CostRangePoints) }).ValueYuan),
            _ => null,
        };
        return new ValuationResult(income, sensitivity, market, cost, conclusion);
    }
}
