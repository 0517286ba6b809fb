using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>The payee's account number is whole for the parties' members only; operators see its last four digits.</summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class BankAccountVisibilityTests(LicensingSite site)
{
    private const string Account = "6222021602001234567";

    private async Task<LicenseOrder> AwaitingTransferAsync()
    {
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var university = await db.Organizations.SingleAsync(o => o.Id == site.University);
            university.SetBankDetails("泉州大学（测试）", "中国工商银行泉州分行", Account);
            await db.SaveChangesAsync();
        }
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(8_000m), PaymentChannel.BankTransfer);
        return (await site.TakeAsync(declaration.Id, site.Enterprise)).Order;
    }

    [Theory]
    [InlineData("enterprise.member@demo.patent-marketplace.local")]
    [InlineData("university.member@demo.patent-marketplace.local")]
    public async Task Members_of_the_payer_awaiting_payment_and_of_the_licensor_see_the_whole_account_number(string member)
    {
        var order = await AwaitingTransferAsync();
        using var client = await site.CreateClient().SignInAsDemoAsync(member);

        var page = await client.PageAsync($"/licensing/orders/{order.Id}");

        Assert.Equal(Account, page.QuerySelector("#payee-account")?.TextContent);
        Assert.Null(page.QuerySelector("#payee-account-masked"));
    }

    [Fact]
    public async Task An_operator_sees_only_the_last_four_digits_of_the_account_number()
    {
        var order = await AwaitingTransferAsync();
        using var client = await site.CreateClient().SignInAsDemoAsync("operator@demo.patent-marketplace.local");

        using var response = await client.GetAsync($"/licensing/orders/{order.Id}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ReadAsync(response);

        Assert.Equal("**** 4567", page.QuerySelector("#payee-account")?.TextContent);
        Assert.NotNull(page.QuerySelector("#payee-account-masked"));
        Assert.DoesNotContain("602001234567", html, StringComparison.Ordinal);
        Assert.Equal("泉州大学（测试）", page.QuerySelector("#payee-name")?.TextContent);
    }
}
