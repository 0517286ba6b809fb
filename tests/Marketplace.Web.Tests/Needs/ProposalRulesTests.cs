using Marketplace.Web.Needs;
using Marketplace.Web.Organizations;
using static Marketplace.Web.Tests.Needs.NeedRulesTests;

namespace Marketplace.Web.Tests.Needs;

public sealed class ProposalRulesTests
{
    private static readonly NeedViewer UniversityMember = Member(University, OrganizationType.University);

    [Fact]
    public void Submit_keeps_patents_texts_and_the_open_license_reference()
    {
        var declaration = Guid.NewGuid();
        var proposal = Proposal.Submit(Posted(), UniversityMember, ["CN1A", "CN2B", "CN1A"], " 干式毛刷 ", "普通许可", "三人团队", declaration, Now);

        Assert.Equal(["CN1A", "CN2B"], proposal.Patents);
        Assert.Equal("干式毛刷", proposal.Approach);
        Assert.Equal(declaration, proposal.OpenLicenseDeclarationId);
        Assert.Equal(University, proposal.OrganizationId);
    }

    [Fact]
    public void Submit_refuses_without_approach_or_offer()
    {
        Assert.Equal("Describe your approach.",
            Assert.Throws<NeedRuleException>(() => Proposal.Submit(Posted(), UniversityMember, ["CN1A"], " ", "", "", null, Now)).Message);
        Assert.Equal("Offer at least one patent of your organisation or an open licence.",
            Assert.Throws<NeedRuleException>(() => Proposal.Submit(Posted(), UniversityMember, [], "方案", "", "", null, Now)).Message);
    }

    [Fact]
    public void Submit_refuses_enterprises_uninvited_universities_and_closed_needs()
    {
        Assert.Equal("Only universities and research institutes can propose.",
            Assert.Throws<NeedRuleException>(() => Proposal.Submit(Posted(), Member(Guid.NewGuid(), OrganizationType.Enterprise), ["CN1A"], "方案", "", "", null, Now)).Message);
        Assert.Equal("Your organisation cannot answer this need.",
            Assert.Throws<NeedRuleException>(() => Proposal.Submit(Posted(NeedVisibility.InvitedUniversities), UniversityMember, ["CN1A"], "方案", "", "", null, Now)).Message);
        var closed = Posted();
        closed.Close(Now);
        Assert.Equal("The need is closed and takes no more proposals.",
            Assert.Throws<NeedRuleException>(() => Proposal.Submit(closed, UniversityMember, ["CN1A"], "方案", "", "", null, Now)).Message);
    }
}
