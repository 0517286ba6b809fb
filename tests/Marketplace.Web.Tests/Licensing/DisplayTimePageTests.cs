using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Needs;
using Marketplace.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>Licensing, deal and notification pages show a known UTC instant in China Standard Time, labelled, not as UTC.</summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class DisplayTimePageTests(LicensingSite site)
{
    private const string UniversityOwner = "university.owner@demo.patent-marketplace.local";
    private const string Operator = "operator@demo.patent-marketplace.local";

    // 02:30 UTC is 10:30 in Beijing.
    private static readonly DateTime KnownInstant = new(2026, 12, 7, 2, 30, 0, DateTimeKind.Utc);
    private const string Shown = "2026-12-07 10:30（北京时间，UTC+8）";

    [Fact]
    public async Task A_notification_shows_in_China_Standard_Time_with_its_label_on_the_notifications_and_declarations_pages()
    {
        var link = "/licensing/declarations?time-test=" + Guid.NewGuid().ToString("N");
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var owner = await db.Users.SingleAsync(u => u.Email == UniversityOwner);
            // Far ahead of anything the clock writes, so it heads both lists.
            db.Notifications.Add(Notification.Create(owner.Id, site.University, "Terms saved.", link, [], new DateTime(2099, 12, 7, 2, 30, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync();
        }
        using var client = await site.CreateClient().SignInAsDemoAsync(UniversityOwner);

        foreach (var url in new[] { "/notifications", "/licensing/declarations" })
        {
            var page = await client.PageAsync(url);
            var item = page.QuerySelectorAll("li").Single(li => li.TextContent.Contains("2099-12-07", StringComparison.Ordinal));
            Assert.Contains("2099-12-07 10:30（北京时间，UTC+8）", item.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("2099-12-07 02:30", item.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_licence_page_shows_the_written_notice_time_in_China_Standard_Time()
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(1_000m), PaymentChannel.BankTransfer);
        var (order, _) = await site.TakeAsync(declaration.Id, site.Enterprise);
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await db.LicenseOrders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.NotifiedAt, KnownInstant));
        }
        using var client = await site.CreateClient().SignInAsDemoAsync(UniversityOwner);

        var page = await client.PageAsync($"/licensing/orders/{order.Id}");

        Assert.Contains(Shown, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deal_shows_its_history_in_China_Standard_Time()
    {
        var lead = Deal.OpenLead(Guid.NewGuid(), Guid.NewGuid(), "时间显示测试线索", ["CN100000001A"], null, Guid.NewGuid(), "", KnownInstant);
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            db.Deals.Add(lead);
            await db.SaveChangesAsync();
        }
        using var client = await site.CreateClient().SignInAsDemoAsync(Operator);

        var page = await client.PageAsync($"/deals/{lead.Id}");

        Assert.Contains(Shown, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-12-07 02:30", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
