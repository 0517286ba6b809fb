using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Hosting;
using Marketplace.Web.Jobs;
using Marketplace.Web.Notifications;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Web.Tests.Needs;

/// <summary>In-app notifications to people and organisations, read state, e-mail at once or in the daily digest.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class NotificationTests(SqliteSite site)
{
    private const string Member = "university.member@demo.patent-marketplace.local";

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = site.Scope();
        return (await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Users.SingleAsync(u => u.Email == email)).Id;
    }

    [Fact]
    public void A_notification_links_only_to_a_local_path()
    {
        Assert.Throws<ArgumentException>(() => Notification.Create(Guid.NewGuid(), null, "Hello {0}", "https://evil.example/", ["x"], DateTime.UtcNow));
        Assert.Throws<ArgumentException>(() => Notification.Create(Guid.NewGuid(), null, "Hello {0}", "//evil.example/", ["x"], DateTime.UtcNow));
        Assert.Throws<ArgumentException>(() => Notification.Create(Guid.NewGuid(), null, " ", "/needs", [], DateTime.UtcNow));
        var n = Notification.Create(Guid.NewGuid(), null, "Hello {0}", "/needs", ["世界"], DateTime.UtcNow);
        Assert.Equal(["世界"], n.ArgumentList());
    }

    [Fact]
    public async Task An_organisation_notification_reaches_every_member_with_its_own_read_state_and_the_unread_count_in_the_layout()
    {
        var university = await NeedsScenario.OrganizationIdAsync(site, DemoData.UniversityCode.Value);
        var marker = Guid.NewGuid().ToString("N")[..8];
        await using (var scope = site.Scope())
            await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(Recipient.Organization(university), "You are invited to answer the technical need “{0}”.", "/needs", marker);
        using var member = await site.CreateClient().SignInAsDemoAsync(Member);
        using var owner = await site.CreateClient().SignInAsDemoAsync(NeedsScenario.UniversityOwner);

        var page = await member.PageAsync("/notifications");
        var item = page.QuerySelectorAll("#notifications li.unread").Single(li => li.TextContent.Contains(marker, StringComparison.Ordinal));
        Assert.Contains("您受邀解答技术需求", item.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#unread-count"));
        using var opened = await member.PostFormAsync(item.QuerySelector("form")!, "/notifications?handler=Open", new Dictionary<string, string>());

        Assert.Equal("/needs", opened.Headers.Location!.OriginalString);
        Assert.Contains((await member.PageAsync("/notifications")).QuerySelectorAll("#notifications li.read"), li => li.TextContent.Contains(marker, StringComparison.Ordinal));
        Assert.Contains((await owner.PageAsync("/notifications")).QuerySelectorAll("#notifications li.unread"), li => li.TextContent.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_who_chose_the_daily_digest_gets_one_email_from_the_daily_run_and_nothing_on_the_next()
    {
        const string admin = "university.admin@demo.patent-marketplace.local";
        var userId = await UserIdAsync(admin);
        var marker = Guid.NewGuid().ToString("N")[..8];
        using (var client = await site.CreateClient().SignInAsDemoAsync(admin))
        using (var saved = await client.SubmitAsync("/notifications", "#delivery-form", new Dictionary<string, string> { ["delivery"] = "DailyDigest" }))
            Assert.Equal("/notifications?message=saved", saved.Headers.Location!.OriginalString);
        var mailsBefore = site.Mail.To(admin).Count;
        await using (var scope = site.Scope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
            await notifier.NotifyAsync(Recipient.User(userId), "A deal was assigned to you.", "/deals");
            await notifier.NotifyAsync(Recipient.User(userId), "{0} answered your technical need “{1}”.", "/needs", "某大学", marker);
        }
        Assert.Equal(mailsBefore, site.Mail.To(admin).Count);

        var scopes = site.Services.GetRequiredService<IServiceScopeFactory>();
        await DailyJobsJob.RunOnceAsync(scopes, NullLogger.Instance);
        var afterFirst = site.Mail.To(admin);
        await DailyJobsJob.RunOnceAsync(scopes, NullLogger.Instance);

        Assert.Equal(mailsBefore + 1, afterFirst.Count);
        var digest = afterFirst[^1];
        Assert.Contains("每日摘要", digest.Subject, StringComparison.Ordinal);
        Assert.Contains(marker, digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("有一项撮合交易已分配给您", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal(afterFirst.Count, site.Mail.To(admin).Count);
    }
}
