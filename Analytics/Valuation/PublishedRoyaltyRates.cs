using System.Text.Json;

namespace Analytics.Valuation;

/// <summary>A published royalty-rate range for one industry, with the citation the report prints.</summary>
public sealed record PublishedRoyaltyRange(string IndustryId, string IndustryZh, string IndustryEn, decimal LowPercent, decimal HighPercent, string Source, string SourceEn)
{
    /// <summary>The middle of the range, the default rate taken from it.</summary>
    public decimal MidpointPercent => decimal.Round((LowPercent + HighPercent) / 2, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The small cited table of published royalty-rate ranges by industry (<c>royalty-rate-ranges.json</c>, its source in
/// <c>SOURCE-royalty-rate-ranges.txt</c>) and which range applies to each industry chain.
/// </summary>
public sealed class PublishedRoyaltyRates
{
    private readonly Dictionary<string, PublishedRoyaltyRange> _industries;
    private readonly Dictionary<string, string> _chains;
    private readonly string _fallback;

    private PublishedRoyaltyRates(Dictionary<string, PublishedRoyaltyRange> industries, Dictionary<string, string> chains, string fallback)
    {
        _industries = industries;
        _chains = chains;
        _fallback = fallback;
    }

    public IReadOnlyCollection<PublishedRoyaltyRange> Industries => _industries.Values;

    /// <summary>The chains the table maps, each to its industry's id.</summary>
    public IReadOnlyDictionary<string, string> Chains => _chains;

    /// <summary>The range for a chain; the fallback industry for no chain or one the table does not map.</summary>
    public PublishedRoyaltyRange For(string? chainId) =>
        _industries[chainId is not null && _chains.TryGetValue(chainId, out var industry) ? industry : _fallback];

    /// <summary>An industry's range by its id; the fallback industry's for an id the table no longer lists.</summary>
    public PublishedRoyaltyRange ForIndustry(string? industryId) =>
        industryId is not null && _industries.TryGetValue(industryId, out var range) ? range : _industries[_fallback];

    /// <summary>The table shipped inside the assembly.</summary>
    public static PublishedRoyaltyRates Shipped { get; } = Load();

    private static PublishedRoyaltyRates Load()
    {
        using var stream = typeof(PublishedRoyaltyRates).Assembly.GetManifestResourceStream("royalty-rate-ranges.json")
            ?? throw new InvalidOperationException("The royalty-rate table royalty-rate-ranges.json is not embedded in Analytics.");
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var source = root.GetProperty("source").GetString()!;
        var sourceEn = root.GetProperty("sourceEn").GetString()!;
        var industries = root.GetProperty("industries").EnumerateArray().Select(i => new PublishedRoyaltyRange(
            i.GetProperty("id").GetString()!, i.GetProperty("zh").GetString()!, i.GetProperty("en").GetString()!,
            i.GetProperty("lowPercent").GetDecimal(), i.GetProperty("highPercent").GetDecimal(), source, sourceEn)).ToDictionary(r => r.IndustryId, StringComparer.Ordinal);
        var chains = root.GetProperty("chains").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var fallback = root.GetProperty("fallback").GetString()!;
        var unknown = chains.Values.Append(fallback).Where(id => !industries.ContainsKey(id)).ToList();
        if (unknown.Count > 0) throw new InvalidOperationException("royalty-rate-ranges.json maps to industries it does not list: " + string.Join(", ", unknown));
        return new PublishedRoyaltyRates(industries, chains, fallback);
    }
}
