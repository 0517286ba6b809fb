namespace Analytics.Valuation;

/// <summary>What kind of transaction a comparable was.</summary>
public enum ComparableKind
{
    /// <summary>A licence taken on the platform (its fee).</summary>
    License,
    /// <summary>A transfer of the patent right (its price).</summary>
    Transfer,
}

/// <summary>One transaction on the platform that may be compared with the subject.</summary>
/// <param name="Reference">The transaction's own reference (an order or contract number).</param>
/// <param name="PriceYuan">What was paid for all its patents.</param>
/// <param name="PatentCount">How many patents it covered (the price is shared equally).</param>
/// <param name="RemainingYears">Statutory years its patents had left on the transaction day, when known.</param>
public sealed record ComparableTransaction(string Reference, ComparableKind Kind, string PatentId, string Title, DateOnly Date, decimal PriceYuan, int PatentCount, decimal? RemainingYears, string? ChainId);

/// <summary>A comparable after adjustment to the subject.</summary>
/// <param name="PerPatentYuan">The price shared over its patents.</param>
/// <param name="LifeFactor">Subject's remaining years ÷ the comparable's (1 when the comparable's are unknown), kept between 0.5 and 2.</param>
/// <param name="AdjustedYuan">Per patent × life factor × (1 + adjustment) × the subject's patent count.</param>
public sealed record AdjustedComparable(ComparableTransaction Source, decimal PerPatentYuan, decimal LifeFactor, decimal AdjustedYuan);

/// <summary>The comparables as adjusted, and their lowest, median and highest value (null when there are none).</summary>
public sealed record MarketResult(IReadOnlyList<AdjustedComparable> Comparables, decimal? LowYuan, decimal? MedianYuan, decimal? HighYuan)
{
    public bool HasComparables => Comparables.Count > 0;
}

/// <summary>
/// The market approach (市场法): prices of comparable transactions on the platform, each shared over its patents,
/// scaled by remaining life (a patent with half the life left earns for half as long) and by one stated adjustment
/// for everything else (a non-exclusive licence fee against ownership, dates, scope), then summarised by the median.
/// </summary>
public static class MarketApproach
{
    public const decimal MinLifeFactor = 0.5m, MaxLifeFactor = 2m;

    public static MarketResult Compute(IReadOnlyList<ComparableTransaction> comparables, decimal subjectRemainingYears, int subjectPatentCount, decimal adjustmentPercent)
    {
        ArgumentNullException.ThrowIfNull(comparables);
        var adjusted = comparables.Where(c => c.PriceYuan > 0 && c.PatentCount > 0).Select(c =>
        {
            var perPatent = c.PriceYuan / c.PatentCount;
            var factor = c.RemainingYears is { } left and > 0
                ? Math.Clamp(decimal.Round(subjectRemainingYears / left, 4, MidpointRounding.AwayFromZero), MinLifeFactor, MaxLifeFactor)
                : 1m;
            var value = perPatent * factor * (1 + adjustmentPercent / 100m) * Math.Max(1, subjectPatentCount);
            return new AdjustedComparable(c, ReliefFromRoyalty.Round(perPatent), factor, ReliefFromRoyalty.Round(value));
        }).OrderBy(a => a.AdjustedYuan).ToList();
        if (adjusted.Count == 0) return new MarketResult([], null, null, null);
        return new MarketResult(adjusted, adjusted[0].AdjustedYuan, Median(adjusted.Select(a => a.AdjustedYuan).ToList()), adjusted[^1].AdjustedYuan);
    }

    /// <summary>The middle value of a list (the mean of the two middle ones for an even count); the list need not be sorted.</summary>
    public static decimal Median(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
