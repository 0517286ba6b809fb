namespace Marketplace.Web.Contests;

/// <summary>A judge's task: score this entry in this stage.</summary>
public sealed class JudgeAssignment
{
    // For EF Core.
    private JudgeAssignment()
    {
    }

    public JudgeAssignment(Guid contestId, Guid stageId, Guid entryId, Guid judgeUserId, DateTime assignedAt)
    {
        Id = Guid.CreateVersion7();
        ContestId = contestId;
        StageId = stageId;
        EntryId = entryId;
        JudgeUserId = judgeUserId;
        AssignedAt = assignedAt;
    }

    public Guid Id { get; private set; }

    public Guid ContestId { get; private set; }

    public Guid StageId { get; private set; }

    public Guid EntryId { get; private set; }

    public Guid JudgeUserId { get; private set; }

    public DateTime AssignedAt { get; private set; }
}

/// <summary>One criterion's mark with the judge's comment.</summary>
public sealed record CriterionScore(string Criterion, int Value, string Comment = "");

/// <summary>A judge's scores of one entry in one stage; changed only while the stage is being judged (every change audited).</summary>
public sealed class Score
{
    // For EF Core.
    private Score()
    {
    }

    public Score(Guid contestId, Guid stageId, Guid entryId, Guid judgeUserId, DateTime now)
    {
        Id = Guid.CreateVersion7();
        ContestId = contestId;
        StageId = stageId;
        EntryId = entryId;
        JudgeUserId = judgeUserId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ContestId { get; private set; }

    public Guid StageId { get; private set; }

    public Guid EntryId { get; private set; }

    public Guid JudgeUserId { get; private set; }

    public List<CriterionScore> Items { get; private set; } = [];

    public string Comment { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Checks every criterion of the rubric is scored once, within its scale.</summary>
    public void Set(Rubric rubric, IReadOnlyList<CriterionScore> items, string? comment, DateTime now)
    {
        foreach (var criterion in rubric.Criteria)
        {
            var matches = items.Where(i => i.Criterion == criterion.Name).ToList();
            if (matches.Count != 1) throw new ContestRuleException("Score every criterion once: {0}.", criterion.Name);
            if (matches[0].Value < 0 || matches[0].Value > criterion.MaxScore)
                throw new ContestRuleException("{0} is scored from 0 to {1}.", criterion.Name, criterion.MaxScore);
            if (matches[0].Comment.Length > 2000) throw new ContestRuleException("A comment may have at most 2000 characters.");
        }
        if (items.Count != rubric.Criteria.Count) throw new ContestRuleException("Score only the rubric's criteria.");
        if ((comment ?? "").Length > 4000) throw new ContestRuleException("A comment may have at most 2000 characters.");
        Items = [.. items.Select(i => i with { Comment = i.Comment.Trim() })];
        Comment = (comment ?? "").Trim();
        UpdatedAt = now;
    }

    /// <summary>The weighted score on 0–100: Σ weight × value / max.</summary>
    public double Weighted(Rubric rubric) => ScoreCalculator.Weighted(rubric, Items);
}
