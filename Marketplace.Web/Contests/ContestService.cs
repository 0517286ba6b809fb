using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Localization;
using Marketplace.Web.Notifications;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Contests;

/// <summary>
/// A contest and its stages: set-up (stages, rubrics, awards), announcement, and its judges and observers (invitations,
/// conflicts of interest), over the database as unit of work. Entries, judging and observers' interests have services
/// of their own (<see cref="EntryService"/>, <see cref="JudgingService"/>, <see cref="ObserverService"/>). Operator-only
/// actions are guarded by the pages (operator policy); what depends on who the person is in the contest (judge,
/// observer, entrant) is enforced in the services as well, so no page can leak a score or accept a late change by mistake.
/// </summary>
public sealed class ContestService(
    MarketplaceDbContext db,
    AuditLog audit,
    EntryService entries,
    INotifier notifier,
    TimeProvider clock,
    DisplayTime time,
    IStringLocalizer<SharedResource> L)
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

    /// <summary>
    /// Changes the contest's name, description, groups and eligibility rules until entries close, checks every entry
    /// again under the new rules, and audits both, in one unit of work.
    /// </summary>
    public async Task<EligibilityRecheck> ChangeSettingsAsync(Contest contest, string name, string description, IEnumerable<string> groups, EligibilityRules rules)
    {
        var groupsWithEntries = await db.ContestEntries.Where(e => e.ContestId == contest.Id).Select(e => e.Group).Distinct().ToListAsync();
        contest.ChangeSettings(name, description, groups, rules, groupsWithEntries);
        var recheck = await entries.RecheckEligibilityAsync(contest);
        audit.Add(ContestAuditActions.SettingsChanged, null, contest.Name,
            $"groups={string.Join("/", contest.Groups)} region={rules.RegionKeyword} inForce={rules.RequireInForce} types={string.Join("/", rules.DocumentTypes)} "
            + $"entrants={string.Join("/", rules.OwnerTypes)}; eligible {recheck.EligibleBefore}->{recheck.EligibleAfter} of {recheck.Entries}");
        await db.SaveChangesAsync();
        return recheck;
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
            L["The invitation expires on {0}.", time.Show(participant.ExpiresAt)]]);
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
