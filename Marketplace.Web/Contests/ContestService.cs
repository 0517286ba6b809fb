using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Localization;
using Marketplace.Web.Notifications;
using Marketplace.Web.Organizations;
using Marketplace.Web.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Contests;

/// <summary>
/// Contest use cases over the database as unit of work. Operator-only actions are guarded by the pages
/// (operator policy); what depends on who the person is in the contest (judge, observer, entrant) is
/// enforced here as well, so no page can leak a score or accept a late change by mistake.
/// </summary>
public sealed class ContestService(
    MarketplaceDbContext db,
    AuditLog audit,
    INotifier notifier,
    IPatentIndex index,
    IPatentOwnership ownership,
    IOptions<ContestOptions> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L,
    IEnumerable<IObserverInterestSink> interestSinks)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<Contest?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Contests.Include(c => c.Stages).Include(c => c.Participants).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Announced and finished contests for everyone; drafts too for operators.</summary>
    public async Task<IReadOnlyList<Contest>> ListAsync(bool includeDrafts, CancellationToken cancellationToken = default)
    {
        var query = db.Contests.Include(c => c.Stages).AsSplitQuery().AsNoTracking();
        if (!includeDrafts) query = query.Where(c => c.Status != ContestStatus.Draft);
        var list = await query.ToListAsync(cancellationToken);
        return list.OrderByDescending(c => c.CreatedAt).ToList();
    }

    /// <summary>
    /// A draft with the customary stages, each with the default rubric: 初赛, 复赛, 决赛 (three), 初赛 and 决赛 (two),
    /// or a single 决赛; each stage starts when the previous one's judging ends (two weeks, the final one week).
    /// </summary>
    public async Task<Contest> CreateAsync(Guid operatorId, string name, string description, IEnumerable<string> groups, EligibilityRules rules,
        DateTime firstDeadline, int advanceFromPreliminary = 10, int advanceFromSemiFinal = 5, int stageCount = 3)
    {
        if (firstDeadline <= Now) throw new ContestRuleException("The submission deadline must be in the future.");
        if (stageCount is < 1 or > 3) throw new ContestRuleException("A contest has one to three stages.");
        var contest = Contest.Create(name, description, groups, rules, operatorId, Now);
        string[] names = stageCount switch { 1 => ["Final"], 2 => ["Preliminary", "Final"], _ => ["Preliminary", "Semi-final", "Final"] };
        var start = firstDeadline;
        for (var i = 0; i < names.Length; i++)
        {
            var last = i == names.Length - 1;
            var ends = start.AddDays(last ? 7 : 14);
            contest.AddStage(names[i], start, ends, Rubric.Default, Advancement.Top(i == 0 ? advanceFromPreliminary : advanceFromSemiFinal));
            start = ends;
        }
        db.Contests.Add(contest);
        audit.Add(ContestAuditActions.Created, null, contest.Name, contest.Id.ToString());
        await db.SaveChangesAsync();
        return contest;
    }

    public async Task ChangeRubricAsync(Contest contest, Guid stageId, Rubric rubric)
    {
        contest.ChangeRubric(stageId, rubric);
        audit.Add(ContestAuditActions.RubricChanged, null, contest.Name, $"{contest.StageById(stageId).Name}: {string.Join("; ", rubric.Criteria.Select(c => $"{c.Name} {c.Weight}"))}");
        await db.SaveChangesAsync();
    }

    public async Task ConfigureAsync(Contest contest, bool normalize, int judgesPerEntry, int gold, int silver, int excellence)
    {
        contest.Configure(normalize, judgesPerEntry, gold, silver, excellence);
        audit.Add(ContestAuditActions.Configured, null, contest.Name, $"normalize={normalize} judges={judgesPerEntry} awards={gold}/{silver}/{excellence}");
        await db.SaveChangesAsync();
    }

    public async Task AnnounceAsync(Contest contest)
    {
        contest.Announce(Now);
        audit.Add(ContestAuditActions.Announced, null, contest.Name);
        await db.SaveChangesAsync();
    }

    public async Task<ContestParticipant> InviteAsync(Contest contest, MarketplaceUser inviter, string email, ParticipantRole role, Func<string, string> acceptLink)
    {
        var (participant, token) = contest.Invite(email, role, inviter.Id, Now);
        audit.Add(ContestAuditActions.Invited, null, participant.Email, $"{contest.Name}: {role}");
        await db.SaveChangesAsync();
        var roleName = L[role.Label()].Value;
        // E-mail only (the notifier's e-mail path): the invitee may have no account yet, and the link carries a token
        // that the database keeps only hashed, so it must not be stored in an in-app notice.
        await notifier.EmailAsync(participant.Email, L["Invitation to {0} as {1}", contest.Name, roleName], [
            L["Hello,"],
            L["{0} invites you to take part in {1} as {2}.", inviter.DisplayName, contest.Name, roleName],
            L["To accept, open this link (register first with this e-mail address if you have no account yet):"],
            acceptLink(token),
            L["The invitation expires on {0:yyyy-MM-dd} (UTC).", participant.ExpiresAt]]);
        return participant;
    }

    public async Task<(Contest Contest, ContestParticipant Participant)?> FindInvitationAsync(string token)
    {
        var hash = Organization.HashToken(token ?? "");
        var row = await db.ContestParticipants.AsNoTracking().FirstOrDefaultAsync(p => p.TokenHash == hash);
        if (row is null) return null;
        var contest = await FindAsync(row.ContestId);
        return contest is null ? null : (contest, contest.Participants.First(p => p.Id == row.Id));
    }

    public async Task AcceptAsync(Contest contest, ContestParticipant participant, MarketplaceUser user)
    {
        contest.Accept(participant, user.Id, user.Email!, user.CurrentOrganizationId, Now);
        audit.Add(ContestAuditActions.InvitationAccepted, user.CurrentOrganizationId, user.Email, $"{contest.Name}: {participant.Role}");
        await db.SaveChangesAsync();
    }

    public async Task DeclareConflictAsync(Contest contest, Guid judgeUserId, Guid organizationId)
    {
        var judge = contest.Judge(judgeUserId) ?? throw new ContestRuleException("Only judges declare conflicts of interest.");
        judge.DeclareConflict(organizationId);
        audit.Add(ContestAuditActions.ConflictDeclared, organizationId, judge.Email, contest.Name);
        await db.SaveChangesAsync();
    }

    // ---- Entries ----

    public Task<ContestEntry?> EntryAsync(Guid contestId, Guid entryId) =>
        db.ContestEntries.Include(e => e.Documents).FirstOrDefaultAsync(e => e.ContestId == contestId && e.Id == entryId);

    public Task<ContestEntry?> EntryOfAsync(Guid contestId, Guid organizationId) =>
        db.ContestEntries.Include(e => e.Documents).FirstOrDefaultAsync(e => e.ContestId == contestId && e.OrganizationId == organizationId);

    public async Task<IReadOnlyList<ContestEntry>> EntriesAsync(Guid contestId)
    {
        var list = await db.ContestEntries.Include(e => e.Documents).Where(e => e.ContestId == contestId).AsNoTracking().ToListAsync();
        return list.OrderBy(e => e.FinalRank ?? int.MaxValue).ThenBy(e => e.CreatedAt).ToList();
    }

    /// <summary>Only members of a verified university, research institute or enterprise enter, for their organisation.</summary>
    public async Task<ContestEntry> SaveEntryAsync(Contest contest, Organization organization, Guid userId, string group, string title, string summary, string team, string patentNumbers)
    {
        if (organization.MemberOf(userId) is null) throw new ContestRuleException("Only members of the organisation can enter for it.");
        if (organization.Verification != VerificationStatus.Verified) throw new ContestRuleException("Only verified organisations can enter.");
        if (organization.Type is not (OrganizationType.University or OrganizationType.ResearchInstitute or OrganizationType.Enterprise))
            throw new ContestRuleException("Only universities, research institutes and enterprises can enter.");
        var ids = await ResolvePatentsAsync(patentNumbers);
        var entry = await EntryOfAsync(contest.Id, organization.Id);
        var isNew = entry is null;
        entry ??= ContestEntry.Create(contest, organization.Id, organization.Name, userId, Now);
        entry.Edit(contest, group, title, summary, team, ids, Now);
        await CheckEligibilityAsync(contest, organization, entry);
        if (isNew) db.ContestEntries.Add(entry);
        audit.Add(isNew ? ContestAuditActions.EntrySubmitted : ContestAuditActions.EntryChanged, organization.Id, entry.Title,
            $"{contest.Name}: {string.Join(",", entry.PatentIds)}; eligible={entry.Eligible}");
        await db.SaveChangesAsync();
        return entry;
    }

    /// <summary>Patent numbers as people write them (one per line or comma), looked up in the index; unknown ones keep their text so the check can say so.</summary>
    private async Task<List<string>> ResolvePatentsAsync(string text)
    {
        var tokens = (text ?? "").Split(['\n', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (tokens.Count > 100) throw new ContestRuleException("An entry may have at most {0} patents.", 100);
        var ids = new List<string>();
        foreach (var token in tokens)
        {
            if (token.Length > 40) throw new ContestRuleException("{0} is not a patent number.", token[..40]);
            var found = await index.LookupAsync(token);
            var record = found.FirstOrDefault(r => r.Stage == PublicationStage.Grant) ?? (found.Count > 0 ? found[0] : null);
            ids.Add(record?.Id ?? token.ToUpperInvariant());
        }
        return ids;
    }

    private async Task CheckEligibilityAsync(Contest contest, Organization organization, ContestEntry entry)
    {
        var records = await index.GetManyAsync(entry.PatentIds);
        var patents = new List<(string, PatentRecord?, OwnershipAnswer?)>();
        foreach (var id in entry.PatentIds)
        {
            var record = records.GetValueOrDefault(id);
            patents.Add((id, record, record is null ? null : await ownership.CheckAsync(organization, record)));
        }
        entry.RecordEligibility(EligibilityChecker.Check(contest.Rules, organization, patents, entry.Documents.Select(d => d.Kind).ToList()));
    }

    public async Task<EntryDocument> AttachDocumentAsync(Contest contest, Organization organization, ContestEntry entry, Guid userId, EntryDocumentKind kind, string fileName, byte[] content)
    {
        if (organization.MemberOf(userId) is null || entry.OrganizationId != organization.Id)
            throw new ContestRuleException("Only members of the organisation can enter for it.");
        ContestEntry.ValidatePdf(content);
        var replaced = entry.Documents.FirstOrDefault(d => d.Kind == kind);
        var storedName = PdfUploads.NewName();
        var document = entry.AttachDocument(contest, kind, fileName, content, storedName, userId, Now);
        var folder = DocumentFolder(contest.Id);
        await PdfUploads.SaveAsync(folder, storedName, content);
        if (replaced is not null) db.Remove(replaced);
        await CheckEligibilityAsync(contest, organization, entry);
        audit.Add(ContestAuditActions.DocumentAttached, organization.Id, document.FileName, $"{contest.Name}: {kind}, {content.Length} bytes");
        await db.SaveChangesAsync();
        if (replaced is not null) File.Delete(Path.Combine(folder, replaced.StoredName));
        return document;
    }

    public async Task<byte[]?> ReadDocumentAsync(Guid contestId, EntryDocument document)
    {
        var path = Path.Combine(DocumentFolder(contestId), Path.GetFileName(document.StoredName));
        return File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
    }

    private string DocumentFolder(Guid contestId) => Path.Combine(options.Value.DocumentsPath, contestId.ToString("N"));

    // ---- Judging ----

    /// <summary>Closes submissions of the current stage and assigns its entries to judges (balanced, no conflicts).</summary>
    public async Task<JudgeAssigner.Plan> StartJudgingAsync(Contest contest)
    {
        var stage = contest.StartJudging(Now);
        var entries = (await db.ContestEntries.Where(e => e.ContestId == contest.Id && e.Eligible && e.StageReached >= stage.Order && e.EliminatedAtStage == null).ToListAsync())
            .Select(e => (e.Id, e.OrganizationId)).ToList();
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

    public Task<bool> IsMemberAsync(Guid organizationId, Guid userId) =>
        db.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == userId);

    /// <summary>An entry's documents are for its organisation's members, operators and the judges assigned to it.</summary>
    public async Task<bool> MaySeeEntryAsync(ContestEntry entry, Guid? userId, bool isOperator) =>
        isOperator || (userId is { } id && (await IsMemberAsync(entry.OrganizationId, id) || await IsAssignedAsync(entry.ContestId, entry.Id, id)));

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

    // ---- Observers ----

    public async Task<ObserverInterest> TagInterestAsync(Contest contest, Guid observerUserId, Guid entryId, string tags, string note)
    {
        if (contest.Observer(observerUserId) is null) throw new ContestRuleException("Only the contest's observers tag interest.");
        var entry = await db.ContestEntries.AsNoTracking().FirstOrDefaultAsync(e => e.ContestId == contest.Id && e.Id == entryId && e.Eligible)
            ?? throw new ContestRuleException("The entry is not part of this contest.");
        var interest = await db.ObserverInterests.FirstOrDefaultAsync(i => i.EntryId == entryId && i.ObserverUserId == observerUserId);
        if (interest is null) db.ObserverInterests.Add(interest = new ObserverInterest(contest.Id, entryId, observerUserId, tags, note, Now));
        else interest.Change(tags, note, Now);
        audit.Add(ContestAuditActions.InterestTagged, null, entryId.ToString(), $"{contest.Name}: {interest.Tags}", userId: observerUserId);
        await db.SaveChangesAsync();
        foreach (var sink in interestSinks) await sink.InterestTaggedAsync(interest, entry);
        return interest;
    }

    public async Task<IReadOnlyList<ObserverInterest>> InterestsAsync(Guid contestId, Guid? observerUserId = null)
    {
        var query = db.ObserverInterests.AsNoTracking().Where(i => i.ContestId == contestId);
        if (observerUserId is { } id) query = query.Where(i => i.ObserverUserId == id);
        return await query.OrderBy(i => i.CreatedAt).ToListAsync();
    }

    /// <summary>The operators' lead list: one row per interest, with who, which entry and organisation, and how to reach the observer.</summary>
    public async Task<IReadOnlyList<Lead>> LeadsAsync(Contest contest)
    {
        var interests = await InterestsAsync(contest.Id);
        var entries = (await EntriesAsync(contest.Id)).ToDictionary(e => e.Id);
        var people = await PeopleAsync(interests.Select(i => i.ObserverUserId));
        return interests.Select(i => new Lead(contest.Name, entries[i.EntryId].Title, entries[i.EntryId].OrganizationName, string.Join(" ", entries[i.EntryId].PatentIds),
            people.GetValueOrDefault(i.ObserverUserId).Name ?? "", people.GetValueOrDefault(i.ObserverUserId).Email ?? "", i.Tags, i.Note, i.UpdatedAt)).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, (string Name, string Email)>> PeopleAsync(IEnumerable<Guid> userIds)
    {
        var ids = userIds.Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync();
        return people.ToDictionary(p => p.Id, p => (p.DisplayName, p.Email ?? ""));
    }

    /// <summary>The patents of entries with the analytics labels judges see (value index, high value, chain).</summary>
    public async Task<IReadOnlyDictionary<string, PatentRecord>> PatentsAsync(IEnumerable<string> ids) =>
        await index.GetManyAsync(ids.Distinct(StringComparer.Ordinal).ToList());

    /// <summary>Contests in which the person is a judge or an observer.</summary>
    public async Task<IReadOnlyList<(Contest Contest, ParticipantRole Role)>> ParticipationsAsync(Guid userId)
    {
        var rows = await db.ContestParticipants.AsNoTracking().Where(p => p.UserId == userId).Select(p => new { p.ContestId, p.Role }).ToListAsync();
        var result = new List<(Contest, ParticipantRole)>();
        foreach (var row in rows)
            if (await FindAsync(row.ContestId) is { } contest) result.Add((contest, row.Role));
        return result;
    }
}

/// <summary>An observer's interest as a lead for brokering.</summary>
public sealed record Lead(string Contest, string Entry, string Organization, string Patents, string Observer, string ObserverEmail, string Tags, string Note, DateTime At);

public sealed class ContestOptions
{
    public const string Section = "Contests";

    /// <summary>Where entry documents are kept: outside the web root, default <c>$PATENT_DATA_DIR/contest-documents</c>.</summary>
    public string DocumentsPath { get; set; } = Path.Combine(Search.Indexer.DataFolders.Root, "contest-documents");
}

public static class ContestAuditActions
{
    public const string Created = "contest.created";
    public const string Configured = "contest.configured";
    public const string RubricChanged = "contest.rubric-changed";
    public const string Announced = "contest.announced";
    public const string Invited = "contest.invited";
    public const string InvitationAccepted = "contest.invitation-accepted";
    public const string ConflictDeclared = "contest.conflict-declared";
    public const string EntrySubmitted = "contest.entry-submitted";
    public const string EntryChanged = "contest.entry-changed";
    public const string DocumentAttached = "contest.document-attached";
    public const string JudgingStarted = "contest.judging-started";
    public const string ScoreGiven = "contest.score-given";
    public const string ScoreChanged = "contest.score-changed";
    public const string StageClosed = "contest.stage-closed";
    public const string ResultsPublished = "contest.results-published";
    public const string InterestTagged = "contest.interest-tagged";
}
