using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>The licensing site on PostgreSQL (the shared test cluster): its unique indexes decide the same races as SQLite's.</summary>
public sealed class PostgreSqlLicensingSite() : LicensingSite(StripeStub.Start(), DatabaseProviders.PostgreSql);

[CollectionDefinition(Name)]
public sealed class PostgreSqlLicensingSiteGroup : ICollectionFixture<PostgreSqlLicensingSite>
{
    public const string Name = "licensing on PostgreSQL";
}

[Collection(PostgreSqlLicensingSiteGroup.Name)]
public sealed class PostgreSqlConcurrencyTests(PostgreSqlLicensingSite site)
{
    [Fact]
    public async Task Two_enterprises_at_once_each_get_their_own_and_a_double_click_gets_one()
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(700m));
        var key = Guid.NewGuid().ToString("N");
        var results = await Task.WhenAll(
            site.TakeAsync(declaration.Id, site.Enterprise, key),
            site.TakeAsync(declaration.Id, site.Enterprise, key),
            site.TakeAsync(declaration.Id, site.Enterprise),
            site.TakeAsync(declaration.Id, site.SecondEnterprise));
        Assert.Equal(2, results.Select(r => r.Order.Id).Distinct().Count());
        Assert.Equal(2, results.Count(r => r.Created));
        await using var scope = site.Scope();
        var orders = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().LicenseOrders.Where(o => o.DeclarationId == declaration.Id).ToListAsync();
        Assert.Equal([site.Enterprise, site.SecondEnterprise], orders.Select(o => o.LicenseeOrganizationId).Order());
    }

    [Fact]
    public async Task The_same_webhook_delivered_eight_times_at_once_is_applied_once()
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(900m));
        var (order, _) = await site.TakeAsync(declaration.Id, site.Enterprise);
        var session = await site.CheckoutAsync(order.Id);
        var payload = StripeStub.Event("evt_pg_" + order.Id.ToString("N"), "checkout.session.completed", site.Stripe.Complete(session));
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => site.PostWebhookAsync(payload, StripeStub.Sign(payload))));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        foreach (var r in responses) r.Dispose();
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(bodies, b => b.Contains("Applied", StringComparison.Ordinal));
        Assert.Equal(LicenseStatus.Effective, (await site.OrderAsync(order.Id)).Status);
        await using var scope = site.Scope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().PaymentEvents.CountAsync(e => e.OrderId == order.Id));
    }

    [Fact]
    public Task Two_confirmations_of_the_same_royalty_at_once_mark_it_paid_exactly_once() => RoyaltyPaymentTests.ConfirmTwiceAtOnceAsync(site);
}
