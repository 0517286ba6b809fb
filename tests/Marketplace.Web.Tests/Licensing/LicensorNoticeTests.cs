using Marketplace.Web.Data;
using Marketplace.Web.Hosting;
using Marketplace.Web.Jobs;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>
/// Licensing tells people through the one notifier: the licensor's members see in-app notices (notifications page and
/// declarations page, one table), e-mails link to the site with absolute addresses, and royalty reminders come from
/// the daily-job host.
/// </summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class LicensorNoticeTests(LicensingSite site)
{
    private const string UniversityMember = "university.member@demo.patent-marketplace.local";
    private const string UniversityOwner = "university.owner@demo.patent-marketplace.local";

    private async Task<LicenseOrder> TakeAndPayByTransferAsync(Guid declarationId)
    {
        var (order, created) = await site.TakeAsync(declarationId, site.SecondEnterprise);
        Assert.True(created);
        await using var scope = site.Scope();
        var licenses = scope.ServiceProvider.GetRequiredService<LicenseService>();
        await licenses.ConfirmTransferAsync((await licenses.FindAsync(order.Id))!, "ICBC-" + order.Reference);
        return order;
    }

    [Fact]
    public async Task A_member_of_the_licensor_sees_notices_of_the_publication_and_of_the_licence_taken_and_paid_on_both_pages()
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(2_000m), PaymentChannel.BankTransfer);
        var order = await TakeAndPayByTransferAsync(declaration.Id);
        using var member = await site.CreateClient().SignInAsDemoAsync(UniversityMember);

        // Tests of this collection run one after another: the three newest notifications are this test's, newest first.
        var newest = (await member.PageAsync("/notifications")).QuerySelectorAll("#notifications li.unread button").Take(3).Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(["您的开放许可有一项许可已付款生效：请在三个月内办理备案。", "有企业书面通知实施您的开放许可。", "您的开放许可声明已公告。"], newest);

        var notices = (await member.PageAsync("/licensing/declarations")).QuerySelectorAll("#notices li a")
            .Select(a => (Link: a.GetAttribute("href"), Text: a.TextContent.Trim())).ToList();
        Assert.Contains(($"/licensing/declarations/{declaration.Id}", "您的开放许可声明已公告。"), notices);
        Assert.Contains(($"/licensing/orders/{order.Id}", "有企业书面通知实施您的开放许可。"), notices);
        Assert.Contains(($"/licensing/orders/{order.Id}", "您的开放许可有一项许可已付款生效：请在三个月内办理备案。"), notices);
    }

    [Fact]
    public async Task Licensing_emails_link_to_the_site_with_absolute_addresses()
    {
        var origin = site.BaseAddress.ToString().TrimEnd('/');
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(3_000m), PaymentChannel.BankTransfer);
        var published = site.Mail.LastTo(UniversityOwner).TextBody;
        var (order, _) = await site.TakeAsync(declaration.Id, site.SecondEnterprise);
        var taken = site.Mail.LastTo(UniversityOwner).TextBody;

        Assert.Contains($"{origin}/licensing/declarations/{declaration.Id}", published, StringComparison.Ordinal);
        Assert.Contains($"{origin}/licensing/orders/{order.Id}", taken, StringComparison.Ordinal);
        Assert.Contains($"{origin}/notifications", taken, StringComparison.Ordinal);
        Assert.All(published.Split('\n').Concat(taken.Split('\n')).Where(line => line.Contains("/licensing/", StringComparison.Ordinal)),
            line => Assert.Contains(origin + "/licensing/", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Royalty_reminders_are_sent_by_the_daily_job_host()
    {
        var declaration = await site.PublishAsync(LicenseFee.Royalty(3m, RoyaltyBase.Sales));
        Guid orderId;
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            // A royalty-only licence that took effect eight months ago: quarters have ended with no report.
            var loaded = await db.OpenLicenseDeclarations.Include(d => d.Patents).SingleAsync(d => d.Id == declaration.Id);
            var order = LicenseOrder.Notify(loaded, site.SecondEnterprise, Guid.NewGuid(), "daily-" + Guid.NewGuid().ToString("N"), DateTime.UtcNow.AddMonths(-8));
            db.LicenseOrders.Add(order);
            await db.SaveChangesAsync();
            orderId = order.Id;
        }
        const string reminder = "A royalty report is overdue: report your sales on the licence page.";
        var link = $"/licensing/orders/{orderId}";
        Assert.Equal(0, await site.NoticesAsync(site.SecondEnterprise, reminder, link));

        await DailyJobsJob.RunOnceAsync(site.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger.Instance);

        Assert.Equal(1, await site.NoticesAsync(site.SecondEnterprise, reminder, link));
        Assert.DoesNotContain(site.Services.GetServices<IHostedService>(), s => s.GetType().Name == nameof(RoyaltyReminders));
    }
}
