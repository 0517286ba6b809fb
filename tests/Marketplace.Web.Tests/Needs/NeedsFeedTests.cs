using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Hosting;
using Marketplace.Web.Jobs;
using Marketplace.Web.Licensing;
using Marketplace.Web.Needs;
using Marketplace.Web.Notifications;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Search.Indexer.Engine;
using static Marketplace.Web.Tests.Needs.NeedsScenario;

namespace Marketplace.Web.Tests.Needs;

/// <summary>The universities' side: the feed of needs in their portfolio's fields, field alerts once per need, saved-need alerts through the daily run.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class NeedsFeedTests(SqliteSite site)
{
    private const string FieldAlertKey = "A new need in your fields: {0}";

    /// <summary>The demo university claims its two photovoltaic patents into its portfolio (once).</summary>
    internal static async Task ClaimPortfolioAsync(AccountsSite site)
    {
        await EnsureAsync(site);
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var portfolio = scope.ServiceProvider.GetRequiredService<PortfolioService>();
        var university = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.UniversityCode.Value);
        foreach (var id in new[] { UniversityCleaner.Id, UniversityDrone.Id })
            if (!await db.PortfolioClaims.AnyAsync(c => c.OrganizationId == university.Id && c.PatentId == id))
                await portfolio.ClaimAsync(university, id, Guid.NewGuid());
    }

    private async Task<NeedViewer> EnterpriseViewerAsync()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var owner = await db.Users.SingleAsync(u => u.Email == EnterpriseOwner);
        var enterprise = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.EnterpriseCode.Value);
        return new NeedViewer(owner.Id, enterprise.Id, OrganizationType.Enterprise, false) { Verified = true };
    }

    [Fact]
    public async Task The_feed_shows_public_and_invited_needs_in_the_portfolios_fields_with_why_and_never_a_need_the_university_may_not_see()
    {
        await ClaimPortfolioAsync(site);
        var marker = Guid.NewGuid().ToString("N")[..6];
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        using var university = await site.CreateClient().SignInAsDemoAsync(UniversityMember);
        using var enterpriseMember = await site.CreateClient().SignInAsDemoAsync("enterprise.member@demo.patent-marketplace.local");
        var open = await PostNeedAsync(enterprise, $"公开的光伏清洁需求{marker}");
        await PostNeedAsync(enterprise, $"仅运营可见的光伏需求{marker}", NeedVisibility.OperatorsOnly);
        await PostNeedAsync(enterprise, $"未邀请的光伏需求{marker}", NeedVisibility.InvitedUniversities);
        var invited = await PostNeedAsync(enterprise, $"已邀请的光伏需求{marker}", NeedVisibility.InvitedUniversities);
        await using (var scope = site.Scope())
        {
            var needs = scope.ServiceProvider.GetRequiredService<NeedService>();
            await needs.InviteAsync((await needs.FindAsync(invited))!, await EnterpriseViewerAsync(), await OrganizationIdAsync(site, DemoData.UniversityCode.Value));
        }

        var feed = await university.PageAsync("/needs/feed");
        var items = feed.QuerySelectorAll("#feed li.feed-item");
        var text = string.Join("\n", items.Select(i => i.TextContent));
        var openItem = feed.QuerySelector($"#need-{open}")!;
        using var refused = await enterpriseMember.GetAsync("/needs/feed");
        var transfersOnly = await university.PageAsync("/needs/feed?outcome=Transfer");

        Assert.Contains($"公开的光伏清洁需求{marker}", text, StringComparison.Ordinal);
        Assert.Matches("贵单位专利组合中有 [12] 件专利属于", openItem.QuerySelector(".why")!.TextContent);
        Assert.NotNull(feed.QuerySelector($"#need-{invited} .invited"));
        Assert.Contains("企业邀请贵单位解答", feed.QuerySelector($"#need-{invited} .why")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain($"仅运营可见的光伏需求{marker}", feed.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain($"未邀请的光伏需求{marker}", feed.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(transfersOnly.QuerySelector($"#need-{open}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await university.GetAsync("/needs/feed?chain=no-such-chain")).StatusCode);
        var english = await university.PageAsync("/needs/feed?culture=en");
        Assert.Equal("Needs in your fields", english.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Your portfolio has", english.QuerySelector($"#need-{open} .why")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_feed_ranks_by_field_overlap_and_recency()
    {
        var now = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        IReadOnlyList<FieldOverlap> wide = [new(FieldOverlap.Chain, "new-energy", 12), new(FieldOverlap.Ipc, "H01M", 5)];
        IReadOnlyList<FieldOverlap> narrow = [new(FieldOverlap.Chain, "new-energy", 1)];

        Assert.True(NeedFeedService.Score(wide, false, now, now) > NeedFeedService.Score(narrow, false, now, now));
        Assert.True(NeedFeedService.Score(wide, false, now, now) > NeedFeedService.Score(wide, false, now.AddDays(-60), now));
        Assert.True(NeedFeedService.Score(narrow, true, now, now) > NeedFeedService.Score(narrow, false, now, now));
        Assert.Equal(0, NeedFeedService.Score([], false, now, now));
    }

    [Fact]
    public async Task A_public_need_in_the_universitys_fields_alerts_its_members_once_and_a_hidden_need_never()
    {
        await ClaimPortfolioAsync(site);
        var marker = Guid.NewGuid().ToString("N")[..6];
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        var university = await OrganizationIdAsync(site, DemoData.UniversityCode.Value);
        int members;
        await using (var scope = site.Scope())
            members = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Memberships.CountAsync(m => m.OrganizationId == university);

        var open = await PostNeedAsync(enterprise, $"领域提醒的光伏清洁需求{marker}");
        var hidden = await PostNeedAsync(enterprise, $"领域提醒的仅运营需求{marker}", NeedVisibility.OperatorsOnly);
        int Count(MarketplaceDbContext db, Guid need) => db.Notifications.AsNoTracking().Count(n => n.MessageKey == FieldAlertKey && n.Link == $"/needs/{need}" && n.OrganizationId == university);
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            Assert.Equal(members, Count(db, open));
            await scope.ServiceProvider.GetRequiredService<NeedFeedService>().RunFieldAlertsAsync();
            Assert.Equal(members, Count(db, open));
            Assert.Equal(0, Count(db, hidden));
            Assert.Equal(NeedFieldAlert.Field, (await db.NeedFieldAlerts.SingleAsync(a => a.NeedId == open && a.OrganizationId == university)).Reason);
        }
        Assert.Contains(site.Mail.To(UniversityOwner), m => m.TextBody.Contains($"您关注领域的新需求：领域提醒的光伏清洁需求{marker}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_daily_run_tells_the_enterprise_once_of_a_new_matching_patent()
    {
        await EnsureAsync(site);
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        var id = await PostNeedAsync(enterprise, "日常提醒测试：石墨烯导热膜用于光伏清洁机器人散热");
        var scopes = site.Services.GetRequiredService<IServiceScopeFactory>();
        int Count()
        {
            using var scope = scopes.CreateScope();
            return scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Notifications.AsNoTracking()
                .Count(n => n.Link == $"/needs/{id}/candidates" && n.MessageKey == "{0} new matching patents for your need “{1}”.");
        }
        int members;
        await using (var scope = site.Scope())
            members = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Memberships
                .CountAsync(m => m.OrganizationId == scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Organizations.Single(o => o.CreditCode == DemoData.EnterpriseCode.Value).Id);

        await DailyJobsJob.RunOnceAsync(scopes, NullLogger.Instance);
        var before = Count();
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([Record("CN990000021B", "石墨烯导热膜光伏清洁机器人", "一种石墨烯导热膜，用于光伏清洁机器人的散热，无需用水清除积灰。", UniversityName, global::Search.Indexer.Records.PartyType.University, "H02S40/10")]);
        await index.CommitAsync();
        await DailyJobsJob.RunOnceAsync(scopes, NullLogger.Instance);
        var afterNew = Count();
        await DailyJobsJob.RunOnceAsync(scopes, NullLogger.Instance);

        Assert.Equal(0, before);
        Assert.Equal(members, afterNew);
        Assert.Equal(afterNew, Count());
    }
}
