namespace Marketplace.Web.Licensing;

/// <summary>How the licence fee is paid (许可使用费支付方式).</summary>
public enum FeeKind
{
    /// <summary>免费.</summary>
    Free,
    /// <summary>一次性总付: one lump sum.</summary>
    LumpSum,
    /// <summary>提成: a percentage of sales or of profit, optionally with an annual minimum.</summary>
    Royalty,
    /// <summary>入门费 + 提成.</summary>
    EntryFeePlusRoyalty,
}

/// <summary>What a royalty is a percentage of.</summary>
public enum RoyaltyBase
{
    Sales,
    Profit,
}

/// <summary>The fee standard of a declaration, in yuan (RMB). Guards its own consistency; the caps are guidance (warnings).</summary>
public sealed record LicenseFee
{
    /// <summary>Guidance caps (CNIPA's open-licence fee guidance): above them the declaration warns.</summary>
    public const decimal LumpSumCapYuan = 20_000_000m;
    public const decimal SalesRoyaltyCapPercent = 20m;
    public const decimal ProfitRoyaltyCapPercent = 40m;

    public FeeKind Kind { get; init; }

    /// <summary>The lump sum (LumpSum) or the entry fee (EntryFeePlusRoyalty).</summary>
    public decimal? AmountYuan { get; init; }

    public decimal? RoyaltyPercent { get; init; }

    public RoyaltyBase? RoyaltyBase { get; init; }

    /// <summary>Optional minimum royalty per licence year.</summary>
    public decimal? AnnualMinimumYuan { get; init; }

    public static LicenseFee Free() => new() { Kind = FeeKind.Free };

    public static LicenseFee LumpSum(decimal yuan) => new() { Kind = FeeKind.LumpSum, AmountYuan = yuan };

    public static LicenseFee Royalty(decimal percent, RoyaltyBase of, decimal? annualMinimum = null) =>
        new() { Kind = FeeKind.Royalty, RoyaltyPercent = percent, RoyaltyBase = of, AnnualMinimumYuan = annualMinimum };

    public static LicenseFee EntryPlusRoyalty(decimal entryYuan, decimal percent, RoyaltyBase of, decimal? annualMinimum = null) =>
        new() { Kind = FeeKind.EntryFeePlusRoyalty, AmountYuan = entryYuan, RoyaltyPercent = percent, RoyaltyBase = of, AnnualMinimumYuan = annualMinimum };

    /// <summary>What must be paid when the licence is taken (lump sum or entry fee); 0 for free and royalty-only.</summary>
    public decimal UpfrontYuan => Kind is FeeKind.LumpSum or FeeKind.EntryFeePlusRoyalty ? AmountYuan ?? 0 : 0;

    public bool HasRoyalty => Kind is FeeKind.Royalty or FeeKind.EntryFeePlusRoyalty;

    /// <summary>Errors (the fee is not a fee) and warnings (above the guidance caps).</summary>
    public IEnumerable<(bool IsError, LicensingMessage Message)> Check()
    {
        if (!Enum.IsDefined(Kind)) { yield return (true, new("fee.kind", "Choose how the licence fee is paid.")); yield break; }
        if (Kind is FeeKind.LumpSum or FeeKind.EntryFeePlusRoyalty)
        {
            if (AmountYuan is not { } amount || amount <= 0)
                yield return (true, new("fee.amount", Kind == FeeKind.LumpSum ? "Give the lump sum in yuan (more than 0)." : "Give the entry fee in yuan (more than 0)."));
            else if (decimal.Round(amount, 2) != amount)
                yield return (true, new("fee.amount", "Amounts are in yuan with at most two decimals."));
            else if (amount > LumpSumCapYuan)
                yield return (false, new("fee.cap", "The fee of {0:N2} yuan is above the guidance cap of 20,000,000 yuan for a lump sum.", amount));
        }
        else if (AmountYuan is not null and not 0)
        {
            yield return (true, new("fee.amount", "This payment method takes no lump sum or entry fee."));
        }

        if (HasRoyalty)
        {
            if (RoyaltyBase is not { } basis || !Enum.IsDefined(basis))
                yield return (true, new("fee.base", "Say whether the royalty is a percentage of sales or of profit."));
            if (RoyaltyPercent is not { } percent || percent <= 0 || percent > 100)
                yield return (true, new("fee.rate", "Give the royalty rate as a percentage above 0 and at most 100."));
            else if (RoyaltyBase == Licensing.RoyaltyBase.Sales && percent > SalesRoyaltyCapPercent)
                yield return (false, new("fee.cap", "The royalty of {0}% of sales is above the guidance cap of 20%.", percent));
            else if (RoyaltyBase == Licensing.RoyaltyBase.Profit && percent > ProfitRoyaltyCapPercent)
                yield return (false, new("fee.cap", "The royalty of {0}% of profit is above the guidance cap of 40%.", percent));
            if (AnnualMinimumYuan is < 0)
                yield return (true, new("fee.minimum", "The annual minimum cannot be negative."));
        }
        else if (RoyaltyPercent is not null || AnnualMinimumYuan is not null)
        {
            yield return (true, new("fee.rate", "This payment method takes no royalty."));
        }
    }

    /// <summary>The royalty due for a period's reported sales or profit, before any annual minimum.</summary>
    public decimal RoyaltyOn(decimal reportedYuan) =>
        HasRoyalty && RoyaltyPercent is { } p ? decimal.Round(reportedYuan * p / 100m, 2, MidpointRounding.AwayFromZero) : 0m;
}
