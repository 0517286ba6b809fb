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
        deal.Agree(AgreementKind.License, null, licence, new ContractReference("ignored", DateOnly.FromDateTime(Now)), Operator, Now);
        deal.MoveTo(DealStage.Closed, Operator, Now);

        Assert.Equal(DealStage.Closed, deal.Stage);
        Assert.Equal(licence, deal.LicenseOrderId);
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
    public void Agree_needs_the_licence_record_for_a_licence_and_a_valid_contract_reference_otherwise()
    {
        var deal = Deal.Open(Guid.NewGuid(), null, Now);
        var today = DateOnly.FromDateTime(Now);

        Assert.Equal("An agreed licence needs the licence record: choose the licence taken on the platform.",
            Assert.Throws<NeedRuleException>(() => deal.Agree(AgreementKind.License, null, null, new ContractReference("QZ-1", today), Operator, Now)).Message);
        Assert.Equal("A transfer or joint project needs the contract number.",
            Assert.Throws<NeedRuleException>(() => deal.Agree(AgreementKind.JointProject, null, Guid.NewGuid(), null, Operator, Now)).Message);
        Assert.Equal("A transfer or joint project needs the contract number.",
            Assert.Throws<NeedRuleException>(() => deal.Agree(AgreementKind.JointProject, null, null, new ContractReference(" ", today), Operator, Now)).Message);
        Assert.Equal("The contract's signing date must not be in the future.",
            Assert.Throws<NeedRuleException>(() => deal.Agree(AgreementKind.Transfer, null, null, new ContractReference("QZ-2026-001", today.AddDays(1)), Operator, Now)).Message);
        Assert.Equal("The contract number may have at most 100 characters.",
            Assert.Throws<NeedRuleException>(() => deal.Agree(AgreementKind.Transfer, null, null, new ContractReference(new string('9', 101), today), Operator, Now)).Message);
        Assert.Equal(DealStage.New, deal.Stage);

        deal.Agree(AgreementKind.Transfer, null, Guid.NewGuid(), new ContractReference(" QZ-2026-001 ", today.AddDays(-3), "x.pdf"), Operator, Now);

        Assert.Equal(("QZ-2026-001", today.AddDays(-3), "x.pdf"), (deal.ContractNumber, deal.ContractSignedOn, deal.ContractDocument));
        Assert.Null(deal.LicenseOrderId);
        Assert.Equal("Only an open deal before agreement can be agreed.",
            Assert.Throws<NeedRuleException>(() => deal.Agree(AgreementKind.Transfer, null, null, new ContractReference("X", today), Operator, Now)).Message);
    }

    [Fact]
    public void A_lead_keeps_its_entry_patents_and_notes_each_change_of_the_observers_tags()
    {
        var user = Guid.NewGuid();
        var lead = Deal.OpenLead(Guid.NewGuid(), Guid.NewGuid(), "陶瓷 3D 打印项目", ["CN1A", "CN2B", "CN1A"], Guid.NewGuid(), user, "投资, 入园", Now);

        lead.InterestChanged("投资, 许可", user, Now.AddMinutes(1));

        Assert.Equal((DealSource.ContestInterest, DealStage.New, (Guid?)null), (lead.Source, lead.Stage, lead.NeedId));
        Assert.Equal(["CN1A", "CN2B"], lead.Patents);
        Assert.Equal("投资, 许可", lead.InterestTags());
        Assert.Equal(["created", "interest"], lead.History.Select(h => h.Kind));
        Assert.Throws<NeedRuleException>(() => Deal.Open(Guid.NewGuid(), null, Now).InterestChanged("x", user, Now));
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
