using System.Net;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>
/// A bank-transfer licence tells the licensee whom to pay, at which bank, into which account and with which reference;
/// the licensor's owners and admins keep those details on the organisation page.
/// </summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class BankTransferPageTests(LicensingSite site)
{
    private const string LicensorAdmin = "university.admin@demo.patent-marketplace.local";
    private const string LicenseeOwner = "enterprise.owner@demo.patent-marketplace.local";
    private const string Account = "6222 0216 0200 1234 567";

    private async Task<HttpResponseMessage> SaveBankDetailsAsync(SiteClient client, string account) =>
        await client.SubmitAsync($"/organizations/{site.University}", "#bank-details-form", new Dictionary<string, string>
        {
            ["Bank.PayeeName"] = "泉州大学（测试）",
            ["Bank.BankName"] = "中国工商银行泉州分行",
            ["Bank.AccountNumber"] = account,
        });

    private async Task<LicenseOrder> BankTransferOrderAsync()
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(8_000m), PaymentChannel.BankTransfer);
        return (await site.TakeAsync(declaration.Id, site.Enterprise)).Order;
    }

    [Fact]
    public async Task The_licensee_sees_the_payee_bank_account_and_remittance_reference_on_the_licence_page()
    {
        using var licensor = await site.CreateClient().SignInAsDemoAsync(LicensorAdmin);
        using var saved = await SaveBankDetailsAsync(licensor, Account);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var order = await BankTransferOrderAsync();
        using var licensee = await site.CreateClient().SignInAsDemoAsync(LicenseeOwner);

        var page = await licensee.PageAsync($"/licensing/orders/{order.Id}");

        Assert.Equal("泉州大学（测试）", page.QuerySelector("#payee-name")?.TextContent);
        Assert.Equal("中国工商银行泉州分行", page.QuerySelector("#payee-bank")?.TextContent);
        Assert.Equal("6222021602001234567", page.QuerySelector("#payee-account")?.TextContent);
        Assert.Equal(order.Reference, page.QuerySelector("#remittance-reference")?.TextContent);
        Assert.Null(page.QuerySelector("#confirm-transfer"));
        var licensorPage = await licensor.PageAsync($"/licensing/orders/{order.Id}");
        Assert.NotNull(licensorPage.QuerySelector("#confirm-transfer"));
    }

    [Fact]
    public async Task Saving_bank_details_is_audited_without_the_account_number()
    {
        using var licensor = await site.CreateClient().SignInAsDemoAsync(LicensorAdmin);

        using var saved = await SaveBankDetailsAsync(licensor, Account);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var scope = site.Scope();
        var entries = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.BankDetailsChanged && e.OrganizationId == site.University).ToListAsync();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.DoesNotContain("1234567", $"{e.Subject} {e.Detail}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("6222-0216-02AB-1234")]
    [InlineData("1234567890123456789012345678901")]
    public async Task An_account_number_without_8_to_30_digits_is_refused_with_a_field_error(string account)
    {
        using var licensor = await site.CreateClient().SignInAsDemoAsync(LicensorAdmin);

        using var refused = await SaveBankDetailsAsync(licensor, account);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ReadAsync(refused);
        Assert.Equal("银行账号应为 8 至 30 位数字。", page.QuerySelector("[data-valmsg-for='Bank.AccountNumber']")?.TextContent);
        await using var scope = site.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Organizations.AsNoTracking().SingleAsync(o => o.Id == site.University);
        Assert.NotEqual(account, stored.PayeeAccountNumber);
    }

    [Fact]
    public async Task Members_who_are_not_owners_or_admins_cannot_change_the_bank_details()
    {
        using var member = await site.CreateClient().SignInAsDemoAsync("university.member@demo.patent-marketplace.local");

        var page = await member.PageAsync($"/organizations/{site.University}");

        Assert.Null(page.QuerySelector("#bank-details-form"));
    }

    [Fact]
    public async Task The_ledger_row_links_to_its_licence()
    {
        var order = await BankTransferOrderAsync();
        using var licensee = await site.CreateClient().SignInAsDemoAsync(LicenseeOwner);

        var page = await licensee.PageAsync("/licensing/ledger");

        var link = page.QuerySelectorAll("#ledger a").SingleOrDefault(a => a.TextContent == order.Reference);
        Assert.Equal($"/licensing/orders/{order.Id}", link?.GetAttribute("href"));
    }
}

/// <summary>Before the licensor gives bank details, neither party is left guessing.</summary>
[Collection(LicensingSiteWithoutStripeGroup.Name)]
public sealed class BankTransferWithoutBankDetailsTests(LicensingSiteWithoutStripe site)
{
    [Fact]
    public async Task The_licensee_is_told_the_licensor_has_no_bank_details_yet_and_the_licensor_is_linked_to_add_them()
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(8_000m), PaymentChannel.BankTransfer);
        var (order, _) = await site.TakeAsync(declaration.Id, site.Enterprise);
        using var licensee = await site.CreateClient().SignInAsDemoAsync("enterprise.owner@demo.patent-marketplace.local");
        using var licensor = await site.CreateClient().SignInAsDemoAsync("university.admin@demo.patent-marketplace.local");

        var payerPage = await licensee.PageAsync($"/licensing/orders/{order.Id}");
        var licensorPage = await licensor.PageAsync($"/licensing/orders/{order.Id}");

        Assert.Contains("许可方尚未提供收款账户", payerPage.QuerySelector("#bank-details-missing")?.TextContent, StringComparison.Ordinal);
        Assert.Null(payerPage.QuerySelector("#payee-account"));
        Assert.Equal($"/organizations/{site.University}#bank-details", licensorPage.QuerySelector("#add-bank-details")?.GetAttribute("href"));
    }
}
