using Analytics.Valuation;

namespace Marketplace.Web.Valuation;

/// <summary>What the valuation supports: pledge financing (质押融资) or a capital contribution (作价出资入股).</summary>
public enum ValuationPurpose
{
    PledgeFinancing,
    CapitalContribution,
}

/// <summary>
/// Every input of a valuation, as the form shows and edits them. Percentages are written as percent (5 = 5 %), money
/// in yuan. <see cref="Check"/> names the field of each problem with an English message (a UI string key).
/// </summary>
public sealed record ValuationTerms
{
    public const decimal MaxYuan = 1_000_000_000_000m;
    public const decimal MaxDiscountPercent = 50m, MaxRoyaltyPercent = 50m;

    public ValuationPurpose Purpose { get; init; }

    /// <summary>基准日: the day the remaining life is counted from.</summary>
    public DateOnly ValuationDate { get; init; }

    public decimal RevenueYuan { get; init; }

    public decimal GrowthPercent { get; init; }

    public decimal RoyaltyPercent { get; init; }

    public decimal TaxPercent { get; init; }

    public decimal DiscountPercent { get; init; }

    public decimal LifeYears { get; init; }

    public decimal FeesYuan { get; init; }

    public decimal ResearchCostYuan { get; init; }

    public decimal ObsolescencePercent { get; init; }

    public decimal MarketAdjustmentPercent { get; init; }

    public ValuationApproach Basis { get; init; }

    /// <summary>The problems of these inputs, each with the form field it belongs to; <paramref name="lifeCap"/> is what the statute leaves.</summary>
    public IEnumerable<(string Field, string Message, object[] Arguments)> Check(decimal lifeCap, bool hasComparables)
    {
        if (!Enum.IsDefined(Purpose)) yield return (nameof(Purpose), "Choose what the valuation supports.", []);
        if (RevenueYuan < 0 || RevenueYuan > MaxYuan) yield return (nameof(RevenueYuan), "Give the revenue base in yuan (0 or more).", []);
        if (GrowthPercent < -50m || GrowthPercent > 100m) yield return (nameof(GrowthPercent), "The growth rate must be between -50% and 100%.", []);
        if (RoyaltyPercent <= 0 || RoyaltyPercent > MaxRoyaltyPercent) yield return (nameof(RoyaltyPercent), "The royalty rate must be more than 0% and at most 50%.", []);
        if (TaxPercent < 0 || TaxPercent >= 100m) yield return (nameof(TaxPercent), "The tax rate must be at least 0% and below 100%.", []);
        if (DiscountPercent <= 0 || DiscountPercent > MaxDiscountPercent) yield return (nameof(DiscountPercent), "The discount rate must be more than 0% and at most 50%.", []);
        if (LifeYears <= 0 || LifeYears > lifeCap)
            yield return (nameof(LifeYears), "The economic life must be more than 0 years and at most the {0} years the statute leaves.", [lifeCap]);
        if (FeesYuan < 0 || FeesYuan > MaxYuan) yield return (nameof(FeesYuan), "Costs are 0 yuan or more.", []);
        if (ResearchCostYuan < 0 || ResearchCostYuan > MaxYuan) yield return (nameof(ResearchCostYuan), "Costs are 0 yuan or more.", []);
        if (ObsolescencePercent < 0 || ObsolescencePercent > 100m) yield return (nameof(ObsolescencePercent), "Obsolescence must be between 0% and 100%.", []);
        if (MarketAdjustmentPercent < -90m || MarketAdjustmentPercent > 500m) yield return (nameof(MarketAdjustmentPercent), "The market adjustment must be between -90% and 500%.", []);
        if (!Enum.IsDefined(Basis)) yield return (nameof(Basis), "Choose the approach the conclusion rests on.", []);
        else if (Basis == ValuationApproach.Market && !hasComparables)
            yield return (nameof(Basis), "There are no comparable transactions: choose the income or cost approach for the conclusion.", []);
    }

    /// <summary>The inputs that differ from <paramref name="before"/>, each as its label (a UI string key) with both values as shown.</summary>
    public IReadOnlyList<ValuationChange> ChangesFrom(ValuationTerms before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var changes = new List<ValuationChange>();
        void Compare<T>(string label, T was, T now, Func<T, string> show)
        {
            if (!EqualityComparer<T>.Default.Equals(was, now)) changes.Add(new ValuationChange(label, show(was), show(now)));
        }
        Compare(ValuationLabels.Purpose, before.Purpose, Purpose, ValuationLabels.Of);
        Compare(ValuationLabels.ValuationDate, before.ValuationDate, ValuationDate, d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Compare(ValuationLabels.Revenue, before.RevenueYuan, RevenueYuan, ValuationFormat.Yuan);
        Compare(ValuationLabels.Growth, before.GrowthPercent, GrowthPercent, ValuationFormat.Percent);
        Compare(ValuationLabels.Royalty, before.RoyaltyPercent, RoyaltyPercent, ValuationFormat.Percent);
        Compare(ValuationLabels.Tax, before.TaxPercent, TaxPercent, ValuationFormat.Percent);
        Compare(ValuationLabels.Discount, before.DiscountPercent, DiscountPercent, ValuationFormat.Percent);
        Compare(ValuationLabels.Life, before.LifeYears, LifeYears, ValuationFormat.Years);
        Compare(ValuationLabels.Fees, before.FeesYuan, FeesYuan, ValuationFormat.Yuan);
        Compare(ValuationLabels.Research, before.ResearchCostYuan, ResearchCostYuan, ValuationFormat.Yuan);
        Compare(ValuationLabels.Obsolescence, before.ObsolescencePercent, ObsolescencePercent, ValuationFormat.Percent);
        Compare(ValuationLabels.MarketAdjustment, before.MarketAdjustmentPercent, MarketAdjustmentPercent, ValuationFormat.Percent);
        Compare(ValuationLabels.Basis, before.Basis, Basis, ValuationLabels.Of);
        return changes;
    }
}

/// <summary>One input that changed on save: its label (a UI string key) and its value before and after, as shown.</summary>
public sealed record ValuationChange(string Label, string Before, string After);

/// <summary>The inputs' labels: English UI string keys, shared by the form, the change list and the report.</summary>
public static class ValuationLabels
{
    public const string Purpose = "Purpose";
    public const string ValuationDate = "Valuation date";
    public const string Revenue = "Revenue base, first year (yuan)";
    public const string Growth = "Revenue growth per year (%)";
    public const string Royalty = "Royalty rate (% of revenue)";
    public const string Tax = "Income tax rate (%)";
    public const string Discount = "Discount rate (%)";
    public const string Life = "Remaining economic life (years)";
    public const string Fees = "Official and agency fees (yuan)";
    public const string Research = "Research and development cost (yuan)";
    public const string Obsolescence = "Obsolescence (%)";
    public const string MarketAdjustment = "Adjustment of comparables (%)";
    public const string Basis = "Conclusion rests on";

    /// <summary>Enum values as UI string keys.</summary>
    public static string Of(ValuationPurpose purpose) => purpose == ValuationPurpose.PledgeFinancing ? "Pledge financing" : "Capital contribution";

    public static string Of(ValuationApproach approach) => approach switch
    {
        ValuationApproach.Income => "Income approach (relief from royalty)",
        ValuationApproach.Market => "Market approach (comparable transactions)",
        _ => "Cost approach (replacement cost)",
    };
}

/// <summary>Numbers as the change list and the report write them (invariant digits, grouped thousands).</summary>
public static class ValuationFormat
{
    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    public static string Yuan(decimal yuan) => "¥" + yuan.ToString("N2", Invariant);

    public static string Percent(decimal percent) => percent.ToString("0.##", Invariant) + "%";

    public static string Years(decimal years) => years.ToString("0.##", Invariant);
}
