using Marketplace.Web.Needs;

namespace Marketplace.Web.Tests.Needs;

/// <summary>The pipeline's transitions: forward only, agreement with its reference, closed after agreed, lost with a reason, nothing after the end.</summary>
public sealed class DealPipelineTests
{
    private static readonly DateTime Now = NeedRulesTests.Now;
    private static readonly Guid Operator = Guid.NewGuid();

    [Fact]
    public void A_deal_moves_forward_to_agreed_as_licence_and_closes_with_every_step_in_its_history()
    {
        var deal = Deal.Open(Guid.NewGuid(), null, Now);
        var licence = Guid.NewGuid();

        foreach (var stage in new[] { DealStage.Screened, DealStage.Matched, DealStage.Contacted, DealStage.Negotiating })
            deal.MoveTo(stage, Operator, Now);
        deal.Agree(AgreementKind.License, null, licence, null, Operator, Now);
        deal.MoveTo(DealStage.Closed, Operator, Now);

        Assert.Equal(DealStage.Closed, deal.Stage);
        Assert.Equal(licence, deal.LicenseReference);
        Assert.Equal(AgreementKind.License, deal.Agreement);
        Assert.Equal(["New", "Screened", "Matched", "Contacted", "Negotiating", "Agreed", "Closed"], deal.History.Select(h => h.To));
        Assert.Empty(deal.NextStages());
    }

    [Fact]
    public void MoveTo_refuses_going_back_standing_still_and_agreeing_without_the_agreement()
    {
        var deal = Deal.Open(Guid.NewGuid(), null, Now);
        deal.MoveTo(DealStage.Contacted, Operator, Now);

        Assert.Equal("A deal moves forward only, and is closed only after an agreement.",
            Assert.Throws<NeedRuleException>(() => deal.MoveTo(DealStage.Screened, Operator, Now)).Message);
        Assert.Equal("The deal is already at this stage.", Assert.Throws<NeedRuleException>(() => deal.MoveTo(DealStage.Contacted, Operator, Now)).Message);
        Assert.Equal("Record the agreement to move a deal to agreed.", Assert.Throws<NeedRuleException>(() => deal.MoveTo(DealStage.Agreed, Operator, Now)).Message);
        Assert.Equal("A deal moves forward only, and is closed only after an agreement.",
            Assert.Throws<NeedRuleException>(() => deal.MoveTo(DealStage.Closed, Operator, Now)).Message);
        Assert.Equal(DealStage.Contacted, deal.Stage);
    }

    [Fact]
    public void Agree_needs_the_licence_record_or_a_contract_number()
    {
        var deal = Deal.Open(Guid.NewGuid(), null, Now);

        Assert.Equal("An agreed licence needs the licence record or a contract number.",
            Assert.Throws<NeedRuleException>(() => deal.Agree(AgreementKind.License, null, null, " ", Operator, Now)).Message);
        Assert.Equal("A transfer or joint project needs the contract number.",
            Assert.Throws<NeedRuleException>(() => deal.Agree(AgreementKind.JointProject, null, Guid.NewGuid(), null, Operator, Now)).Message);
        deal.Agree(AgreementKind.Transfer, null, null, "QZ-2026-001", Operator, Now);
        Assert.Equal("QZ-2026-001", deal.ContractNumber);
        Assert.Equal("Only an open deal before agreement can be agreed.",
            Assert.Throws<NeedRuleException>(() => deal.Agree(AgreementKind.Transfer, null, null, "X", Operator, Now)).Message);
    }

    [Fact]
    public void A_lost_deal_needs_a_reason_and_never_moves_or_changes_again()
    {
        var deal = Deal.Open(Guid.NewGuid(), null, Now);

        Assert.Equal("Say why the deal was lost.", Assert.Throws<NeedRuleException>(() => deal.MoveTo(DealStage.Lost, Operator, Now)).Message);
        deal.MoveTo(DealStage.Lost, Operator, Now, "企业预算取消");

        Assert.Equal("A closed or lost deal does not move again.", Assert.Throws<NeedRuleException>(() => deal.MoveTo(DealStage.Screened, Operator, Now)).Message);
        Assert.Throws<NeedRuleException>(() => deal.Assign(Operator, Operator, Now));
        Assert.Throws<NeedRuleException>(() => deal.SetDueDate(Now.AddDays(3), Operator, Now));
        Assert.Equal("企业预算取消", deal.History.Last().Text);
    }

    [Fact]
    public void Notes_and_due_dates_are_validated_and_recorded()
    {
        var deal = Deal.Open(Guid.NewGuid(), null, Now);

        Assert.Equal("Write the note.", Assert.Throws<NeedRuleException>(() => deal.AddNote(" ", Operator, Now)).Message);
        Assert.Equal("The due date must not be in the past.", Assert.Throws<NeedRuleException>(() => deal.SetDueDate(Now.AddDays(-2), Operator, Now)).Message);
        deal.AddNote("已电话联系企业", Operator, Now);
        deal.SetDueDate(Now.AddDays(7), Operator, Now);
        deal.Assign(Operator, Operator, Now);

        Assert.Equal(Now.AddDays(7).Date, deal.DueDate);
        Assert.Equal(Operator, deal.AssignedOperatorId);
        Assert.Equal(["created", "note", "due", "assigned"], deal.History.Select(h => h.Kind));
    }
}
