using Marketplace.Web.Auditing;
using Marketplace.Web.Contests;
using Marketplace.Web.Data;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Contests;

/// <summary>The contest use cases on the real site's database and index: entries, judging, visibility, advancement, awards, leads.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class ContestServiceTests(SqliteSite site)
{
    private readonly ContestArrangement _arrange = new(site);

    [Fact]
    public async Task An_entry_is_checked_for_ownership_status_region_and_documents_and_its_PDFs_are_kept_outside_the_web_root()
    {
        var university = await _arrange.UniversityAsync("泉州资格大学");
        var member = await _arrange.PersonAsync("entrant", university);
        var owned = await _arrange.PatentAsync(university);
        var lapsed = await _arrange.PatentAsync(university, status: LegalStatus.Lapsed);
        var someoneElses = await _arrange.PatentAsync(await _arrange.UniversityAsync("别的大学"));
        var contestId = await _arrange.ContestAsync([]);

        var entryId = await _arrange.EntryAsync(contestId, university, member, "陶瓷项目", owned, lapsed, someoneElses, "CN000000001A");

        await _arrange.WithServicesAsync(async svc =>
        {
            var entry = (await svc.Entries.EntryAsync(contestId, entryId))!;
            Assert.False(entry.Eligible);
            var failed = entry.EligibilityReasons.Where(r => !r.Passed).Select(r => (r.Key, r.Argument)).ToList();
            Assert.Equal([("{0} is not in force.", lapsed), ("{0} is not owned by the organisation.", someoneElses), ("{0} is not in the patent index.", "CN000000001A")], failed);
            Assert.Contains(entry.EligibilityReasons, r => r is { Passed: true, Key: "{0}: an applicant's address is in the region." } && r.Argument == owned);
            Assert.Contains(entry.EligibilityReasons, r => r is { Passed: true, Key: "Attached: {0}." } && r.Argument == nameof(EntryDocumentKind.BusinessPlan));
        });

        var documents = site.Services.GetRequiredService<IOptions<ContestOptions>>().Value.DocumentsPath;
        var stored = Directory.GetFiles(Path.Combine(documents, contestId.ToString("N")));
        Assert.Equal(2, stored.Length);
        Assert.All(stored, f => Assert.StartsWith("%PDF-", File.ReadAllText(f), StringComparison.Ordinal));
        Assert.DoesNotContain("wwwroot", documents, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entering_needs_a_verified_organisation_and_a_member_of_it()
    {
        var university = await _arrange.UniversityAsync("泉州成员大学");
        var outsider = await _arrange.PersonAsync("outsider");
        var contestId = await _arrange.ContestAsync([]);
        var patent = await _arrange.PatentAsync(university);

        var refused = await Assert.ThrowsAsync<ContestRuleException>(() => _arrange.EntryAsync(contestId, university, outsider, "项目", patent));
        Assert.Equal("Only members of the organisation can enter for it.", refused.Message);

        await _arrange.WithServicesAsync(async (svc, services) =>
        {
            var enterprise = await services.GetRequiredService<MarketplaceDbContext>().Organizations.Include(o => o.Members)
                .SingleAsync(o => o.CreditCode == Marketplace.Web.Demo.DemoData.EnterpriseCode.Value);
            var contest = (await svc.Contests.FindAsync(contestId))!;
            var ex = await Assert.ThrowsAsync<ContestRuleException>(() => svc.Entries.SaveEntryAsync(contest, enterprise,
                enterprise.Members.First().UserId, "发明创业组", "t", "s", "", patent));
            Assert.Equal("Only verified organisations can enter.", ex.Message);
            return 0;
        });
    }

    [Fact]
    public async Task A_judge_is_never_assigned_an_entry_of_their_own_or_a_declared_conflicting_organisation()
    {
        var ownUniversity = await _arrange.UniversityAsync("泉州本校");
        var declaredUniversity = await _arrange.UniversityAsync("泉州申报冲突大学");
        var thirdUniversity = await _arrange.UniversityAsync("泉州第三大学");
        var insider = await _arrange.PersonAsync("insider-judge", ownUniversity);
        var declaring = await _arrange.PersonAsync("declaring-judge");
        var free = await _arrange.PersonAsync("free-judge");
        var contestId = await _arrange.ContestAsync([insider, declaring, free], judgesPerEntry: 2);
        var own = await _arrange.EntryAsync(contestId, ownUniversity, await _arrange.PersonAsync("m1", ownUniversity), "本校项目", await _arrange.PatentAsync(ownUniversity));
        var declared = await _arrange.EntryAsync(contestId, declaredUniversity, await _arrange.PersonAsync("m2", declaredUniversity), "冲突项目", await _arrange.PatentAsync(declaredUniversity));
        var third = await _arrange.EntryAsync(contestId, thirdUniversity, await _arrange.PersonAsync("m3", thirdUniversity), "第三项目", await _arrange.PatentAsync(thirdUniversity));

        var assignments = await _arrange.WithServicesAsync(async (svc, _) =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            await svc.Contests.DeclareConflictAsync(contest, declaring.Id, declaredUniversity.Id);
            var plan = await svc.Judging.StartJudgingAsync(contest);
            Assert.Empty(plan.Understaffed);
            return await svc.Judging.AssignmentsAsync(contestId, contest.FirstStage.Id);
        });

        Assert.DoesNotContain(assignments, a => a.EntryId == own && a.JudgeUserId == insider.Id);
        Assert.DoesNotContain(assignments, a => a.EntryId == declared && a.JudgeUserId == declaring.Id);
        Assert.Equal(6, assignments.Count);
        Assert.All(new[] { own, declared, third }, e => Assert.Equal(2, assignments.Count(a => a.EntryId == e)));
        Assert.All(new[] { insider, declaring, free }, j => Assert.Equal(2, assignments.Count(a => a.JudgeUserId == j.Id)));
    }

    [Fact]
    public async Task A_judge_sees_only_their_own_scores_until_the_stage_closes_and_every_change_is_audited()
    {
        var (contestId, judges, entries) = await JudgedContestAsync(entryCount: 2);
        var entry = entries[0];

        await _arrange.WithServicesAsync(async svc =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            await svc.Judging.ScoreAsync(contest, judges[0].Id, entry, ContestArrangement.Marks(8), "好");
            await svc.Judging.ScoreAsync(contest, judges[0].Id, entry, ContestArrangement.Marks(9), "更好");
            await svc.Judging.ScoreAsync(contest, judges[1].Id, entry, ContestArrangement.Marks(4), "一般");

            var stage = contest.CurrentStage!;
            var seenByFirst = await svc.Judging.VisibleScoresAsync(contest, stage, entry, judges[0].Id, viewerIsOperator: false);
            var seenBySecond = await svc.Judging.VisibleScoresAsync(contest, stage, entry, judges[1].Id, viewerIsOperator: false);
            var seenByStranger = await svc.Judging.VisibleScoresAsync(contest, stage, entry, Guid.NewGuid(), viewerIsOperator: false);
            var seenByOperator = await svc.Judging.VisibleScoresAsync(contest, stage, entry, null, viewerIsOperator: true);
            Assert.Equal([judges[0].Id], seenByFirst.Select(s => s.JudgeUserId));
            Assert.Equal([judges[1].Id], seenBySecond.Select(s => s.JudgeUserId));
            Assert.Empty(seenByStranger);
            Assert.Equal(2, seenByOperator.Count);
        });

        await _arrange.WithServicesAsync(async (svc, services) =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            var first = contest.FirstStage;
            foreach (var other in entries.Skip(1))
                foreach (var judge in judges)
                    await svc.Judging.ScoreAsync(contest, judge.Id, other, ContestArrangement.Marks(5), null);
            await svc.Judging.CloseStageAsync(contest);
            var afterClose = await svc.Judging.VisibleScoresAsync(contest, first, entry, judges[1].Id, viewerIsOperator: false);
            Assert.Equal(2, afterClose.Count);

            // Scoring now goes to the next stage: the first stage's scores are final.
            await svc.Judging.ScoreAsync(contest, judges[0].Id, entry, ContestArrangement.Marks(1), null);
            var firstStageScore = (await svc.Judging.VisibleScoresAsync(contest, first, entry, judges[0].Id, viewerIsOperator: false)).Single(s => s.JudgeUserId == judges[0].Id);
            Assert.All(firstStageScore.Items, i => Assert.Equal(9, i.Value));
            Assert.NotEqual(first.Id, contest.CurrentStage!.Id);

            var audit = await services.GetRequiredService<MarketplaceDbContext>().AuditEntries.AsNoTracking()
                .Where(a => a.Subject == entry.ToString()).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal([ContestAuditActions.ScoreGiven, ContestAuditActions.ScoreChanged, ContestAuditActions.ScoreGiven, ContestAuditActions.ScoreGiven], audit.Select(a => a.Action));
            Assert.Contains("Technical advance=8", audit[1].Detail, StringComparison.Ordinal);
            Assert.Contains("-> Technical advance=9", audit[1].Detail, StringComparison.Ordinal);
            Assert.Equal(judges[0].Id, audit[1].UserId);
            return 0;
        });
    }

    [Fact]
    public async Task Only_the_assigned_judge_scores_and_only_while_the_stage_is_judged()
    {
        var (contestId, judges, entries) = await JudgedContestAsync(entryCount: 1, judgeCount: 2, judgesPerEntry: 1);
        await _arrange.WithServicesAsync(async svc =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            var assigned = (await svc.Judging.AssignmentsAsync(contestId, contest.CurrentStage!.Id)).Single();
            var unassigned = judges.Single(j => j.Id != assigned.JudgeUserId);
            var ex = await Assert.ThrowsAsync<ContestRuleException>(() => svc.Judging.ScoreAsync(contest, unassigned.Id, entries[0], ContestArrangement.Marks(5), null));
            Assert.Equal("You are not assigned to this entry.", ex.Message);
            var outOfScale = await Assert.ThrowsAsync<ContestRuleException>(() => svc.Judging.ScoreAsync(contest, assigned.JudgeUserId, entries[0], ContestArrangement.Marks(11), null));
            Assert.Equal("{0} is scored from 0 to {1}.", outOfScale.Message);
        });
    }

    [Fact]
    public async Task Closing_stages_advances_the_top_entries_then_ranks_and_awards_the_finalists()
    {
        var (contestId, judges, entries) = await JudgedContestAsync(entryCount: 3);
        int[][] preliminary = [[9], [6], [7]]; // entry 0 best, entry 1 worst: entries 0 and 2 advance (top 2)
        await _arrange.WithServicesAsync(async svc =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            for (var e = 0; e < entries.Count; e++)
                foreach (var judge in judges)
                    await svc.Judging.ScoreAsync(contest, judge.Id, entries[e], ContestArrangement.Marks(preliminary[e]), null);
            var ranking = await svc.Judging.CloseStageAsync(contest);
            Assert.Equal([entries[0], entries[2], entries[1]], ranking.Select(r => r.EntryId));
            Assert.Equal(90, ranking[0].Score, 6);
        });

        await _arrange.WithServicesAsync(async svc =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            Assert.Equal("Semi-final", contest.CurrentStage!.Name);
            Assert.Equal(StageStatus.Judging, contest.CurrentStage.Status);
            var second = await svc.Judging.AssignmentsAsync(contestId, contest.CurrentStage.Id);
            Assert.Equal(new[] { entries[0], entries[2] }.Order(), second.Select(a => a.EntryId).Distinct().Order());
            var eliminated = (await svc.Entries.EntryAsync(contestId, entries[1]))!;
            Assert.Equal(1, eliminated.EliminatedAtStage);

            // Semi-final and final: entry 2 overtakes entry 0.
            foreach (var _ in new[] { "semi-final", "final" })
            {
                contest = (await svc.Contests.FindAsync(contestId))!;
                foreach (var judge in judges)
                {
                    await svc.Judging.ScoreAsync(contest, judge.Id, entries[0], ContestArrangement.Marks(6), null);
                    await svc.Judging.ScoreAsync(contest, judge.Id, entries[2], ContestArrangement.Marks(8), null);
                }
                await svc.Judging.CloseStageAsync(contest);
            }
            contest = (await svc.Contests.FindAsync(contestId))!;
            Assert.Null(contest.CurrentStage);
            await svc.Judging.PublishResultsAsync(contest);

            var winner = (await svc.Entries.EntryAsync(contestId, entries[2]))!;
            var runnerUp = (await svc.Entries.EntryAsync(contestId, entries[0]))!;
            Assert.Equal((1, Award.Gold), (winner.FinalRank!.Value, winner.Award!.Value));
            Assert.Equal((2, Award.Silver), (runnerUp.FinalRank!.Value, runnerUp.Award!.Value));
            Assert.Null((await svc.Entries.EntryAsync(contestId, entries[1]))!.Award);
        });
    }

    [Fact]
    public async Task Observers_interest_becomes_an_exportable_lead_list()
    {
        var investor = await _arrange.PersonAsync("investor");
        var (contestId, _, entries) = await JudgedContestAsync(entryCount: 1, observers: [investor]);
        await _arrange.WithServicesAsync(async (svc, services) =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            await Assert.ThrowsAsync<ContestRuleException>(() => svc.Observers.TagInterestAsync(contest, Guid.NewGuid(), entries[0], "投资", ""));
            Assert.Equal("Give at least one interest tag.", (await Assert.ThrowsAsync<ContestRuleException>(() => svc.Observers.TagInterestAsync(contest, investor.Id, entries[0], " , ", ""))).Message);
            await svc.Observers.TagInterestAsync(contest, investor.Id, entries[0], "投资，入园", "A 轮");
            await svc.Observers.TagInterestAsync(contest, investor.Id, entries[0], "投资, 许可", "=HYPERLINK(\"x\")");

            var leads = await svc.Observers.LeadsAsync(contest);
            var lead = Assert.Single(leads);
            Assert.Equal(("投资, 许可", investor.Email), (lead.Tags, lead.ObserverEmail));

            var exports = services.GetRequiredService<ContestExports>();
            var csv = System.Text.Encoding.UTF8.GetString(exports.Leads(contest, leads, "csv"));
            Assert.Contains(investor.Email!, csv, StringComparison.Ordinal);
            Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal); // formulas defused
            using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(exports.Leads(contest, leads, "xlsx")));
            Assert.Equal(lead.Entry, workbook.Worksheets.First().Cell(2, 1).GetString());
            Assert.Equal("投资, 许可", workbook.Worksheets.First().Cell(2, 6).GetString());
            return 0;
        });
    }

    [Fact]
    public async Task Closing_submissions_with_no_eligible_entry_is_refused_and_the_stage_stays_open()
    {
        var contestId = await _arrange.ContestAsync([await _arrange.PersonAsync("idle-judge")]);
        var university = await _arrange.UniversityAsync("泉州无资格大学");
        var lapsed = await _arrange.PatentAsync(university, status: LegalStatus.Lapsed);
        await _arrange.EntryAsync(contestId, university, await _arrange.PersonAsync("ineligible-entrant", university), "失效专利项目", lapsed);

        await _arrange.WithServicesAsync(async svc =>
        {
            var refused = await Assert.ThrowsAsync<ContestRuleException>(async () => await svc.Judging.StartJudgingAsync((await svc.Contests.FindAsync(contestId))!));
            Assert.Equal("No entry is eligible yet, so submissions stay open: judging needs at least one eligible entry.", refused.Message);
        });
        await _arrange.WithServicesAsync(async svc =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            Assert.Equal(StageStatus.Open, contest.FirstStage.Status);
            Assert.Empty(await svc.Judging.AssignmentsAsync(contestId, contest.FirstStage.Id));
        });
    }

    /// <summary>A contest with <paramref name="entryCount"/> eligible entries of different universities, judging started.</summary>
    private async Task<(Guid Contest, IReadOnlyList<Marketplace.Web.Accounts.MarketplaceUser> Judges, IReadOnlyList<Guid> Entries)> JudgedContestAsync(
        int entryCount, int judgeCount = 2, int judgesPerEntry = 2, IReadOnlyList<Marketplace.Web.Accounts.MarketplaceUser>? observers = null)
    {
        var judges = new List<Marketplace.Web.Accounts.MarketplaceUser>();
        for (var i = 0; i < judgeCount; i++) judges.Add(await _arrange.PersonAsync($"judge{i}"));
        var contestId = await _arrange.ContestAsync(judges, observers, judgesPerEntry);
        var entries = new List<Guid>();
        for (var i = 0; i < entryCount; i++)
        {
            var university = await _arrange.UniversityAsync($"泉州参赛大学{i}-");
            entries.Add(await _arrange.EntryAsync(contestId, university, await _arrange.PersonAsync($"entrant{i}", university), $"项目{i}", await _arrange.PatentAsync(university)));
        }
        await _arrange.WithServicesAsync(async svc => await svc.Judging.StartJudgingAsync((await svc.Contests.FindAsync(contestId))!));
        return (contestId, judges, entries);
    }
}
