using Search.Indexer.Records;

namespace Marketplace.Web.Contests;

/// <summary>One criterion of a stage's rubric (评分标准): its weight in percent, the top of its scale and guidance for judges.</summary>
public sealed record Criterion(string Name, int Weight, int MaxScore = 10, string Guidance = "");

/// <summary>A stage's criteria; weights are whole percentages summing to 100.</summary>
public sealed record Rubric(IReadOnlyList<Criterion> Criteria)
{
    /// <summary>The criteria the issue lists (技术先进性, 重要性, 不可替代性, 市场规模及前景, 竞争力, 撰写质量, 布局).</summary>
    public static Rubric Default => new(
    [
        new("Technical advance", 20, 10, "How far beyond the state of the art is the solution?"),
        new("Importance", 15, 10, "Does the patent cover a key technology of the industry chain?"),
        new("Substitutability", 15, 10, "How hard is it to design around the claims?"),
        new("Market size and prospects", 15, 10, "How large and how fast-growing is the market?"),
        new("Competitiveness", 15, 10, "Does the patent give its owner an edge over competitors?"),
        new("Drafting quality", 10, 10, "Are the claims clear, well supported and of suitable scope?"),
        new("Portfolio layout", 10, 10, "Is there a family of patents protecting the technology around it?"),
    ]);

    public void Validate()
    {
        if (Criteria is null || Criteria.Count == 0) throw new ContestRuleException("A rubric needs at least one criterion.");
        if (Criteria.Any(c => string.IsNullOrWhiteSpace(c.Name))) throw new ContestRuleException("Every criterion needs a name.");
        if (Criteria.Select(c => c.Name.Trim()).Distinct(StringComparer.Ordinal).Count() != Criteria.Count)
            throw new ContestRuleException("Criterion names must be unique.");
        if (Criteria.Any(c => c.Weight <= 0)) throw new ContestRuleException("Every weight must be positive.");
        if (Criteria.Any(c => c.MaxScore is < 1 or > 100)) throw new ContestRuleException("A scale runs from 0 to between 1 and 100.");
        if (Criteria.Sum(c => c.Weight) != 100) throw new ContestRuleException("The weights must sum to 100.");
    }

    /// <summary>
    /// Reads one criterion per line, <c>name | weight | max score | guidance</c> (max score and guidance optional),
    /// as the operator types it; refuses malformed lines with the line number.
    /// </summary>
    public static Rubric Parse(string text)
    {
        var criteria = new List<Criterion>();
        var lines = (text ?? "").Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0) continue;
            var parts = lines[i].Split('|').Select(p => p.Trim()).ToArray();
            if (parts.Length < 2 || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var weight))
                throw new ContestRuleException("Line {0}: write name | weight | max score | guidance.", i + 1);
            var max = 10;
            if (parts.Length > 2 && parts[2].Length > 0 && !int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out max))
                throw new ContestRuleException("Line {0}: the max score must be a whole number.", i + 1);
            criteria.Add(new Criterion(parts[0], weight, max, parts.Length > 3 ? string.Join(" | ", parts[3..]) : ""));
        }
        var rubric = new Rubric(criteria);
        rubric.Validate();
        return rubric;
    }

    public string Format() => string.Join("\n", Criteria.Select(c => $"{c.Name} | {c.Weight} | {c.MaxScore} | {c.Guidance}"));
}

/// <summary>Who moves on from a stage: the best <see cref="TopN"/>, or everyone at or above <see cref="Threshold"/> (0–100 weighted score).</summary>
public sealed record Advancement(int? TopN, double? Threshold)
{
    public static Advancement Top(int n) => new(n, null);

    public static Advancement AtLeast(double score) => new(null, score);

    public void Validate()
    {
        if ((TopN is null) == (Threshold is null)) throw new ContestRuleException("Advance either the top N entries or those above a threshold.");
        if (TopN is < 1) throw new ContestRuleException("Advance at least one entry.");
        if (Threshold is < 0 or > 100) throw new ContestRuleException("The threshold is a score between 0 and 100.");
    }
}

/// <summary>
/// What an entry must satisfy to compete, checked automatically (<see cref="EligibilityChecker"/>). Every
/// rule is optional; the defaults ask for patents in force only.
/// </summary>
public sealed record EligibilityRules
{
    public bool RequireInForce { get; init; } = true;

    /// <summary>Allowed document types; empty means any.</summary>
    public IReadOnlyList<DocumentType> DocumentTypes { get; init; } = [];

    /// <summary>Text the applicant's address must contain for at least one applicant (e.g. 泉州); empty means anywhere.</summary>
    public string? RegionKeyword { get; init; }

    /// <summary>Allowed kinds of entrant; empty means any.</summary>
    public IReadOnlyList<Organizations.OrganizationType> OwnerTypes { get; init; } = [];

    public int MaxPatentsPerEntry { get; init; } = 10;

    public void Validate()
    {
        if (MaxPatentsPerEntry is < 1 or > 100) throw new ContestRuleException("An entry may have between 1 and 100 patents.");
        if (RegionKeyword is { Length: > 50 }) throw new ContestRuleException("The region may have at most 50 characters.");
        if (DocumentTypes.Any(t => !Enum.IsDefined(t) || t == DocumentType.Unknown)) throw new ContestRuleException("Unknown patent type.");
        if (OwnerTypes.Any(t => !Enum.IsDefined(t))) throw new ContestRuleException("Unknown organisation type.");
    }
}
