using Analytics.Taxonomy;
using Marketplace.Web.Needs;
using Marketplace.Web.Organizations;

namespace Marketplace.Web.Tests.Needs;

/// <summary>What a need accepts when posted and changed, whom it invites, and who sees it.</summary>
public sealed class NeedRulesTests
{
    internal static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
    internal static readonly IndustryTaxonomy Taxonomy = IndustryTaxonomy.Default;
    internal static readonly Guid Enterprise = Guid.NewGuid(), Author = Guid.NewGuid(), University = Guid.NewGuid(), OtherUniversity = Guid.NewGuid();

    internal static NeedDraft Draft(NeedVisibility visibility = NeedVisibility.Public) => new()
    {
        Title = "光伏组件自动清洁",
        Description = "屋顶光伏电站组件表面积灰，需要少水的自动清洁机器人技术。",
        ChainId = Taxonomy.Chains[0].Id,
        Outcome = NeedOutcome.License,
        BudgetMin = 10,
        BudgetMax = 50,
        Deadline = Now.AddDays(30),
        Region = "泉州",
        Visibility = visibility,
        Products = "清洁机器人，光伏板、清洁机器人",
    };

    internal static Need Posted(NeedVisibility visibility = NeedVisibility.Public) => Need.Post(Enterprise, Author, Draft(visibility), Now, Taxonomy);

    internal static NeedViewer Member(Guid organization, OrganizationType type) => new(Guid.NewGuid(), organization, type, false) { Verified = true };

    [Fact]
    public void Post_keeps_the_trimmed_fields_and_one_element_per_line_without_duplicates()
    {
        var need = Posted();

        Assert.Equal("光伏组件自动清洁", need.Title);
        Assert.Equal("清洁机器人\n光伏板", need.Products);
        Assert.Equal(NeedStatus.Open, need.Status);
        Assert.Equal(["清洁机器人", "光伏板"], need.Elements().Products);
    }

    [Theory]
    [InlineData("title", "Give the need a title.")]
    [InlineData("short", "Describe the problem in at least 20 characters.")]
    [InlineData("chain", "Choose an industry chain from the list.")]
    [InlineData("budget", "The budget's upper end must not be below its lower end.")]
    [InlineData("negative", "A budget cannot be negative.")]
    [InlineData("past", "The deadline must not be in the past.")]
    [InlineData("outcome", "Choose the outcome you want.")]
    public void Post_refuses_each_invalid_input_with_its_own_message(string problem, string message)
    {
        var draft = problem switch
        {
            "title" => Draft() with { Title = "  " },
            "short" => Draft() with { Description = "太短了" },
            "chain" => Draft() with { ChainId = "no-such-chain" },
            "budget" => Draft() with { BudgetMin = 60, BudgetMax = 50 },
            "negative" => Draft() with { BudgetMin = -1 },
            "past" => Draft() with { Deadline = Now.AddDays(-1) },
            _ => Draft() with { Outcome = (NeedOutcome)99 },
        };

        Assert.Contains(draft.Validate(Now, Taxonomy), e => e.Message == message);
        var refused = Assert.Throws<NeedRuleException>(() => Need.Post(Enterprise, Author, draft, Now, Taxonomy));
        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void Invite_accepts_a_verified_university_once()
    {
        var need = Posted();

        need.Invite(University, OrganizationType.University, VerificationStatus.Verified, Author, Now);

        Assert.True(need.IsInvited(University));
        Assert.Equal("This organisation is already invited.",
            Assert.Throws<NeedRuleException>(() => need.Invite(University, OrganizationType.University, VerificationStatus.Verified, Author, Now)).Message);
    }

    [Fact]
    public void Invite_refuses_enterprises_unverified_organisations_and_closed_needs()
    {
        var need = Posted();

        Assert.Equal("Only universities and research institutes can be invited.",
            Assert.Throws<NeedRuleException>(() => need.Invite(Guid.NewGuid(), OrganizationType.Enterprise, VerificationStatus.Verified, Author, Now)).Message);
        Assert.Equal("Only verified organisations can be invited.",
            Assert.Throws<NeedRuleException>(() => need.Invite(Guid.NewGuid(), OrganizationType.ResearchInstitute, VerificationStatus.Pending, Author, Now)).Message);
        need.Close(Now);
        Assert.Equal("Only an open need can invite universities.",
            Assert.Throws<NeedRuleException>(() => need.Invite(University, OrganizationType.University, VerificationStatus.Verified, Author, Now)).Message);
        Assert.Throws<NeedRuleException>(() => need.Edit(Draft(), Now, Taxonomy));
        Assert.Throws<NeedRuleException>(() => need.Close(Now));
    }

    public static TheoryData<NeedVisibility, string, bool> VisibilityRows => new()
    {
        // Visibility, who looks, sees it?
        { NeedVisibility.Public, "anonymous", false },
        { NeedVisibility.Public, "own enterprise", true },
        { NeedVisibility.Public, "other enterprise", true },
        { NeedVisibility.Public, "university", true },
        { NeedVisibility.Public, "operator", true },
        { NeedVisibility.OperatorsOnly, "own enterprise", true },
        { NeedVisibility.OperatorsOnly, "other enterprise", false },
        { NeedVisibility.OperatorsOnly, "university", false },
        { NeedVisibility.OperatorsOnly, "invited university", true },
        { NeedVisibility.OperatorsOnly, "operator", true },
        { NeedVisibility.InvitedUniversities, "own enterprise", true },
        { NeedVisibility.InvitedUniversities, "other enterprise", false },
        { NeedVisibility.InvitedUniversities, "university", false },
        { NeedVisibility.InvitedUniversities, "invited university", true },
        { NeedVisibility.InvitedUniversities, "operator", true },
    };

    [Theory]
    [MemberData(nameof(VisibilityRows))]
    public void IsVisibleTo_follows_the_needs_visibility(NeedVisibility visibility, string who, bool sees)
    {
        var need = Posted(visibility);
        need.Invite(University, OrganizationType.University, VerificationStatus.Verified, Author, Now);
        var viewer = who switch
        {
            "anonymous" => new NeedViewer(null, null, null, false),
            "own enterprise" => Member(Enterprise, OrganizationType.Enterprise),
            "other enterprise" => Member(Guid.NewGuid(), OrganizationType.Enterprise),
            "university" => Member(OtherUniversity, OrganizationType.University),
            "invited university" => Member(University, OrganizationType.University),
            _ => new NeedViewer(Guid.NewGuid(), null, null, IsOperator: true),
        };

        Assert.Equal(sees, need.IsVisibleTo(viewer));
    }

    [Fact]
    public void AcceptsProposalsFrom_only_research_organisations_that_see_the_open_need()
    {
        var need = Posted(NeedVisibility.InvitedUniversities);
        need.Invite(University, OrganizationType.University, VerificationStatus.Verified, Author, Now);

        Assert.True(need.AcceptsProposalsFrom(Member(University, OrganizationType.University)));
        Assert.False(need.AcceptsProposalsFrom(Member(OtherUniversity, OrganizationType.University)));
        Assert.False(need.AcceptsProposalsFrom(Member(Enterprise, OrganizationType.Enterprise)));
        Assert.False(need.AcceptsProposalsFrom(new NeedViewer(Guid.NewGuid(), null, null, true)));
        need.Close(Now);
        Assert.False(need.AcceptsProposalsFrom(Member(University, OrganizationType.University)));
    }
}
