using System.ComponentModel.DataAnnotations;
using Analytics.Valuation;
using Marketplace.Web.Localization;
using Marketplace.Web.Valuation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Valuation;

/// <summary>The valuation form: every input, blank allowed while typing (a blank number is refused on its field).</summary>
public sealed class ValuationInput
{
    [Display(Name = "Purpose")]
    public ValuationPurpose Purpose { get; set; }

    [Display(Name = "Valuation date")]
    public DateOnly? ValuationDate { get; set; }

    [Display(Name = "Revenue base, first year (yuan)")]
    public decimal? RevenueYuan { get; set; }

    [Display(Name = "Revenue growth per year (%)")]
    public decimal? GrowthPercent { get; set; }

    [Display(Name = "Royalty rate (% of revenue)")]
    public decimal? RoyaltyPercent { get; set; }

    [Display(Name = "Income tax rate (%)")]
    public decimal? TaxPercent { get; set; }

    [Display(Name = "Discount rate (%)")]
    public decimal? DiscountPercent { get; set; }

    [Display(Name = "Remaining economic life (years)")]
    public decimal? LifeYears { get; set; }

    [Display(Name = "Official and agency fees (yuan)")]
    public decimal? FeesYuan { get; set; }

    [Display(Name = "Research and development cost (yuan)")]
    public decimal? ResearchCostYuan { get; set; }

    [Display(Name = "Obsolescence (%)")]
    public decimal? ObsolescencePercent { get; set; }

    [Display(Name = "Adjustment of comparables (%)")]
    public decimal? MarketAdjustmentPercent { get; set; }

    [Display(Name = "Conclusion rests on")]
    public ValuationApproach Basis { get; set; }

    public static ValuationInput From(ValuationTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new()
        {
            Purpose = terms.Purpose,
            ValuationDate = terms.ValuationDate,
            RevenueYuan = terms.RevenueYuan,
            GrowthPercent = terms.GrowthPercent,
            RoyaltyPercent = terms.RoyaltyPercent,
            TaxPercent = terms.TaxPercent,
            DiscountPercent = terms.DiscountPercent,
            LifeYears = terms.LifeYears,
            FeesYuan = terms.FeesYuan,
            ResearchCostYuan = terms.ResearchCostYuan,
            ObsolescencePercent = terms.ObsolescencePercent,
            MarketAdjustmentPercent = terms.MarketAdjustmentPercent,
            Basis = terms.Basis,
        };
    }

    /// <summary>
    /// The terms, with every problem added to <paramref name="modelState"/> under its field (blank fields, then the
    /// terms' own checks against what the statute leaves); null when there is a problem.
    /// </summary>
    public ValuationTerms? ToTerms(ModelStateDictionary modelState, IStringLocalizer<SharedResource> L, decimal statutoryYearsLeft, bool hasComparables)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(L);
        // The binder's own messages are English and name no field; the blank check below says it in the page's language.
        foreach (var key in modelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList()) modelState[key]!.Errors.Clear();
        var numbers = new (string Field, decimal? Value)[]
        {
            (nameof(RevenueYuan), RevenueYuan), (nameof(GrowthPercent), GrowthPercent), (nameof(RoyaltyPercent), RoyaltyPercent), (nameof(TaxPercent), TaxPercent),
            (nameof(DiscountPercent), DiscountPercent), (nameof(LifeYears), LifeYears), (nameof(FeesYuan), FeesYuan), (nameof(ResearchCostYuan), ResearchCostYuan),
            (nameof(ObsolescencePercent), ObsolescencePercent), (nameof(MarketAdjustmentPercent), MarketAdjustmentPercent),
        };
        foreach (var (field, value) in numbers.Where(n => n.Value is null))
            modelState.AddModelError($"Input.{field}", L["Enter a number."]);
        if (ValuationDate is null) modelState.AddModelError($"Input.{nameof(ValuationDate)}", L["Give the valuation date."]);
        if (!modelState.IsValid) return null;
        var terms = new ValuationTerms
        {
            Purpose = Purpose,
            ValuationDate = ValuationDate!.Value,
            RevenueYuan = RevenueYuan!.Value,
            GrowthPercent = GrowthPercent!.Value,
            RoyaltyPercent = RoyaltyPercent!.Value,
            TaxPercent = TaxPercent!.Value,
            DiscountPercent = DiscountPercent!.Value,
            LifeYears = LifeYears!.Value,
            FeesYuan = FeesYuan!.Value,
            ResearchCostYuan = ResearchCostYuan!.Value,
            ObsolescencePercent = ObsolescencePercent!.Value,
            MarketAdjustmentPercent = MarketAdjustmentPercent!.Value,
            Basis = Basis,
        };
        foreach (var (field, message, arguments) in PatentValuation.Problems(terms, statutoryYearsLeft, hasComparables))
            modelState.AddModelError($"Input.{field}", L[message, arguments]);
        return modelState.IsValid ? terms : null;
    }
}
