namespace Analytics.Valuation;

/// <summary>The inputs of the income approach, every one stated in the report. Percentages are written as percent (5 = 5 %).</summary>
/// <param name="RevenueYuan">Revenue the patent contributes to in the first year (yuan).</param>
/// <param name="GrowthPercent">Yearly growth of that revenue.</param>
/// <param name="RoyaltyPercent">The royalty rate on revenue the owner is relieved from paying.</param>
/// <param name="TaxPercent">Income tax on the royalty saved.</param>
/// <param name="DiscountPercent">The discount rate.</param>
/// <param name="LifeYears">Remaining economic life in years (a fraction counts part of the last year).</param>
public sealed record IncomeInputs(decimal RevenueYuan, decimal GrowthPercent, decimal RoyaltyPercent, decimal TaxPercent, decimal DiscountPercent, decimal LifeYears);

/// <summary>One year of the relief-from-royalty schedule.</summary>
/// <param name="Year">1 for the first year.</param>
/// <param name="Share">The part of the year inside the economic life (1, or less for the last year).</param>
/// <param name="DiscountFactor">1 ÷ (1 + discount rate)^(time of the year's end).</param>
public sealed record IncomeYear(int Year, decimal Share, decimal RevenueYuan, decimal RoyaltyYuan, decimal AfterTaxYuan, decimal DiscountFactor, decimal PresentValueYuan);

/// <summary>The schedule and its sum, the net present value of the royalties saved.</summary>
public sealed record IncomeResult(IReadOnlyList<IncomeYear> Years, decimal PresentValueYuan);

/// <summary>
/// The income approach by relief from royalty (收益法·许可费节省法): the owner does not pay the royalty it would pay
/// to license the patent, so the patent is worth the present value of those royalties after tax over its remaining
/// economic life. Year t's revenue is the first year's × (1 + growth)^(t−1); each year's saving is discounted from the
/// end of that year (or of the part of it inside the life), with no terminal value: the right ends with the statute.
/// </summary>
public static class ReliefFromRoyalty
{
    /// <summary>The longest schedule computed (a longer life is not a patent's).</summary>
    public const int MaxYears = 30;

    public static IncomeResult Compute(IncomeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.LifeYears <= 0 || inputs.RevenueYuan < 0) return new IncomeResult([], 0m);
        var years = new List<IncomeYear>();
        var growth = 1 + (double)inputs.GrowthPercent / 100;
        var discount = 1 + (double)inputs.DiscountPercent / 100;
        var rate = inputs.RoyaltyPercent / 100m;
        var keep = 1 - inputs.TaxPercent / 100m;
        var count = (int)Math.Min(MaxYears, Math.Ceiling(inputs.LifeYears));
        for (var t = 1; t <= count; t++)
        {
            var share = Math.Min(1m, inputs.LifeYears - (t - 1));
            var revenue = inputs.RevenueYuan * (decimal)Math.Pow(growth, t - 1);
            var royalty = revenue * share * rate;
            var afterTax = royalty * keep;
            var factor = (decimal)(1 / Math.Pow(discount, (double)(t - 1 + share)));
            years.Add(new IncomeYear(t, share, Round(revenue), Round(royalty), Round(afterTax), decimal.Round(factor, 6), afterTax * factor));
        }
        var total = Round(years.Sum(y => y.PresentValueYuan));
        return new IncomeResult([.. years.Select(y => y with { PresentValueYuan = Round(y.PresentValueYuan) })], total);
    }

    internal static decimal Round(decimal yuan) => decimal.Round(yuan, 2, MidpointRounding.AwayFromZero);
}
