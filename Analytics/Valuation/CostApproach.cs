namespace Analytics.Valuation;

/// <summary>The inputs of the cost approach.</summary>
/// <param name="FeesYuan">Official and agency fees to obtain and keep the rights (application, examination, annual fees).</param>
/// <param name="ResearchCostYuan">Research and development cost to make the invention again today.</param>
/// <param name="ObsolescencePercent">Functional and economic obsolescence (技术性、经济性贬值) beyond the passing of the term.</param>
/// <param name="RemainingYears">Statutory years left.</param>
/// <param name="TermYears">The statutory term in years.</param>
public sealed record CostInputs(decimal FeesYuan, decimal ResearchCostYuan, decimal ObsolescencePercent, decimal RemainingYears, int TermYears);

/// <summary>Replacement cost, the share of the term left (成新率), and the value.</summary>
public sealed record CostResult(decimal ReplacementCostYuan, decimal RemainingShare, decimal ValueYuan);

/// <summary>
/// The cost approach (成本法): what it would cost to obtain the same protection today (fees plus research and
/// development), times the share of the statutory term left, less obsolescence.
/// </summary>
public static class CostApproach
{
    public static CostResult Compute(CostInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var replacement = inputs.FeesYuan + inputs.ResearchCostYuan;
        var share = inputs.TermYears > 0 ? Math.Clamp(decimal.Round(inputs.RemainingYears / inputs.TermYears, 4, MidpointRounding.AwayFromZero), 0m, 1m) : 0m;
        var value = replacement * share * (1 - Math.Clamp(inputs.ObsolescencePercent, 0m, 100m) / 100m);
        return new CostResult(ReliefFromRoyalty.Round(replacement), share, ReliefFromRoyalty.Round(value));
    }
}
