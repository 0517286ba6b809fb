using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Contests;

/// <summary>
/// Judging a contest's stages: assigning entries to judges, their scores (only the assigned judge, only while the stage
/// is judged, each change audited), who sees which scores, the ranking, advancing or awarding at a stage's close, and
/// publishing the results.
/// </summary>
public sealed class JudgingService(MarketplaceDbContext db, AuditLog audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Closes submissions of the current stage and assigns its entries to judges (balanced, no conflicts).</summary>
    public async Task<JudgeAssigner.Plan> StartJudgingAsync(Contest contest)
    {
        // Counted before the stage changes, so a refusal leaves the contest untouched: judging nothing would freeze the
        // entries for good with no one to score.
        var order = contest.CurrentStage?.Order ?? 0;
        var entries = (await db.ContestEntries.Where(e => e.ContestId == contest.Id && e.Eligible && e.StageReached >= order && e.EliminatedAtStage == null).ToListAsync())
            .Select(e => (e.Id, e.OrganizationId)).ToList();
        if (entries.Count == 0 && contest.Status == ContestStatus.Announced && contest.CurrentStage is not null)
            throw new ContestRuleException("No entry is eligible yet, so submissions stay open: judging needs at least one eligible entry.");
        var stage = contest.StartJudging(Now);
        var judges = contest.ActiveJudges.Select(j => new JudgeAssigner.Candidate(j.UserId!.Value, j.ConflictsWith)).ToList();
        var plan = JudgeAssigner.Assign(entries, judges, contest.JudgesPerEntry);
        foreach (var (entryId, judgeId) in plan.Assignments)
            db.JudgeAssignments.Add(new JudgeAssignment(contest.Id, stage.Id, entryId, judgeId, Now));
        audit.Add(ContestAuditActions.JudgingStarted, null, contest.Name, $"{stage.Name}: {entries.Count} entries, {judges.Count} judges, {plan.Assignments.Count} assignments, {plan.Understaffed.Count} understaffed");
        await db.SaveChangesAsync();
        return plan;
    }

    public Task<bool> IsAssignedAsync(Guid contestId, Guid entryId, Guid judgeUserId) =>
        db.JudgeAssignments.AnyAsync(a => a.ContestId == contestId && a.EntryId == entryId && a.JudgeUserId == judgeUserId);

    public async Task<IReadOnlyList<JudgeAssignment>> AssignmentsAsync(Guid contestId, Guid stageId, Guid? judgeUserId = null)
    {
        var query = db.JudgeAssignments.AsNoTracking().Where(a => a.ContestId == contestId && a.StageId == stageId);
        if (judgeUserId is { } judge) query = query.Where(a => a.JudgeUserId == judge);
        return await query.ToListAsync();
    }

    /// <summary>
    /// Records or changes a judge's scores: only the assigned judge, only while the stage is being judged.
    /// Every change goes into the audit log with the values before and after.
    /// </summary>
    public async Task<Score> ScoreAsync(Contest contest, Guid judgeUserId, Guid entryId, IReadOnlyList<CriterionScore> items, string? comment)
    {
        var stage = contest.CurrentStage;
        if (stage is not { Status: StageStatus.Judging }) throw new ContestRuleException("Scores can be given only while the stage is being judged.");
        if (!await db.JudgeAssignments.AnyAsync(a => a.StageId == stage.Id && a.EntryId == entryId && a.JudgeUserId == judgeUserId))
            throw new ContestRuleException("You are not assigned to this entry.");
        var score = await db.ContestScores.FirstOrDefaultAsync(s => s.StageId == stage.Id && s.EntryId == entryId && s.JudgeUserId == judgeUserId);
        var before = score is null ? "-" : Describe(score.Items);
        if (score is null)
        {
            score = new Score(contest.Id, stage.Id, entryId, judgeUserId, Now);
            db.ContestScores.Add(score);
        }
        score.Set(stage.Rubric, items, comment, Now);
        audit.Add(before == "-" ? ContestAuditActions.ScoreGiven : ContestAuditActions.ScoreChanged, null, entryId.ToString(),
            $"{contest.Name} / {stage.Name}: {before} -> {Describe(score.Items)} = {score.Weighted(stage.Rubric):0.##}", userId: judgeUserId);
        await db.SaveChangesAsync();
        return score;
    }

    private static string Describe(IEnumerable<CriterionScore> items) => string.Join(" ", items.Select(i => $"{i.Criterion}={i.Value}"));

    /// <summary>
    /// The scores of an entry in a stage that <paramref name="viewerId"/> may see: operators all of them; a
    /// judge only their own until the stage is closed, then everyone's; anyone else none.
    /// </summary>
    public async Task<IReadOnlyList<Score>> VisibleScoresAsync(Contest contest, ContestStage stage, Guid entryId, Guid? viewerId, bool viewerIsOperator)
    {
        var query = db.ContestScores.AsNoTracking().Where(s => s.StageId == stage.Id && s.EntryId == entryId);
        if (viewerIsOperator) return await query.ToListAsync();
        if (viewerId is not { } id || contest.Judge(id) is null) return [];
        if (stage.Status != StageStatus.Closed) query = query.Where(s => s.JudgeUserId == id);
        return await query.ToListAsync();
    }

    public async Task<IReadOnlyList<RankedEntry>> RankingAsync(Contest contest, ContestStage stage)
    {
        var entries = await db.ContestEntries.AsNoTracking()
            .Where(e => e.ContestId == contest.Id && e.Eligible && e.StageReached >= stage.Order && (e.EliminatedAtStage == null || e.EliminatedAtStage >= stage.Order))
            .Select(e => new { e.Id, e.CreatedAt }).ToListAsync();
        var scores = await db.ContestScores.AsNoTracking().Where(s => s.StageId == stage.Id).ToListAsync();
        return ScoreCalculator.Rank(stage.Rubric, scores, entries.ToDictionary(e => e.Id, e => e.CreatedAt), contest.NormalizePerJudge);
    }

    /// <summary>Closes the stage being judged: ranks it and advances the top N or those above the threshold; after the last stage, ranks and awards.</summary>
    public async Task<IReadOnlyList<RankedEntry>> CloseStageAsync(Contest contest)
    {
        var stage = contest.CurrentStage is { Status: StageStatus.Judging } s ? s : throw new ContestRuleException("Only a stage being judged can be closed.");
        var ranking = await RankingAsync(contest, stage);
        contest.CloseCurrentStage(Now);
        var entries = await db.ContestEntries.Where(e => e.ContestId == contest.Id).ToListAsync();
        var isLast = contest.CurrentStage is null;
        var advancing = isLast ? ranking.Where(r => r.Judges > 0).Select(r => r.EntryId).ToHashSet() : ScoreCalculator.Advancing(ranking, stage.Advancement);
        foreach (var r in ranking)
        {
            var entry = entries.First(e => e.Id == r.EntryId);
            if (!advancing.Contains(r.EntryId)) entry.Eliminate(stage.Order);
            else if (!isLast) entry.Advance(stage.Order + 1);
            else entry.Rank(r.Rank, ScoreCalculator.AwardFor(r.Rank, contest.GoldAwards, contest.SilverAwards, contest.ExcellenceAwards));
        }
        audit.Add(ContestAuditActions.StageClosed, null, contest.Name, $"{stage.Name}: {ranking.Count} ranked, {advancing.Count} {(isLast ? "ranked finally" : "advance")}");
        await db.SaveChangesAsync();
        // The next stage opens for judging at once: the finalists are known.
        if (!isLast) await StartJudgingAsync(contest);
        return ranking;
    }

    public async Task PublishResultsAsync(Contest contest)
    {
        contest.PublishResults(Now);
        audit.Add(ContestAuditActions.ResultsPublished, null, contest.Name);
        await db.SaveChangesAsync();
    }
}
