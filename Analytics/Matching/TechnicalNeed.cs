using Search.Indexer.Records;

namespace Analytics.Matching;

/// <summary>
/// An enterprise's technical need (企业出题) as the matcher reads it: the problem in its own words
/// (Chinese or English), what it already knows (industry chain, IPC hints) and the limits on whose
/// patents it can use.
/// </summary>
public sealed record TechnicalNeed
{
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Industry chain id from the taxonomy (e.g. <c>new-energy</c>), when the author chose one.</summary>
    public string? ChainId { get; init; }
    /// <summary>IPC codes or prefixes the author (or an operator) knows apply, e.g. <c>H01M</c>.</summary>
    public IReadOnlyList<string> IpcHints { get; init; } = [];
    /// <summary>Structured elements the author confirmed or corrected; empty means "propose them from the text".</summary>
    public NeedElements? Elements { get; init; }
    public MatchFilters Filters { get; init; } = new();
}

/// <summary>Structured elements of a need (需求要素) that the product proposes from the text and the author can correct.</summary>
public sealed record NeedElements
{
    /// <summary>Materials (材料): 石墨烯, alloy …</summary>
    public IReadOnlyList<string> Materials { get; init; } = [];
    /// <summary>Methods or processes (方法/工艺).</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];
    /// <summary>Effects wanted (效果): 提高能量密度, reduce noise …</summary>
    public IReadOnlyList<string> Effects { get; init; } = [];
    /// <summary>Products (产品): 电池包, valve …</summary>
    public IReadOnlyList<string> Products { get; init; } = [];
    /// <summary>Applications or scenes (应用场景): 用于新能源汽车 …</summary>
    public IReadOnlyList<string> Applications { get; init; } = [];

    public IEnumerable<string> All => Materials.Concat(Methods).Concat(Effects).Concat(Products).Concat(Applications);

    public bool IsEmpty => !All.Any();
}

/// <summary>Whose patents, in which state and from where, the enterprise can use.</summary>
public sealed record MatchFilters
{
    /// <summary>Owner types (applicant type facet values: <c>university</c>, <c>company</c> …); empty for any.</summary>
    public IReadOnlyList<string> OwnerTypes { get; init; } = [];
    /// <summary>Legal statuses (facet values: <c>inForce</c>, <c>pending</c> …); empty for any.</summary>
    public IReadOnlyList<string> LegalStatuses { get; init; } = [];
    /// <summary>Region: a province code (国省代码, e.g. <c>35</c>) or a place name found in an applicant's address (e.g. 泉州).</summary>
    public string? Region { get; init; }

    public bool AcceptsRegion(PatentRecord record)
    {
        if (string.IsNullOrWhiteSpace(Region)) return true;
        var region = Region.Trim();
        if (region.All(char.IsAsciiDigit))
            return record.RegionCode is { } code && code.StartsWith(region, StringComparison.Ordinal);
        return record.Applicants.Any(a => a.Address?.Contains(region, StringComparison.Ordinal) == true);
    }
}
