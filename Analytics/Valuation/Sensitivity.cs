namespace Analytics.Valuation;

/// <summary>
/// The income approach's value across royalty rates (rows) and discount rates (columns): how far the conclusion moves
/// when the two inputs an appraiser argues about most move. <see cref="Values"/>[row][column] is in yuan.
/// </summary>
public sealed record SensitivityTable(IReadOnlyList<decimal> RoyaltyPercents, IReadOnlyList<decimal> DiscountPercents, IReadOnlyList<IReadOnlyList<decimal>> Values)
{
    public decimal Min => Values.SelectMany(r => r).DefaultIfEmpty().Min();

    public decimal Max => Values.SelectMany(r => r).DefaultIfEmpty().Max();

    /// <summary>
    /// The grid around the inputs: the royalty rate ± <paramref name="royaltyStep"/> and the discount rate ±
    /// <paramref name="discountStep"/> percentage points (steps that would reach 0 % or below are left out).
    /// </summary>
    public static SensitivityTable Around(IncomeInputs inputs, decimal royaltyStep = 1m, decimal discountStep = 2m)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        static IReadOnlyList<decimal> Steps(decimal centre, decimal step) =>
            [.. new[] { centre - step, centre, centre + step }.Where(v => v > 0)];
        var royalties = Steps(inputs.RoyaltyPercent, royaltyStep);
        var discounts = Steps(inputs.DiscountPercent, discountStep);
        var values = royalties.Select(r => (IReadOnlyList<decimal>)[.. discounts.Select(d =>
            ReliefFromRoyalty.Compute(inputs with { RoyaltyPercent = r, DiscountPercent = d }).PresentValueYuan)]).ToList();
        return new SensitivityTable(royalties, discounts, values);
    }
}
