using Marketplace.Web.Data;
using Marketplace.Web.Notifications;
using Marketplace.Web.Saved;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Marketplace.Web.Tests.Saved.SavedScenario;

namespace Marketplace.Web.Tests.Saved;

/// <summary>
/// The alert job over a real index and database: the baseline is silent, new matches alert exactly once, a record
/// reloaded unchanged does not alert again, an open licence appearing on a match alerts once (ADR-010).
/// </summary>
public abstract class SavedSearchAlertTests(AccountsSite site)
{
    private Task<AlertRunSummary> RunAsync() =>
        SavedSearchAlertJob.RunOnceAsync(site.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger.Instance);

    private async Task<SavedSearch> SaveAsync(string applicant, bool alerts = true)
    {
        await using var scope = site.Scope();
        var service = scope.ServiceProvider.GetRequiredService<SavedSearchService>();
        return await service.SaveAsync(await UserIdAsync(site, Owner), "提醒 " + applicant[^8..], "f.applicant=" + Uri.EscapeDataString(applicant), alerts);
    }

    /// <summary>The owner's notifications about this saved search (its name is unique to the test), oldest first.</summary>
    private async Task<List<Notification>> NotificationsAsync(SavedSearch saved)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var link = "/saved/searches/" + saved.Id;
        var mine = await db.Notifications.Where(n => n.UserId == saved.UserId && n.Link.StartsWith(link)).ToListAsync();
        return [.. mine.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)];
    }

    [Fact]
    public async Task What_matched_when_saved_never_alerts_new_matches_alert_once_and_a_rerun_sends_nothing()
    {
        var applicant = Applicant();
        await IndexAsync(site, Record(applicant, "已有专利一"), Record(applicant, "已有专利二"));
        var saved = await SaveAsync(applicant);

        await RunAsync();
        Assert.Empty(await NotificationsAsync(saved));

        await IndexAsync(site, Record(applicant, "新专利一", new DateOnly(2026, 10, 1)), Record(applicant, "新专利二", new DateOnly(2020, 1, 1)), Record("别的申请人", "不匹配的专利"));
        var summary = await RunAsync();
        await RunAsync();

        Assert.True(summary.Notifications >= 1);
        var sent = Assert.Single(await NotificationsAsync(saved));
        Assert.Equal(SavedSearchAlerts.NewPatentsMessage, sent.MessageKey);
        // Two new patents, one of them with an old publication date: seen ids, not a date watermark, decide.
        Assert.Equal(["2", saved.Name], sent.ArgumentList());
        Assert.Equal($"/saved/searches/{saved.Id}", sent.Link);
        using var client = await site.CreateClient().SignInAsDemoAsync(Owner);
        var page = await client.PageAsync("/notifications");
        Assert.Contains($"您保存的检索“{saved.Name}”有 2 件新的匹配专利", page.QuerySelector("#notifications")!.TextContent, StringComparison.Ordinal);
        using var opened = await client.GetAsync(sent.Link);
        Assert.Equal("/search?f.applicant=" + Uri.EscapeDataString(applicant), opened.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Records_reloaded_unchanged_do_not_alert_again()
    {
        var applicant = Applicant();
        var records = new[] { Record(applicant, "重载专利一"), Record(applicant, "重载专利二") };
        await IndexAsync(site, records);
        var saved = await SaveAsync(applicant);

        await IndexAsync(site, records);
        await RunAsync();
        await IndexAsync(site, records);
        await RunAsync();

        Assert.Empty(await NotificationsAsync(saved));
    }

    [Fact]
    public async Task An_open_licence_appearing_on_a_match_alerts_once_with_a_link_to_the_licensed_matches()
    {
        var applicant = Applicant();
        var patent = Record(applicant, "即将开放许可的专利");
        await IndexAsync(site, patent, Record(applicant, "另一件专利"));
        var saved = await SaveAsync(applicant);
        await RunAsync();

        patent.Labels[global::Search.Indexer.Engine.LabelFacets.OpenLicense] = [global::Search.Indexer.Engine.LabelFacets.OpenLicenseAvailable];
        await IndexAsync(site, patent);
        await RunAsync();
        await RunAsync();

        var sent = Assert.Single(await NotificationsAsync(saved));
        Assert.Equal(SavedSearchAlerts.OpenLicenseMessage, sent.MessageKey);
        Assert.Equal(["1", saved.Name], sent.ArgumentList());
        using var client = await site.CreateClient().SignInAsDemoAsync(Owner);
        using var opened = await client.GetAsync(sent.Link);
        Assert.EndsWith("&f.open_license=available", opened.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_match_that_already_has_an_open_licence_is_one_new_patent_not_two_alerts()
    {
        var applicant = Applicant();
        await IndexAsync(site, Record(applicant, "基线专利"));
        var saved = await SaveAsync(applicant);

        await IndexAsync(site, Record(applicant, "带开放许可的新专利", openLicense: true));
        await RunAsync();

        var sent = Assert.Single(await NotificationsAsync(saved));
        Assert.Equal(SavedSearchAlerts.NewPatentsMessage, sent.MessageKey);
        Assert.Equal("1", sent.ArgumentList()[0]);
    }

    [Fact]
    public async Task Alerts_off_send_nothing_and_switching_them_on_takes_a_fresh_baseline()
    {
        var applicant = Applicant();
        await IndexAsync(site, Record(applicant, "关闭时已有"));
        var saved = await SaveAsync(applicant, alerts: false);
        await IndexAsync(site, Record(applicant, "关闭期间新增"));
        await RunAsync();
        Assert.Empty(await NotificationsAsync(saved));

        await using (var scope = site.Scope())
        {
            var service = scope.ServiceProvider.GetRequiredService<SavedSearchService>();
            await service.SetAlertsAsync((await service.FindAsync(saved.UserId, saved.Id))!, true);
        }
        await RunAsync();
        Assert.Empty(await NotificationsAsync(saved));

        await IndexAsync(site, Record(applicant, "开启之后新增"));
        await RunAsync();
        Assert.Equal(["1", saved.Name], Assert.Single(await NotificationsAsync(saved)).ArgumentList());
    }

    [Fact]
    public async Task A_search_without_a_baseline_gets_one_silently_on_its_first_run()
    {
        var applicant = Applicant();
        await IndexAsync(site, Record(applicant, "首轮专利"));
        SavedSearch saved;
        await using (var scope = site.Scope())
        {
            // As a search saved before alerts existed would be: alerts on, no baseline, nothing seen.
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            saved = SavedSearch.Create(await UserIdAsync(site, Owner), "无基线 " + applicant[^8..], "f.applicant=" + Uri.EscapeDataString(applicant), alertsEnabled: true, DateTime.UtcNow);
            db.Add(saved);
            await db.SaveChangesAsync();
        }

        await RunAsync();
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            Assert.NotNull((await db.SavedSearches.SingleAsync(s => s.Id == saved.Id)).BaselineAt);
            Assert.Equal(1, await db.SavedSearchSeen.CountAsync(s => s.SavedSearchId == saved.Id));
        }
        Assert.Empty(await NotificationsAsync(saved));
    }
}

[Collection(SqliteSiteGroup.Name)]
public sealed class SavedSearchAlertTests_on_SQLite(SqliteSite site) : SavedSearchAlertTests(site);

[Collection(PostgreSqlSiteGroup.Name)]
public sealed class SavedSearchAlertTests_on_PostgreSQL(PostgreSqlSite site) : SavedSearchAlertTests(site);
