using Marketplace.Web.Licensing;
using Marketplace.Web.Patents;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>The licence from the written notice to recordal, payments and royalties.</summary>
public sealed class LicenseOrderRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private static readonly Guid University = Guid.NewGuid();
    private static readonly Guid Enterprise = Guid.NewGuid();
    private static readonly Guid Person = Guid.NewGuid();

    internal static OpenLicenseDeclaration Published(LicenseFee fee, int term = 3, DateOnly? filed = null)
    {
        var d = OpenLicenseDeclaration.Create(University, "示范大学", Person, Now);
        var f = filed ?? new DateOnly(2022, 11, 2);
        d.AddPatent(new PatentFacts("CN115883397B", "t", DocumentType.Invention, LegalStatus.InForce, f, PatentTerm.LastDayOfRight(DocumentType.Invention, f), "G06F", null, []));
        d.SetTerms(fee, term, null, PaymentChannel.Online, null, new PatenteeAttestations { FeesPaid = true, NoDisputeOrPreservation = true });
        d.Submit(Today, new HashSet<string>(), Now);
        d.Publish(Guid.NewGuid(), "KFXK-1", Today, Now);
        return d;
    }

    [Fact]
    public void A_free_licence_takes_effect_at_the_notice_with_a_recordal_task_due_in_three_months()
    {
        var order = LicenseOrder.Notify(Published(LicenseFee.Free()), Enterprise, Person, "k", Now);
        Assert.Equal(LicenseStatus.Effective, order.Status);
        Assert.Equal(PaymentState.NotRequired, order.Payment);
        Assert.Equal(Today, order.StartsOn);
        Assert.Equal(Today.AddYears(3).AddDays(-1), order.EndsOn);
        Assert.Equal(Now.AddDays(91), order.RecordalDueAt);
    }

    [Fact]
    public void A_paid_licence_waits_for_the_exact_amount_then_takes_effect_once()
    {
        var d = Published(LicenseFee.LumpSum(50_000.50m));
        var order = LicenseOrder.Notify(d, Enterprise, Person, "k", Now);
        Assert.Equal(LicenseStatus.Notified, order.Status);
        Assert.Equal(5_000_050, order.UpfrontFen);
        Assert.Throws<LicensingRuleException>(() => order.MarkPaid(d, 100, "pi_1", Now));
        Assert.True(order.MarkPaid(d, 5_000_050, "pi_1", Now.AddMinutes(5)));
        Assert.False(order.MarkPaid(d, 5_000_050, "pi_1", Now.AddMinutes(6)));
        Assert.Equal(LicenseStatus.Effective, order.Status);
        Assert.Equal(Now.AddMinutes(5), order.PaidAt);
    }

    [Fact]
    public void The_licence_never_runs_past_the_patents_expiry()
    {
        // Declared for 1 year while the patent had a year and a week left; taken a month later, the licence stops at the expiry.
        var d = Published(LicenseFee.Free(), term: 1, filed: new DateOnly(2007, 3, 10));
        var order = LicenseOrder.Notify(d, Enterprise, Person, "k", Now.AddDays(30));
        Assert.Equal(new DateOnly(2027, 3, 9), order.EndsOn);
    }

    [Fact]
    public void The_patentee_cannot_license_itself_and_a_request_needs_a_key()
    {
        var d = Published(LicenseFee.Free());
        Assert.Throws<LicensingRuleException>(() => LicenseOrder.Notify(d, University, Person, "k", Now));
        Assert.Throws<LicensingRuleException>(() => LicenseOrder.Notify(d, Enterprise, Person, "", Now));
    }

    [Fact]
    public void An_expired_checkout_cancels_an_unpaid_order_and_a_late_payment_still_makes_the_licence()
    {
        var d = Published(LicenseFee.LumpSum(100m));
        var order = LicenseOrder.Notify(d, Enterprise, Person, "k", Now);
        Assert.True(order.Cancel("checkout expired", Now));
        Assert.Null(order.OpenKey);
        Assert.False(order.Cancel("again", Now));
        Assert.True(order.MarkPaid(d, 10_000, "pi", Now));
        Assert.Equal(LicenseStatus.Effective, order.Status);
        Assert.NotNull(order.OpenKey);
        Assert.False(order.Cancel("expired event after payment", Now));
        Assert.Equal(LicenseStatus.Effective, order.Status);
    }

    [Fact]
    public void Recordal_closes_the_task_and_needs_the_number()
    {
        var order = LicenseOrder.Notify(Published(LicenseFee.Free()), Enterprise, Person, "k", Now);
        Assert.True(order.RecordalOverdue(Now.AddDays(92)));
        Assert.Throws<LicensingRuleException>(() => order.Record(" ", Now));
        order.Record("2026990000123", Now);
        Assert.Equal(LicenseStatus.Recorded, order.Status);
        Assert.False(order.RecordalOverdue(Now.AddDays(200)));
        Assert.Throws<LicensingRuleException>(() => order.Record("again", Now));
    }

    [Fact]
    public void An_unpaid_licence_cannot_be_recorded()
    {
        var order = LicenseOrder.Notify(Published(LicenseFee.LumpSum(10m)), Enterprise, Person, "k", Now);
        Assert.Throws<LicensingRuleException>(() => order.Record("2026990000123", Now));
    }

    [Fact]
    public void A_licence_expires_after_its_last_day()
    {
        var order = LicenseOrder.Notify(Published(LicenseFee.Free(), term: 1), Enterprise, Person, "k", Now);
        Assert.False(order.ExpireIfEnded(order.EndsOn!.Value));
        Assert.True(order.ExpireIfEnded(order.EndsOn!.Value.AddDays(1)));
        Assert.Equal(LicenseStatus.Expired, order.Status);
    }

    [Fact]
    public void Royalty_statements_compute_the_rate_and_top_up_the_annual_minimum_in_the_fourth_quarter()
    {
        var fee = LicenseFee.EntryPlusRoyalty(1_000m, 5m, RoyaltyBase.Sales, annualMinimum: 10_000m);
        var d = Published(fee);
        var order = LicenseOrder.Notify(d, Enterprise, Person, "k", Now);
        order.MarkPaid(d, 100_000, "pi", Now);
        var later = new DateTime(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var q2 = RoyaltyReport.File(order, fee, 2026, 2, 100_000m, 0m, [], Person, later);
        Assert.Equal(5_000m, q2.RoyaltyYuan);
        Assert.Throws<LicensingRuleException>(() => RoyaltyReport.File(order, fee, 2026, 2, 1m, 0m, [q2], Person, later));
        var q4 = RoyaltyReport.File(order, fee, 2026, 4, 20_000m, 5_000m, [q2], Person, later);
        Assert.Equal(5_000m, q4.RoyaltyYuan);
        Assert.Throws<LicensingRuleException>(() => RoyaltyReport.File(order, fee, 2027, 1, 1m, 0m, [], Person, later));
        Assert.Throws<LicensingRuleException>(() => RoyaltyReport.File(order, fee, 2026, 3, -1m, 0m, [], Person, later));
    }

    [Fact]
    public void Overdue_royalty_reports_are_the_ended_quarters_without_a_report_past_their_due_date()
    {
        var fee = LicenseFee.Royalty(3m, RoyaltyBase.Profit);
        var order = LicenseOrder.Notify(Published(fee), Enterprise, Person, "k", Now);
        var overdue = RoyaltyReport.Overdue(order, [], new DateOnly(2026, 11, 15));
        Assert.Equal([(2026, 1), (2026, 2), (2026, 3)], overdue);
        var q1 = RoyaltyReport.File(order, fee, 2026, 1, 10m, 0m, [], Person, new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal([(2026, 2), (2026, 3)], RoyaltyReport.Overdue(order, [q1], new DateOnly(2026, 11, 15)));
    }

    [Fact]
    public void A_free_licence_has_no_royalty_to_report() =>
        Assert.Throws<LicensingRuleException>(() => RoyaltyReport.File(LicenseOrder.Notify(Published(LicenseFee.Free()), Enterprise, Person, "k", Now),
            LicenseFee.Free(), 2026, 1, 1m, 0m, [], Person, Now.AddMonths(3)));
}
