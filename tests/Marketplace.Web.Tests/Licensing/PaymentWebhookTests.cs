using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>
/// Payments done right: webhooks verified on the raw body, each event applied once, in any order, and
/// never from a forged payload; every create call idempotent; reconciliation with the provider's records.
/// The SDK talks to <see cref="StripeStub"/>; nothing reaches the network.
/// </summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class PaymentWebhookTests(LicensingSite site)
{
    private async Task<(LicenseOrder Order, string Session)> PendingOrderAsync(decimal yuan = 12_345.67m)
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(yuan));
        var (order, _) = await site.TakeAsync(declaration.Id, site.Enterprise);
        Assert.Equal(LicenseStatus.Notified, order.Status);
        return (order, await site.CheckoutAsync(order.Id));
    }

    private async Task<int> EventsAsync(Guid orderId)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().PaymentEvents.CountAsync(e => e.OrderId == orderId);
    }

    [Fact]
    public async Task Checkout_is_a_destination_charge_to_the_university_with_the_platform_fee_and_an_idempotency_key()
    {
        var (order, session) = await PendingOrderAsync(10_000m);
        var form = site.Stripe.CreatedForms.Single(f => f.GetValueOrDefault("metadata[license_order_id]") == order.Id.ToString());
        Assert.Equal("1000000", form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("cny", form["line_items[0][price_data][currency]"]);
        Assert.Equal("acct_test_university", form["payment_intent_data[transfer_data][destination]"]);
        Assert.Equal("30000", form["payment_intent_data[application_fee_amount]"]);
        Assert.All(site.Stripe.CreateKeys, k => Assert.False(string.IsNullOrEmpty(k)));
        // Asking for the payment page again reuses the open session instead of creating another.
        var count = site.Stripe.SessionCount;
        Assert.Equal(session, await site.CheckoutAsync(order.Id));
        Assert.Equal(count, site.Stripe.SessionCount);
    }

    [Fact]
    public async Task A_signed_completed_event_makes_exactly_one_licence_and_duplicates_and_replays_do_nothing()
    {
        var (order, session) = await PendingOrderAsync();
        var payload = StripeStub.Event("evt_completed_" + order.Id.ToString("N"), "checkout.session.completed", site.Stripe.Complete(session));

        using (var first = await site.PostWebhookAsync(payload, StripeStub.Sign(payload)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("Applied", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var duplicate = await site.PostWebhookAsync(payload, StripeStub.Sign(payload)))
            Assert.Contains("Duplicate", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A replay a minute later, signed again (still within the tolerance), is the same event id: nothing happens.
        using (var replay = await site.PostWebhookAsync(payload, StripeStub.Sign(payload, at: DateTimeOffset.UtcNow.AddMinutes(-1))))
            Assert.Contains("Duplicate", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var paid = await site.OrderAsync(order.Id);
        Assert.Equal(LicenseStatus.Effective, paid.Status);
        Assert.Equal(PaymentState.Paid, paid.Payment);
        Assert.Equal("pi_test_" + session[8..], paid.PaymentReference);
        Assert.Equal(1, await EventsAsync(order.Id));
        Assert.Equal(1, await site.NoticesAsync(site.Enterprise, "Your licence took effect: the contract is ready to download.", $"/licensing/orders/{order.Id}"));
    }

    [Fact]
    public async Task The_same_event_delivered_ten_times_at_once_is_applied_once()
    {
        var (order, session) = await PendingOrderAsync();
        var payload = StripeStub.Event("evt_burst_" + order.Id.ToString("N"), "checkout.session.completed", site.Stripe.Complete(session));
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => site.PostWebhookAsync(payload, StripeStub.Sign(payload))));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        foreach (var r in responses) r.Dispose();
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(bodies, b => b.Contains("Applied", StringComparison.Ordinal));
        Assert.Equal(1, await EventsAsync(order.Id));
        Assert.Equal(LicenseStatus.Effective, (await site.OrderAsync(order.Id)).Status);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("tampered-body")]
    [InlineData("stale")]
    [InlineData("missing")]
    public async Task A_forged_webhook_is_refused_and_makes_no_licence(string forgery)
    {
        var (order, session) = await PendingOrderAsync();
        var payload = StripeStub.Event("evt_forged_" + forgery + order.Id.ToString("N"), "checkout.session.completed", site.Stripe.Complete(session));
        var (body, signature) = forgery switch
        {
            "wrong-secret" => (payload, StripeStub.Sign(payload, "whsec_not_the_endpoint_secret")),
            "tampered-body" => (payload.Replace("\"paid\"", "\"paid\" ", StringComparison.Ordinal), StripeStub.Sign(payload)),
            "stale" => (payload, StripeStub.Sign(payload, at: DateTimeOffset.UtcNow.AddMinutes(-10))),
            _ => (payload, (string?)null),
        };
        using var response = await site.PostWebhookAsync(body, signature);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await site.OrderAsync(order.Id);
        Assert.Equal(LicenseStatus.Notified, after.Status);
        Assert.Equal(PaymentState.Pending, after.Payment);
        Assert.Equal(0, await EventsAsync(order.Id));
    }

    [Fact]
    public async Task An_expiry_delivered_after_the_payment_changes_nothing()
    {
        var (order, session) = await PendingOrderAsync();
        var completed = StripeStub.Event("evt_c_" + order.Id.ToString("N"), "checkout.session.completed", site.Stripe.Complete(session));
        var expired = StripeStub.Event("evt_e_" + order.Id.ToString("N"), "checkout.session.expired", site.Stripe.Session(session));
        (await site.PostWebhookAsync(completed, StripeStub.Sign(completed))).Dispose();
        using var late = await site.PostWebhookAsync(expired, StripeStub.Sign(expired));
        Assert.Contains("Ignored", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(LicenseStatus.Effective, (await site.OrderAsync(order.Id)).Status);
        Assert.Equal(2, await EventsAsync(order.Id));
    }

    [Fact]
    public async Task A_payment_delivered_after_an_expiry_still_makes_the_licence()
    {
        var (order, session) = await PendingOrderAsync();
        var expiredSnapshot = System.Text.Json.Nodes.JsonNode.Parse(site.Stripe.Session(session).ToJsonString())!.AsObject();
        expiredSnapshot["status"] = "expired";
        var expired = StripeStub.Event("evt_e2_" + order.Id.ToString("N"), "checkout.session.expired", expiredSnapshot);
        (await site.PostWebhookAsync(expired, StripeStub.Sign(expired))).Dispose();
        Assert.Equal(LicenseStatus.Cancelled, (await site.OrderAsync(order.Id)).Status);

        var completed = StripeStub.Event("evt_c2_" + order.Id.ToString("N"), "checkout.session.completed", site.Stripe.Complete(session));
        (await site.PostWebhookAsync(completed, StripeStub.Sign(completed))).Dispose();
        var after = await site.OrderAsync(order.Id);
        Assert.Equal(LicenseStatus.Effective, after.Status);
        Assert.Equal(PaymentState.Paid, after.Payment);
    }

    [Fact]
    public async Task A_payment_of_the_wrong_amount_is_recorded_but_makes_no_licence()
    {
        var (order, session) = await PendingOrderAsync();
        var s = site.Stripe.Complete(session);
        var wrong = System.Text.Json.Nodes.JsonNode.Parse(s.ToJsonString())!.AsObject();
        wrong["amount_total"] = 1;
        var payload = StripeStub.Event("evt_amount_" + order.Id.ToString("N"), "checkout.session.completed", wrong);
        using var response = await site.PostWebhookAsync(payload, StripeStub.Sign(payload));
        Assert.Contains("Ignored", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(LicenseStatus.Notified, (await site.OrderAsync(order.Id)).Status);
        await using var scope = site.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().PaymentEvents.SingleAsync(e => e.OrderId == order.Id);
        Assert.StartsWith("refused: The amount paid", stored.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconciliation_applies_a_payment_whose_webhook_never_came()
    {
        var (order, session) = await PendingOrderAsync();
        site.Stripe.Complete(session);
        await using var scope = site.Scope();
        var lines = await scope.ServiceProvider.GetRequiredService<LicenseService>().ReconcileAsync();
        var line = Assert.Single(lines, l => l.SessionId == session);
        Assert.Equal("marked paid", line.Action);
        Assert.Equal(LicenseStatus.Effective, (await site.OrderAsync(order.Id)).Status);
        // A second run finds nothing left to do for it.
        await using var again = site.Scope();
        Assert.Equal("none", Assert.Single(await again.ServiceProvider.GetRequiredService<LicenseService>().ReconcileAsync(), l => l.SessionId == session).Action);
    }

    [Fact]
    public async Task Two_enterprises_taking_the_same_licence_at_once_each_get_their_own()
    {
        var declaration = await site.PublishAsync(LicenseFee.Free());
        var results = await Task.WhenAll(site.TakeAsync(declaration.Id, site.Enterprise), site.TakeAsync(declaration.Id, site.SecondEnterprise));
        Assert.All(results, r => Assert.True(r.Created));
        Assert.NotEqual(results[0].Order.Id, results[1].Order.Id);
        Assert.All(results, r => Assert.Equal(LicenseStatus.Effective, r.Order.Status));
    }

    [Fact]
    public async Task One_enterprise_double_clicking_gets_one_licence()
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(500m));
        var key = Guid.NewGuid().ToString("N");
        var sameForm = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => site.TakeAsync(declaration.Id, site.Enterprise, key)));
        // Even two different forms (two tabs) give one live licence per declaration.
        var otherTab = await site.TakeAsync(declaration.Id, site.Enterprise);
        Assert.Single(sameForm.Select(r => r.Order.Id).Append(otherTab.Order.Id).Distinct());
        Assert.Single(sameForm, r => r.Created);
        await using var scope = site.Scope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().LicenseOrders.CountAsync(o => o.DeclarationId == declaration.Id));
    }

    [Fact]
    public async Task An_unverified_organisation_cannot_take_a_licence()
    {
        var declaration = await site.PublishAsync(LicenseFee.Free());
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var user = Guid.NewGuid();
        var unverified = Marketplace.Web.Organizations.Organization.Create("未认证企业", Marketplace.Web.Organizations.OrganizationType.Enterprise,
            Marketplace.Web.Organizations.UnifiedSocialCreditCode.Parse("91350500MA0000005" + Marketplace.Web.Organizations.UnifiedSocialCreditCode.CheckCharacterFor("91350500MA0000005")), user, DateTime.UtcNow);
        var loaded = await db.OpenLicenseDeclarations.Include(d => d.Patents).SingleAsync(d => d.Id == declaration.Id);
        await Assert.ThrowsAsync<LicensingRuleException>(() => scope.ServiceProvider.GetRequiredService<LicenseService>().TakeAsync(loaded, unverified, user, "k"));
    }
}
