using Marketplace.Web.Contests;
using Marketplace.Web.Demo;
using Marketplace.Web.Organizations;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Contests;

/// <summary>Shared arrangements for the pure contest rules.</summary>
internal static class ContestFixtures
{
    public static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    public static Contest Contest(EligibilityRules? rules = null, Advancement? first = null)
    {
        var contest = Marketplace.Web.Contests.Contest.Create("泉州市高价值专利培育大赛", "说明", ["发明创业组", "发明成长组"], rules ?? new EligibilityRules(), Guid.NewGuid(), Now);
        contest.AddStage("Preliminary", Now.AddDays(10), Now.AddDays(20), Rubric.Default, first ?? Advancement.Top(2));
        contest.AddStage("Final", Now.AddDays(20), Now.AddDays(30), Rubric.Default, Advancement.Top(1));
        return contest;
    }

    public static Organization Organization(OrganizationType type = OrganizationType.University, bool verified = true, string name = "泉州示范大学")
    {
        var organization = Marketplace.Web.Organizations.Organization.Create(name, type, DemoData.UniversityCode, Guid.NewGuid(), Now);
        if (verified)
        {
            organization.AttachDocument("licence.pdf", "application/pdf", [1], Guid.NewGuid(), Now);
            organization.SubmitForVerification(Now);
            organization.Verify(Guid.NewGuid(), Now);
        }
        return organization;
    }

    public static PatentRecord Patent(string number, LegalStatus status = LegalStatus.InForce, DocumentType type = DocumentType.Invention, string address = "福建省泉州市丰泽区")
        => new()
        {
            PublicationNumber = PatentNumber.Parse(number),
            LegalStatus = status,
            DocumentType = type,
            Applicants = [new Party { Name = "泉州示范大学", Address = address }],
        };

    public static byte[] Pdf => "%PDF-1.4\n%test\n"u8.ToArray();
}

public sealed class RubricTests
{
    [Fact]
    public void The_default_rubric_has_the_seven_criteria_and_weights_summing_to_100()
    {
        Rubric.Default.Validate();
        Assert.Equal(7, Rubric.Default.Criteria.Count);
        Assert.Equal(100, Rubric.Default.Criteria.Sum(c => c.Weight));
    }

    [Fact]
    public void Weights_that_do_not_sum_to_100_are_refused()
    {
        var ex = Assert.Throws<ContestRuleException>(() => new Rubric([new("A", 60), new("B", 30)]).Validate());
        Assert.Equal("The weights must sum to 100.", ex.Message);
    }

    [Theory]
    [InlineData("A | x | 10", "Line {0}: write name | weight | max score | guidance.")]
    [InlineData("A | 50 | ten", "Line {0}: the max score must be a whole number.")]
    [InlineData("A | 50\nA | 50", "Criterion names must be unique.")]
    [InlineData("A | 0\nB | 100", "Every weight must be positive.")]
    public void A_typed_rubric_is_refused_with_a_specific_reason(string text, string reason)
    {
        var ex = Assert.Throws<ContestRuleException>(() => Rubric.Parse(text));
        Assert.Equal(reason, ex.Message);
    }

    [Fact]
    public void A_typed_rubric_reads_name_weight_scale_and_guidance_and_round_trips()
    {
        var rubric = Rubric.Parse("技术先进性 | 60 | 5 | 与现有技术相比\n市场前景 | 40");
        Assert.Equal(new Criterion("技术先进性", 60, 5, "与现有技术相比"), rubric.Criteria[0]);
        Assert.Equal(new Criterion("市场前景", 40, 10, ""), rubric.Criteria[1]);
        Assert.Equal(rubric.Criteria, Rubric.Parse(rubric.Format()).Criteria);
    }

    [Fact]
    public void Weighted_score_is_the_sum_of_weight_times_value_over_scale()
    {
        var rubric = new Rubric([new("A", 70, 10), new("B", 30, 5)]);
        Assert.Equal(70 * 0.8 + 30 * 0.4, ScoreCalculator.Weighted(rubric, [new("A", 8), new("B", 2)]), 6);
        Assert.Equal(100, ScoreCalculator.Weighted(rubric, [new("A", 10), new("B", 5)]), 6);
    }

    [Fact]
    public void A_score_must_cover_every_criterion_within_its_scale()
    {
        var rubric = new Rubric([new("A", 70, 10), new("B", 30, 5)]);
        var score = new Score(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ContestFixtures.Now);
        Assert.Equal("Score every criterion once: {0}.", Assert.Throws<ContestRuleException>(() => score.Set(rubric, [new("A", 5)], null, ContestFixtures.Now)).Message);
        var outOfScale = Assert.Throws<ContestRuleException>(() => score.Set(rubric, [new("A", 5), new("B", 6)], null, ContestFixtures.Now));
        Assert.Equal(["B", 5], outOfScale.Arguments);
        Assert.Equal("Score only the rubric's criteria.", Assert.Throws<ContestRuleException>(() => score.Set(rubric, [new("A", 5), new("B", 1), new("C", 1)], null, ContestFixtures.Now)).Message);
        score.Set(rubric, [new("A", 5, " 清楚 "), new("B", 5)], "总体良好", ContestFixtures.Now);
        Assert.Equal("清楚", score.Items[0].Comment);
        Assert.Equal(65, score.Weighted(rubric), 6);
    }
}

public sealed class ContestLifecycleTests
{
    [Fact]
    public void Stages_must_follow_each_other_and_judging_ends_after_the_deadline()
    {
        var contest = Contest.Create("C", "", ["G"], new EligibilityRules(), Guid.NewGuid(), ContestFixtures.Now);
        Assert.Throws<ContestRuleException>(() => contest.AddStage("S", ContestFixtures.Now.AddDays(5), ContestFixtures.Now.AddDays(5), Rubric.Default, Advancement.Top(1)));
        contest.AddStage("S1", ContestFixtures.Now.AddDays(5), ContestFixtures.Now.AddDays(10), Rubric.Default, Advancement.Top(1));
        var ex = Assert.Throws<ContestRuleException>(() => contest.AddStage("S2", ContestFixtures.Now.AddDays(8), ContestFixtures.Now.AddDays(12), Rubric.Default, Advancement.Top(1)));
        Assert.Equal("A stage starts after the previous stage's judging ends.", ex.Message);
    }

    [Fact]
    public void Advancement_is_either_top_n_or_a_threshold()
    {
        Assert.Throws<ContestRuleException>(() => new Advancement(3, 60).Validate());
        Assert.Throws<ContestRuleException>(() => new Advancement(null, null).Validate());
        Assert.Throws<ContestRuleException>(() => Advancement.AtLeast(120).Validate());
        Advancement.Top(3).Validate();
        Advancement.AtLeast(60).Validate();
    }

    [Fact]
    public void Entries_are_editable_until_the_deadline_and_frozen_afterwards()
    {
        var contest = ContestFixtures.Contest();
        Assert.Throws<ContestRuleException>(() => ContestEntry.Create(contest, Guid.NewGuid(), "U", Guid.NewGuid(), ContestFixtures.Now)); // still a draft
        contest.Announce(ContestFixtures.Now);
        var entry = ContestEntry.Create(contest, Guid.NewGuid(), "U", Guid.NewGuid(), ContestFixtures.Now);
        entry.Edit(contest, "发明创业组", "项目", "摘要", "团队", ["CN1A"], ContestFixtures.Now.AddDays(9));

        var late = ContestFixtures.Now.AddDays(10);
        var ex = Assert.Throws<ContestRuleException>(() => entry.Edit(contest, "发明创业组", "改", "摘要", "团队", ["CN1A"], late));
        Assert.Equal("Entries can no longer be changed: the submission deadline has passed.", ex.Message);
        Assert.Throws<ContestRuleException>(() => entry.AttachDocument(contest, EntryDocumentKind.BusinessPlan, "p.pdf", ContestFixtures.Pdf, "x.pdf", Guid.NewGuid(), late));
        Assert.Equal("项目", entry.Title);
    }

    [Fact]
    public void Entries_freeze_as_soon_as_judging_starts_even_before_the_deadline()
    {
        var contest = ContestFixtures.Contest();
        contest.Announce(ContestFixtures.Now);
        var entry = ContestEntry.Create(contest, Guid.NewGuid(), "U", Guid.NewGuid(), ContestFixtures.Now);
        contest.StartJudging(ContestFixtures.Now.AddDays(1));
        Assert.Throws<ContestRuleException>(() => entry.Edit(contest, "发明创业组", "改", "摘要", "", ["CN1A"], ContestFixtures.Now.AddDays(2)));
    }

    [Theory]
    [InlineData("%PDF-1.7 rest", null)]
    [InlineData("<html>%PDF-", "Only PDF documents are accepted.")]
    [InlineData("PK\u0003\u0004", "Only PDF documents are accepted.")]
    [InlineData("", "The document is empty.")]
    public void Documents_are_accepted_as_PDF_by_their_content(string content, string? error)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(content);
        if (error is null) ContestEntry.ValidatePdf(bytes);
        else Assert.Equal(error, Assert.Throws<ContestRuleException>(() => ContestEntry.ValidatePdf(bytes)).Message);
    }

    [Fact]
    public void Documents_over_10_MB_are_refused()
    {
        var big = new byte[ContestEntry.MaxDocumentBytes + 1];
        "%PDF-"u8.CopyTo(big);
        Assert.Equal("A document may have at most 10 MB.", Assert.Throws<ContestRuleException>(() => ContestEntry.ValidatePdf(big)).Message);
    }

    [Fact]
    public void An_invitation_is_accepted_only_by_its_addressee_while_open_and_once()
    {
        var contest = ContestFixtures.Contest();
        var (invitation, token) = contest.Invite("Judge@Example.org", ParticipantRole.Judge, Guid.NewGuid(), ContestFixtures.Now);
        Assert.Equal(Organization.HashToken(token), invitation.TokenHash);
        Assert.Throws<ContestRuleException>(() => contest.Invite("judge@example.org", ParticipantRole.Judge, Guid.NewGuid(), ContestFixtures.Now));
        Assert.Equal("The invitation was sent to another e-mail address.",
            Assert.Throws<ContestRuleException>(() => contest.Accept(invitation, Guid.NewGuid(), "other@example.org", null, ContestFixtures.Now)).Message);
        Assert.Throws<ContestRuleException>(() => contest.Accept(invitation, Guid.NewGuid(), "judge@example.org", null, ContestFixtures.Now + Contest.InvitationLifetime));
        var user = Guid.NewGuid();
        var organization = Guid.NewGuid();
        contest.Accept(invitation, user, "judge@example.org", organization, ContestFixtures.Now);
        Assert.Same(invitation, contest.Judge(user));
        Assert.True(invitation.ConflictsWith(organization));
        Assert.Throws<ContestRuleException>(() => contest.Accept(invitation, user, "judge@example.org", organization, ContestFixtures.Now));
    }

    [Fact]
    public void Results_are_published_only_after_every_stage_is_closed()
    {
        var contest = ContestFixtures.Contest();
        contest.Announce(ContestFixtures.Now);
        contest.StartJudging(ContestFixtures.Now);
        contest.CloseCurrentStage(ContestFixtures.Now);
        Assert.Throws<ContestRuleException>(() => contest.PublishResults(ContestFixtures.Now));
        contest.StartJudging(ContestFixtures.Now);
        contest.CloseCurrentStage(ContestFixtures.Now);
        contest.PublishResults(ContestFixtures.Now);
        Assert.Equal(ContestStatus.ResultsPublished, contest.Status);
        Assert.Throws<ContestRuleException>(() => contest.CloseCurrentStage(ContestFixtures.Now));
    }
}

public sealed class EligibilityTests
{
    private static readonly EntryDocumentKind[] BothDocuments = [EntryDocumentKind.BusinessPlan, EntryDocumentKind.Evaluation];

    private static IReadOnlyList<EligibilityReason> Check(EligibilityRules rules, Organization organization, PatentRecord? record, bool owns = true, EntryDocumentKind[]? documents = null) =>
        EligibilityChecker.Check(rules, organization,
            [(record?.Id ?? "CN999A", record, record is null ? null : new OwnershipAnswer(owns, "x"))],
            documents ?? BothDocuments);

    private static string[] Failures(IReadOnlyList<EligibilityReason> reasons) => reasons.Where(r => !r.Passed).Select(r => r.Key).ToArray();

    [Fact]
    public void A_verified_university_with_its_own_patent_in_force_in_Quanzhou_and_both_documents_is_eligible()
    {
        var rules = new EligibilityRules { RegionKeyword = "泉州", DocumentTypes = [DocumentType.Invention], OwnerTypes = [OrganizationType.University] };
        var reasons = Check(rules, ContestFixtures.Organization(), ContestFixtures.Patent("CN115000001B"));
        Assert.Empty(Failures(reasons));
        Assert.Contains(reasons, r => r is { Key: "{0}: an applicant's address is in the region.", Argument: "CN115000001B" });
    }

    [Fact]
    public void A_lapsed_patent_fails_the_in_force_rule_with_its_number()
    {
        var reasons = Check(new EligibilityRules(), ContestFixtures.Organization(), ContestFixtures.Patent("CN115000002B", LegalStatus.Lapsed));
        Assert.Equal(["{0} is not in force."], Failures(reasons));
        Assert.Equal("CN115000002B", reasons.Single(r => !r.Passed).Argument);
    }

    [Fact]
    public void The_in_force_rule_can_be_switched_off()
    {
        Assert.Empty(Failures(Check(new EligibilityRules { RequireInForce = false }, ContestFixtures.Organization(), ContestFixtures.Patent("CN115000002B", LegalStatus.Expired))));
    }

    [Fact]
    public void A_design_fails_a_contest_for_inventions_only()
    {
        var reasons = Check(new EligibilityRules { DocumentTypes = [DocumentType.Invention] }, ContestFixtures.Organization(), ContestFixtures.Patent("CN305000001S", type: DocumentType.Design));
        Assert.Equal(["{0} is not of an allowed patent type."], Failures(reasons));
    }

    [Fact]
    public void An_applicant_outside_the_region_fails_the_region_rule()
    {
        var reasons = Check(new EligibilityRules { RegionKeyword = "泉州" }, ContestFixtures.Organization(), ContestFixtures.Patent("CN115000003B", address: "福建省厦门市思明区"));
        Assert.Equal(["{0}: no applicant's address is in the region."], Failures(reasons));
    }

    [Fact]
    public void An_enterprise_fails_a_contest_for_universities_and_an_unverified_one_fails_too()
    {
        var reasons = Check(new EligibilityRules { OwnerTypes = [OrganizationType.University] }, ContestFixtures.Organization(OrganizationType.Enterprise, verified: false), ContestFixtures.Patent("CN115000004B"));
        Assert.Equal(["The organisation is not verified yet.", "Organisations of this type may not enter this contest."], Failures(reasons));
    }

    [Fact]
    public void A_patent_someone_else_owns_or_not_in_the_index_fails_and_missing_documents_are_named()
    {
        Assert.Equal(["{0} is not owned by the organisation."], Failures(Check(new EligibilityRules(), ContestFixtures.Organization(), ContestFixtures.Patent("CN115000005B"), owns: false)));
        Assert.Equal(["{0} is not in the patent index."], Failures(Check(new EligibilityRules(), ContestFixtures.Organization(), null)));
        var missing = Check(new EligibilityRules(), ContestFixtures.Organization(), ContestFixtures.Patent("CN215000006U", type: DocumentType.UtilityModel), documents: [EntryDocumentKind.BusinessPlan]);
        Assert.Equal(["Missing: {0}."], Failures(missing));
        Assert.Equal(nameof(EntryDocumentKind.Evaluation), missing.Single(r => !r.Passed).Argument);
    }

    [Fact]
    public void An_invention_needs_no_evaluation_report_because_only_utility_models_and_designs_can_have_one()
    {
        var invention = Check(new EligibilityRules(), ContestFixtures.Organization(), ContestFixtures.Patent("CN115000007B"), documents: [EntryDocumentKind.BusinessPlan]);
        Assert.Empty(Failures(invention));
        Assert.DoesNotContain(invention, r => r.Argument == nameof(EntryDocumentKind.Evaluation));
        var design = Check(new EligibilityRules(), ContestFixtures.Organization(), ContestFixtures.Patent("CN305000007S", type: DocumentType.Design), documents: [EntryDocumentKind.BusinessPlan]);
        Assert.Equal(["Missing: {0}."], Failures(design));
        Assert.Equal(nameof(EntryDocumentKind.Evaluation), design.Single(r => !r.Passed).Argument);
    }

    [Fact]
    public void An_entry_without_a_business_plan_fails_whatever_its_patents()
    {
        var reasons = Check(new EligibilityRules(), ContestFixtures.Organization(), ContestFixtures.Patent("CN115000008B"), documents: []);
        Assert.Equal(["Missing: {0}."], Failures(reasons));
        Assert.Equal(nameof(EntryDocumentKind.BusinessPlan), reasons.Single(r => !r.Passed).Argument);
    }

    [Fact]
    public void Recording_the_check_marks_the_entry_eligible_only_when_everything_passed()
    {
        var contest = ContestFixtures.Contest();
        contest.Announce(ContestFixtures.Now);
        var entry = ContestEntry.Create(contest, Guid.NewGuid(), "U", Guid.NewGuid(), ContestFixtures.Now);
        entry.RecordEligibility([new(true, "a"), new(false, "b")]);
        Assert.False(entry.Eligible);
        entry.RecordEligibility([new(true, "a")]);
        Assert.True(entry.Eligible);
    }
}

public sealed class JudgeAssignmentTests
{
    [Fact]
    public void Judges_never_get_entries_of_their_own_or_declared_conflicting_organisations()
    {
        var orgA = Guid.NewGuid();
        var orgB = Guid.NewGuid();
        var sameOrgJudge = new JudgeAssigner.Candidate(Guid.NewGuid(), o => o == orgA);
        var declaredJudge = new JudgeAssigner.Candidate(Guid.NewGuid(), o => o == orgB);
        var freeJudge = new JudgeAssigner.Candidate(Guid.NewGuid(), _ => false);
        var entryA = Guid.NewGuid();
        var entryB = Guid.NewGuid();

        var plan = JudgeAssigner.Assign([(entryA, orgA), (entryB, orgB)], [sameOrgJudge, declaredJudge, freeJudge], judgesPerEntry: 2);

        Assert.DoesNotContain((entryA, sameOrgJudge.UserId), plan.Assignments);
        Assert.DoesNotContain((entryB, declaredJudge.UserId), plan.Assignments);
        Assert.Equal(4, plan.Assignments.Count);
        Assert.Empty(plan.Understaffed);
    }

    [Fact]
    public void A_participant_conflicts_with_its_own_and_declared_organisations()
    {
        var contest = ContestFixtures.Contest();
        var (judge, _) = contest.Invite("j@example.org", ParticipantRole.Judge, Guid.NewGuid(), ContestFixtures.Now);
        var own = Guid.NewGuid();
        var declared = Guid.NewGuid();
        contest.Accept(judge, Guid.NewGuid(), "j@example.org", own, ContestFixtures.Now);
        judge.DeclareConflict(declared);
        Assert.True(judge.ConflictsWith(own));
        Assert.True(judge.ConflictsWith(declared));
        Assert.False(judge.ConflictsWith(Guid.NewGuid()));
    }

    [Fact]
    public void Loads_are_balanced_within_one_entry()
    {
        var judges = Enumerable.Range(0, 4).Select(_ => new JudgeAssigner.Candidate(Guid.NewGuid(), _ => false)).ToList();
        var entries = Enumerable.Range(0, 11).Select(_ => (Guid.NewGuid(), Guid.NewGuid())).ToList();

        var plan = JudgeAssigner.Assign(entries, judges, judgesPerEntry: 3);

        var loads = judges.Select(j => plan.Assignments.Count(a => a.JudgeUserId == j.UserId)).ToList();
        Assert.Equal(33, loads.Sum());
        Assert.True(loads.Max() - loads.Min() <= 1, string.Join(",", loads));
        Assert.All(entries, e => Assert.Equal(3, plan.Assignments.Count(a => a.EntryId == e.Item1)));
    }

    [Fact]
    public void An_entry_that_cannot_get_enough_judges_without_conflict_is_reported()
    {
        var org = Guid.NewGuid();
        var entry = Guid.NewGuid();
        var plan = JudgeAssigner.Assign([(entry, org)], [new(Guid.NewGuid(), o => o == org), new(Guid.NewGuid(), _ => false)], judgesPerEntry: 2);
        Assert.Equal([entry], plan.Understaffed);
        Assert.Single(plan.Assignments);
    }
}

public sealed class RankingTests
{
    private static readonly Rubric TwoCriteria = new([new("Technical advance", 60, 10), new("Market size and prospects", 40, 10)]);
    private static readonly Guid Stage = Guid.NewGuid();

    private static Score Scored(Guid judge, Guid entry, int technical, int market)
    {
        var score = new Score(Guid.Empty, Stage, entry, judge, ContestFixtures.Now);
        score.Set(TwoCriteria, [new("Technical advance", technical), new("Market size and prospects", market)], null, ContestFixtures.Now);
        return score;
    }

    [Fact]
    public void Entries_rank_by_the_mean_weighted_score_of_their_judges()
    {
        var (j1, j2) = (Guid.NewGuid(), Guid.NewGuid());
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var ranking = ScoreCalculator.Rank(TwoCriteria, [Scored(j1, a, 9, 5), Scored(j2, a, 7, 5), Scored(j1, b, 6, 10), Scored(j2, b, 6, 8)],
            new Dictionary<Guid, DateTime> { [a] = ContestFixtures.Now, [b] = ContestFixtures.Now }, normalizePerJudge: false);
        // a: (74 + 62) / 2 = 68; b: (76 + 68) / 2 = 72.
        Assert.Equal([b, a], ranking.Select(r => r.EntryId));
        Assert.Equal(72, ranking[0].Score, 6);
        Assert.Equal(68, ranking[1].Score, 6);
        Assert.All(ranking, r => Assert.Null(r.TieBrokenBy));
    }

    [Fact]
    public void Per_judge_normalisation_removes_a_lenient_judges_bias()
    {
        // The lenient judge scores only entries x and y, high; the strict judge scores y and z, low. Raw means favour x,
        // which only the lenient judge saw; within each judge's own scale, y is the better entry for both.
        var (lenient, strict) = (Guid.NewGuid(), Guid.NewGuid());
        var (x, y, z) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Score[] scores = [Scored(lenient, x, 9, 9), Scored(lenient, y, 10, 10), Scored(strict, y, 6, 6), Scored(strict, z, 3, 3)];
        var submitted = new Dictionary<Guid, DateTime> { [x] = ContestFixtures.Now, [y] = ContestFixtures.Now, [z] = ContestFixtures.Now };

        var raw = ScoreCalculator.Rank(TwoCriteria, scores, submitted, normalizePerJudge: false);
        var normalized = ScoreCalculator.Rank(TwoCriteria, scores, submitted, normalizePerJudge: true);

        Assert.Equal([x, y, z], raw.Select(r => r.EntryId)); // x 90, y 80, z 30
        Assert.Equal([y, x, z], normalized.Select(r => r.EntryId)); // y +1, x -1 (tie with z broken below), z -1
        Assert.Equal(1, normalized[0].Score, 6);
        Assert.Equal(80, normalized[0].RawMean, 6);
    }

    [Fact]
    public void Z_scores_centre_each_judge_on_zero_with_unit_spread_and_a_judge_without_spread_gives_zero()
    {
        var (j, flat) = (Guid.NewGuid(), Guid.NewGuid());
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var z = ScoreCalculator.Normalize([(j, a, 50), (j, b, 70), (j, c, 90), (flat, a, 60), (flat, b, 60)]);
        Assert.Equal(0, z[(j, a)] + z[(j, b)] + z[(j, c)], 9);
        Assert.Equal(-Math.Sqrt(1.5), z[(j, a)], 9);
        Assert.Equal(0, z[(flat, a)]);
    }

    [Fact]
    public void A_tie_is_broken_by_the_heaviest_criterion_first()
    {
        var judge = Guid.NewGuid();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        // Equal totals: a has tech 5, market 10 (30 + 40 = 70); b has tech 9, market 4 (54 + 16 = 70). Tech weighs more.
        var ranking = ScoreCalculator.Rank(TwoCriteria, [Scored(judge, a, 5, 10), Scored(judge, b, 9, 4)],
            new Dictionary<Guid, DateTime> { [a] = ContestFixtures.Now, [b] = ContestFixtures.Now }, false);
        Assert.Equal([b, a], ranking.Select(r => r.EntryId));
        Assert.Equal(ranking[0].Score, ranking[1].Score);
        Assert.Equal((ScoreCalculator.TieByCriterion, "Technical advance"), (ranking[0].TieBrokenBy, ranking[0].TieCriterion));
    }

    [Fact]
    public void A_complete_tie_goes_to_the_earlier_submission_then_to_the_entry_number()
    {
        var judge = Guid.NewGuid();
        var (early, late) = (Guid.NewGuid(), Guid.NewGuid());
        var ranking = ScoreCalculator.Rank(TwoCriteria, [Scored(judge, late, 7, 7), Scored(judge, early, 7, 7)],
            new Dictionary<Guid, DateTime> { [early] = ContestFixtures.Now, [late] = ContestFixtures.Now.AddHours(1) }, false);
        Assert.Equal([early, late], ranking.Select(r => r.EntryId));
        Assert.Equal(ScoreCalculator.TieBySubmission, ranking[0].TieBrokenBy);

        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() }.Order().ToArray();
        var lots = ScoreCalculator.Rank(TwoCriteria, [Scored(judge, ids[1], 7, 7), Scored(judge, ids[0], 7, 7)],
            new Dictionary<Guid, DateTime> { [ids[0]] = ContestFixtures.Now, [ids[1]] = ContestFixtures.Now }, false);
        Assert.Equal(ids, lots.Select(r => r.EntryId));
        Assert.Equal(ScoreCalculator.TieById, lots[1].TieBrokenBy);
    }

    [Fact]
    public void Top_n_advances_exactly_n_and_a_threshold_advances_every_entry_reaching_it()
    {
        var ranking = new List<RankedEntry>
        {
            new(Guid.NewGuid(), 1, 90, 90, 2, null), new(Guid.NewGuid(), 2, 75, 75, 2, null),
            new(Guid.NewGuid(), 3, 75, 74.99, 2, null), new(Guid.NewGuid(), 4, 0, 0, 0, null),
        };
        Assert.Equal(new HashSet<Guid> { ranking[0].EntryId, ranking[1].EntryId }, ScoreCalculator.Advancing(ranking, Advancement.Top(2)));
        Assert.Equal(new HashSet<Guid> { ranking[0].EntryId, ranking[1].EntryId }, ScoreCalculator.Advancing(ranking, Advancement.AtLeast(75)));
        // An unscored entry never advances, even under a zero threshold.
        Assert.DoesNotContain(ranking[3].EntryId, ScoreCalculator.Advancing(ranking, Advancement.AtLeast(0)));
    }

    [Theory]
    [InlineData(1, Award.Gold)]
    [InlineData(2, Award.Silver)]
    [InlineData(3, Award.Silver)]
    [InlineData(4, Award.Excellence)]
    [InlineData(6, Award.Excellence)]
    [InlineData(7, null)]
    public void Awards_go_gold_silver_excellence_down_the_final_ranking(int rank, Award? expected) =>
        Assert.Equal(expected, ScoreCalculator.AwardFor(rank, gold: 1, silver: 2, excellence: 3));
}
