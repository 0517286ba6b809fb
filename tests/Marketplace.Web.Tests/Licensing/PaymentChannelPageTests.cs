using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>The licensing site with no Stripe secret key: bank transfer is the only channel and there is nothing to reconcile.</summary>
public sealed class LicensingSiteWithoutStripe() : LicensingSite(StripeStub.Start(), DatabaseProviders.Sqlite, stripeConfigured: false);

[CollectionDefinition(Name)]
public sealed class LicensingSiteWithoutStripeGroup : ICollectionFixture<LicensingSiteWithoutStripe>
{
    public const string Name = "licensing on SQLite without Stripe";
}

/// <summary>Which payment channels the declaration form offers, and whether operators can reconcile with Stripe, follow whether Stripe is configured.</summary>
public abstract class PaymentChannelPageTests(LicensingSite site)
{
    protected LicensingSite Site { get; } = site;

    protected const string Admin = "university.admin@demo.patent-marketplace.local";
    protected const string Operator = "operator@demo.patent-marketplace.local";

    /// <summary>A new draft, whose stored channel is the default one.</summary>
    protected async Task<Guid> DraftAsync()
    {
        var patent = await Site.AddPatentAsync();
        await using var scope = Site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == Site.University);
        return (await scope.ServiceProvider.GetRequiredService<DeclarationService>().CreateDraftAsync(university, Site.UniversityOwner, [patent])).Id;
    }

    protected async Task<PaymentChannel> StoredChannelAsync(Guid id)
    {
        await using var scope = Site.Scope();
        return (await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().OpenLicenseDeclarations.AsNoTracking().SingleAsync(d => d.Id == id)).PaymentChannel;
    }
}

[Collection(LicensingSiteWithoutStripeGroup.Name)]
public sealed class PaymentChannelWithoutStripeTests(LicensingSiteWithoutStripe site) : PaymentChannelPageTests(site)
{
    [Fact]
    public async Task The_declaration_form_offers_only_bank_transfer_and_starts_there()
    {
        var id = await DraftAsync();
        using var client = await Site.CreateClient().SignInAsDemoAsync(Admin);

        var page = await client.PageAsync($"/licensing/declarations/{id}");

        var options = page.QuerySelectorAll("#Terms_Channel option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["BankTransfer"], options);
        Assert.Equal("BankTransfer", page.QuerySelector("#Terms_Channel option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Saving_terms_with_online_payment_is_refused_with_a_message_and_stores_nothing()
    {
        var id = await DraftAsync();
        using var client = await Site.CreateClient().SignInAsDemoAsync(Admin);
        var url = $"/licensing/declarations/{id}";
        var page = await client.PageAsync(url);
        var form = page.QuerySelector("#terms-form")!;
        var values = Html.FormValues(form).Where(v => v.Key is not ("Terms.Channel" or "Terms.TermYears"))
            .Append(new("Terms.Channel", "Online")).Append(new("Terms.TermYears", "2"));
        var target = form.GetAttribute("action") is { Length: > 0 } action ? action : url;

        using var response = await client.Http.PostAsync(target, new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await Html.ReadAsync(response);
        Assert.Contains("本站未开通在线支付（未配置 Stripe），请选择银行转账。", refused.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        await using var scope = Site.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().OpenLicenseDeclarations.AsNoTracking().SingleAsync(d => d.Id == id);
        Assert.Equal(1, stored.TermYears);
    }

    [Fact]
    public async Task Operators_are_not_offered_reconciliation_with_Stripe()
    {
        using var client = await Site.CreateClient().SignInAsDemoAsync(Operator);

        var page = await client.PageAsync("/admin/licensing");

        Assert.NotNull(page.QuerySelector("main"));
        Assert.Null(page.QuerySelector("#reconcile"));
        Assert.DoesNotContain("与 Stripe 对账", page.Body!.TextContent, StringComparison.Ordinal);
    }
}

[Collection(LicensingSiteGroup.Name)]
public sealed class PaymentChannelWithStripeTests(LicensingSite site) : PaymentChannelPageTests(site)
{
    [Fact]
    public async Task The_declaration_form_offers_online_payment_and_bank_transfer_and_operators_can_reconcile()
    {
        var id = await DraftAsync();
        using var admin = await Site.CreateClient().SignInAsDemoAsync(Admin);
        using var operatorClient = await Site.CreateClient().SignInAsDemoAsync(Operator);

        var page = await admin.PageAsync($"/licensing/declarations/{id}");
        var review = await operatorClient.PageAsync("/admin/licensing");

        Assert.Equal(["Online", "BankTransfer"], page.QuerySelectorAll("#Terms_Channel option").Select(o => o.GetAttribute("value")).ToList());
        Assert.Equal(PaymentChannel.Online, await StoredChannelAsync(id));
        Assert.NotNull(review.QuerySelector("#reconcile"));
    }
}
