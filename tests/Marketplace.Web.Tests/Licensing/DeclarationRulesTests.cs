using Marketplace.Web.Licensing;
using Marketplace.Web.Patents;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>Every pre-submission check and every transition of an open-licence declaration, refusals included.</summary>
public sealed class DeclarationRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private static readonly Guid University = Guid.NewGuid();
    private static readonly Guid Person = Guid.NewGuid();
    private static readonly Guid Reviewer = Guid.NewGuid();
    private static readonly HashSet<string> NoExclusive = [];

    private static PatentFacts Invention(string id = "CN115883397B", LegalStatus status = LegalStatus.InForce, DateOnly? filed = null, IReadOnlyList<string>? coOwners = null)
    {
        var f = filed ?? new DateOnly(2022, 11, 2);
        return new(id, "一种web端数据通用采集方法", DocumentType.Invention, status, f, PatentTerm.LastDayOfRight(DocumentType.Invention, f), "G06F", null, coOwners ?? []);
    }

    private static PatentFacts UtilityModel(string id = "CN218751475U") =>
        new(id, "一种无人机机载多功能盒", DocumentType.UtilityModel, LegalStatus.InForce, new DateOnly(2022, 12, 2), PatentTerm.LastDayOfRight(DocumentType.UtilityModel, new DateOnly(2022, 12, 2)), "B64D", null, []);

    private static readonly PatenteeAttestations AllAttested = new() { FeesPaid = true, NoDisputeOrPreservation = true };

    private static OpenLicenseDeclaration Ready(PatentFacts? facts = null, LicenseFee? fee = null, int term = 3, string? otherTerms = null, PatenteeAttestations? attest = null)
    {
        var d = OpenLicenseDeclaration.Create(University, "泉州示范大学（演示）", Person, Now);
        d.AddPatent(facts ?? Invention());
        d.SetTerms(fee ?? LicenseFee.LumpSum(50_000m), term, otherTerms, PaymentChannel.Online, null, attest ?? AllAttested);
        return d;
    }

    private static OpenLicenseDeclaration Published(LicenseFee? fee = null)
    {
        var d = Ready(fee: fee);
        d.Submit(Today, NoExclusive, Now);
        d.Publish(Reviewer, "KFXK-2026-0001", Today, Now);
        return d;
    }

    private static string Codes(DeclarationCheck c) => string.Join(",", c.Errors.Select(e => e.Code));

    [Fact]
    public void A_complete_declaration_passes_every_check_and_is_submitted()
    {
        var d = Ready();
        var check = d.Submit(Today, NoExclusive, Now);
        Assert.Empty(check.Errors);
        Assert.Empty(check.Warnings);
        Assert.Equal(DeclarationStatus.Submitted, d.Status);
        Assert.Equal(Now, d.SubmittedAt);
        Assert.True(d.Stands);
    }

    [Fact]
    public void Submit_without_patents_is_refused()
    {
        var d = OpenLicenseDeclaration.Create(University, "示范大学", Person, Now);
        d.SetTerms(LicenseFee.Free(), 1, null, PaymentChannel.Online, null, AllAttested);
        var refused = Assert.Throws<DeclarationRefusedException>(() => d.Submit(Today, NoExclusive, Now));
        Assert.Equal("patents.none", Codes(refused.Check));
        Assert.Equal(DeclarationStatus.Draft, d.Status);
    }

    [Theory]
    [InlineData(LegalStatus.Pending)]
    [InlineData(LegalStatus.Lapsed)]
    [InlineData(LegalStatus.Invalidated)]
    public void Submit_when_patent_not_in_force_is_refused_naming_the_patent(LegalStatus status)
    {
        var d = Ready(Invention(status: status));
        var refused = Assert.Throws<DeclarationRefusedException>(() => d.Submit(Today, NoExclusive, Now));
        var error = Assert.Single(refused.Check.Errors);
        Assert.Equal("patent.not-in-force", error.Code);
        Assert.Contains("CN115883397B", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_when_patent_expired_is_refused()
    {
        var d = Ready(Invention(filed: new DateOnly(2005, 1, 10)), term: 1);
        var check = d.Check(Today, NoExclusive);
        Assert.Contains(check.Errors, e => e.Code == "patent.expired");
        Assert.Contains("2025-01-09", check.Errors.First(e => e.Code == "patent.expired").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_utility_model_without_evaluation_report_is_refused_and_accepted_once_attached()
    {
        var d = Ready(UtilityModel());
        Assert.Equal("patent.evaluation-report", Codes(d.Check(Today, NoExclusive)));
        d.AttachEvaluationReport("CN218751475U", "report.pdf", 1234);
        Assert.True(d.Check(Today, NoExclusive).CanSubmit);
    }

    [Fact]
    public void Submit_when_exclusive_license_in_force_is_refused()
    {
        var d = Ready();
        var refused = Assert.Throws<DeclarationRefusedException>(() => d.Submit(Today, new HashSet<string> { "CN115883397B" }, Now));
        Assert.Equal("patent.exclusive", Codes(refused.Check));
    }

    [Fact]
    public void Submit_without_fees_paid_attestation_is_refused()
    {
        var d = Ready(attest: AllAttested with { FeesPaid = false });
        Assert.Equal("attest.fees", Codes(d.Check(Today, NoExclusive)));
    }

    [Fact]
    public void Submit_without_no_dispute_attestation_is_refused()
    {
        var d = Ready(attest: AllAttested with { NoDisputeOrPreservation = false });
        Assert.Equal("attest.dispute", Codes(d.Check(Today, NoExclusive)));
    }

    [Fact]
    public void Submit_when_pledged_without_pledgee_consent_is_refused_and_with_consent_passes()
    {
        Assert.Equal("attest.pledge", Codes(Ready(attest: AllAttested with { Pledged = true }).Check(Today, NoExclusive)));
        Assert.True(Ready(attest: AllAttested with { Pledged = true, PledgeeConsents = true }).Check(Today, NoExclusive).CanSubmit);
    }

    [Fact]
    public void Submit_with_co_owners_who_have_not_consented_is_refused_naming_them()
    {
        var d = Ready(Invention(coOwners: ["福建某某科技有限公司"]));
        var error = Assert.Single(d.Check(Today, NoExclusive).Errors);
        Assert.Equal("patent.co-owners", error.Code);
        Assert.Contains("福建某某科技有限公司", error.ToString(), StringComparison.Ordinal);
        Assert.True(Ready(Invention(coOwners: ["福建某某科技有限公司"]), attest: AllAttested with { CoOwnersConsent = true }).Check(Today, NoExclusive).CanSubmit);
    }

    [Fact]
    public void Co_owners_are_the_other_applicants_of_the_record()
    {
        var record = new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse("CN115883397B"),
            Applicants = [new Party { Name = "泉州示范大学" }, new Party { Name = "某某公司" }],
            DocumentType = DocumentType.Invention,
            ApplicationDate = new DateOnly(2022, 11, 2),
        };
        var facts = PatentFacts.From(record, ["泉州示范大学"]);
        Assert.Equal(["某某公司"], facts.CoOwners);
        Assert.Equal(new DateOnly(2042, 11, 1), facts.Expiry);
    }

    [Fact]
    public void Fees_above_the_guidance_caps_warn_but_do_not_block()
    {
        var lump = Ready(fee: LicenseFee.LumpSum(25_000_000m)).Check(Today, NoExclusive);
        Assert.True(lump.CanSubmit);
        Assert.Equal("fee.cap", Assert.Single(lump.Warnings).Code);
        Assert.Single(Ready(fee: LicenseFee.Royalty(25m, RoyaltyBase.Sales)).Check(Today, NoExclusive).Warnings);
        Assert.Empty(Ready(fee: LicenseFee.Royalty(25m, RoyaltyBase.Profit)).Check(Today, NoExclusive).Warnings);
        Assert.Single(Ready(fee: LicenseFee.Royalty(41m, RoyaltyBase.Profit)).Check(Today, NoExclusive).Warnings);
        Assert.Empty(Ready(fee: LicenseFee.LumpSum(20_000_000m)).Check(Today, NoExclusive).Warnings);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_lump_sum_must_be_positive(decimal amount) =>
        Assert.Equal("fee.amount", Codes(Ready(fee: LicenseFee.LumpSum(amount)).Check(Today, NoExclusive)));

    [Fact]
    public void A_royalty_needs_a_base_and_a_rate_within_0_and_100()
    {
        Assert.Equal("fee.rate", Codes(Ready(fee: LicenseFee.Royalty(0m, RoyaltyBase.Sales)).Check(Today, NoExclusive)));
        Assert.Equal("fee.rate", Codes(Ready(fee: LicenseFee.Royalty(101m, RoyaltyBase.Sales)).Check(Today, NoExclusive)));
        Assert.Equal("fee.base", Codes(Ready(fee: new LicenseFee { Kind = FeeKind.Royalty, RoyaltyPercent = 5m }).Check(Today, NoExclusive)));
        Assert.True(Ready(fee: LicenseFee.EntryPlusRoyalty(10_000m, 3m, RoyaltyBase.Sales, 5_000m)).Check(Today, NoExclusive).CanSubmit);
    }

    [Theory]
    [InlineData("本专利技术国内领先，保证收益")]
    [InlineData("The best technology in the field")]
    [InlineData("第一款同类产品")]
    public void Submit_with_advertising_language_is_refused_naming_the_word(string terms)
    {
        var error = Assert.Single(Ready(otherTerms: terms).Check(Today, NoExclusive).Errors);
        Assert.Equal("terms.advertising", error.Code);
    }

    [Fact]
    public void Plain_other_terms_pass() =>
        Assert.True(Ready(otherTerms: "被许可人应于每季度结束后30日内报告销售额。").Check(Today, NoExclusive).CanSubmit);

    [Fact]
    public void The_term_is_at_least_one_year()
    {
        Assert.Contains("term.short", Codes(Ready(term: 0).Check(Today, NoExclusive)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_term_may_not_run_past_the_patents_expiry()
    {
        // A utility model filed 2017-03-01 ends 2027-02-28: 1 year from 2026-03-01 fits, 2 do not.
        var facts = new PatentFacts("CN206000000U", "x", DocumentType.UtilityModel, LegalStatus.InForce, new DateOnly(2017, 3, 1),
            PatentTerm.LastDayOfRight(DocumentType.UtilityModel, new DateOnly(2017, 3, 1)), null, null, []);
        var two = Ready(facts, term: 2);
        two.AttachEvaluationReport("CN206000000U", "r.pdf", 10);
        Assert.Equal("term.past-expiry", Codes(two.Check(Today, NoExclusive)));
        var one = Ready(facts, term: 1);
        one.AttachEvaluationReport("CN206000000U", "r.pdf", 10);
        Assert.True(one.Check(Today, NoExclusive).CanSubmit);
    }

    [Fact]
    public void Online_payment_of_a_fee_needs_the_payee_account()
    {
        Assert.Equal("payment.account", Codes(Ready().Check(Today, NoExclusive, payeeAccountReady: false)));
        Assert.True(Ready(fee: LicenseFee.Free()).Check(Today, NoExclusive, payeeAccountReady: false).CanSubmit);
    }

    [Fact]
    public void Every_failing_check_is_reported_at_once()
    {
        var d = Ready(UtilityModel(), fee: LicenseFee.LumpSum(-1m), term: 0, otherTerms: "绝对好用", attest: new PatenteeAttestations { Pledged = true });
        var codes = d.Check(Today, new HashSet<string> { "CN218751475U" }).Errors.Select(e => e.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "patent.evaluation-report", "patent.exclusive", "term.short", "attest.fees", "attest.dispute", "attest.pledge", "fee.amount", "terms.advertising" }, codes);
    }

    [Fact]
    public void Expiry_follows_the_type_and_filing_date()
    {
        Assert.Equal(new DateOnly(2040, 1, 9), PatentTerm.LastDayOfRight(DocumentType.Invention, new DateOnly(2020, 1, 10)));
        Assert.Equal(new DateOnly(2030, 1, 9), PatentTerm.LastDayOfRight(DocumentType.UtilityModel, new DateOnly(2020, 1, 10)));
        Assert.Equal(new DateOnly(2030, 5, 31), PatentTerm.LastDayOfRight(DocumentType.Design, new DateOnly(2020, 6, 1)));
        Assert.Equal(new DateOnly(2036, 5, 31), PatentTerm.LastDayOfRight(DocumentType.Design, new DateOnly(2021, 6, 1)));
        Assert.Equal(new DateOnly(2024, 3, 1), PatentTerm.LastDayOfRight(DocumentType.Invention, new DateOnly(2020, 1, 10), lapsed: new DateOnly(2024, 3, 1)));
        Assert.Null(PatentTerm.LastDayOfRight(DocumentType.Invention, null));
    }

    [Fact]
    public void Publish_gives_the_reference_and_date_and_only_from_submitted()
    {
        var draft = Ready();
        Assert.Throws<LicensingRuleException>(() => draft.Publish(Reviewer, "KFXK-1", Today, Now));
        draft.Submit(Today, NoExclusive, Now);
        Assert.Throws<LicensingRuleException>(() => draft.Publish(Reviewer, " ", Today, Now));
        Assert.Throws<LicensingRuleException>(() => draft.Publish(Reviewer, "KFXK-1", Today.AddDays(10), Now));
        draft.Publish(Reviewer, " KFXK-1 ", Today, Now);
        Assert.Equal(DeclarationStatus.Published, draft.Status);
        Assert.Equal("KFXK-1", draft.PublicationReference);
        Assert.Equal(Today, draft.PublishedOn);
        Assert.Equal(Reviewer, draft.ReviewedBy);
        Assert.Throws<LicensingRuleException>(() => draft.Publish(Reviewer, "KFXK-2", Today, Now));
    }

    [Fact]
    public void Send_back_needs_reasons_and_lets_the_patentee_edit_and_submit_again()
    {
        var d = Ready();
        Assert.Throws<LicensingRuleException>(() => d.SendBack(Reviewer, "x", Now));
        d.Submit(Today, NoExclusive, Now);
        Assert.Throws<LicensingRuleException>(() => d.AddPatent(UtilityModel()));
        Assert.Throws<LicensingRuleException>(() => d.SendBack(Reviewer, "  ", Now));
        d.SendBack(Reviewer, "请补充权利人声明", Now);
        Assert.Equal(DeclarationStatus.SentBack, d.Status);
        Assert.False(d.Stands);
        d.SetTerms(LicenseFee.LumpSum(40_000m), 3, null, PaymentChannel.BankTransfer, null, AllAttested);
        d.Submit(Today, NoExclusive, Now);
        Assert.Null(d.SendBackReasons);
        Assert.Equal(DeclarationStatus.Submitted, d.Status);
    }

    [Fact]
    public void Withdrawal_needs_a_reason_happens_once_and_closes_new_licences()
    {
        var d = Published();
        Assert.Throws<LicensingRuleException>(() => d.Withdraw("", Now));
        d.Withdraw("技术已转让", Now);
        Assert.Equal(DeclarationStatus.Withdrawn, d.Status);
        Assert.Equal("技术已转让", d.WithdrawalReason);
        Assert.Throws<LicensingRuleException>(() => d.Withdraw("again", Now));
        Assert.Throws<LicensingRuleException>(() => LicenseOrder.Notify(d, Guid.NewGuid(), Person, "k1", Now));
    }

    [Fact]
    public void A_licence_granted_before_withdrawal_stays_in_force()
    {
        var d = Published(LicenseFee.Free());
        var order = LicenseOrder.Notify(d, Guid.NewGuid(), Person, "k1", Now);
        d.Withdraw("不再开放", Now.AddDays(1));
        Assert.True(order.IsInForce(Today.AddDays(2)));
        Assert.Equal(LicenseStatus.Effective, order.Status);
    }

    [Fact]
    public void No_exclusive_licence_is_recordable_while_a_declaration_stands()
    {
        var d = Published();
        var refused = Assert.Throws<LicensingRuleException>(() =>
            ExclusiveLicenseRecord.Record(University, "CN115883397B", ExclusiveKind.Exclusive, "某公司", Today, Today.AddYears(1), [d], Now));
        Assert.Contains("KFXK-2026-0001", refused.Message, StringComparison.Ordinal);
        d.Withdraw("x", Now);
        var record = ExclusiveLicenseRecord.Record(University, "CN115883397B", ExclusiveKind.Sole, "某公司", Today, Today.AddYears(1), [d], Now);
        Assert.True(record.InForceOn(Today));
    }

    [Fact]
    public void Patents_cannot_be_added_twice()
    {
        var d = Ready();
        Assert.Throws<LicensingRuleException>(() => d.AddPatent(Invention()));
        d.RemovePatent("CN115883397B");
        Assert.Empty(d.Patents);
    }
}
