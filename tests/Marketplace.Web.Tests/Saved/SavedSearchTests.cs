using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Saved;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Saved.SavedScenario;

namespace Marketplace.Web.Tests.Saved;

/// <summary>Saving a search from the search page, the /saved list, opening, renaming, alerts on/off, deleting; only the owner reaches one.</summary>
public abstract class SavedSearchTests(AccountsSite site)
{
    private async Task<(SiteClient Client, Guid Id, string Name)> SaveAsync(string applicant, bool alerts = true)
    {
        var client = await site.CreateClient().SignInAsDemoAsync(Owner);
        var name = "检索 " + applicant[^6..];
        using var response = await client.SubmitAsync(SearchFor(applicant) + "&sort=newest&page=1", "#save-search-form",
            new Dictionary<string, string> { ["Name"] = name, ["Alerts"] = alerts ? "true" : "false" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/saved?message=saved", response.Headers.Location!.OriginalString);
        await using var scope = site.Scope();
        var saved = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SavedSearches.SingleAsync(s => s.Name == name);
        return (client, saved.Id, name);
    }

    [Fact]
    public async Task A_search_saved_from_the_search_page_is_listed_and_opening_it_runs_the_same_search()
    {
        var applicant = Applicant();
        var (client, id, name) = await SaveAsync(applicant);
        using var _ = client;

        var list = await client.PageAsync("/saved");
        var row = list.QuerySelectorAll("#saved-searches tr.saved-search").Single(r => r.GetAttribute("data-id") == id.ToString());
        Assert.Equal(name, row.QuerySelector("a.open-search")!.TextContent);
        Assert.Contains("开", row.QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
        var english = await client.PageAsync("/saved?culture=en");
        Assert.Equal("Saved searches and collections", english.QuerySelector("h1")!.TextContent);
        Assert.Contains("Applicant: " + applicant + " · sorted: Newest first", english.QuerySelector($"tr.saved-search[data-id='{id}']")!.TextContent, StringComparison.Ordinal);
        using var opened = await client.GetAsync($"/saved/searches/{id}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        // Page and size are not part of a saved search; filters and sort are, in one canonical order.
        Assert.Equal("/search?f.applicant=" + Uri.EscapeDataString(applicant) + "&sort=newest", opened.Headers.Location!.OriginalString);
        using var openLicenses = await client.GetAsync($"/saved/searches/{id}?open=1");
        Assert.EndsWith("&f.open_license=available", openLicenses.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_alerts_off_and_delete_work_for_the_owner_from_the_list()
    {
        var (client, id, _) = await SaveAsync(Applicant());
        using var _c = client;
        var newName = "改名 " + Guid.NewGuid().ToString("N")[..6];

        using (var renamed = await client.PostFormAsync(await FormAsync(client, id, "rename-form"), "/saved", new Dictionary<string, string> { ["name"] = newName }))
            Assert.Equal("/saved?message=renamed", renamed.Headers.Location!.OriginalString);
        using (var off = await client.PostFormAsync(await FormAsync(client, id, "alerts-form"), "/saved", new Dictionary<string, string>()))
            Assert.Equal("/saved?message=alerts-off", off.Headers.Location!.OriginalString);
        await using (var scope = site.Scope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SavedSearches.SingleAsync(s => s.Id == id);
            Assert.Equal(newName, saved.Name);
            Assert.False(saved.AlertsEnabled);
        }
        using (var deleted = await client.PostFormAsync(await FormAsync(client, id, "delete-form"), "/saved", new Dictionary<string, string>()))
            Assert.Equal("/saved?message=deleted", deleted.Headers.Location!.OriginalString);
        using var gone = await client.GetAsync($"/saved/searches/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static async Task<AngleSharp.Dom.IElement> FormAsync(SiteClient client, Guid id, string formClass)
    {
        var page = await client.PageAsync("/saved");
        return page.QuerySelector($"tr.saved-search[data-id='{id}'] form.{formClass}")!;
    }

    [Fact]
    public async Task Someone_else_neither_opens_nor_changes_a_saved_search()
    {
        var (owner, id, name) = await SaveAsync(Applicant());
        using var _o = owner;
        using var other = await site.CreateClient().SignInAsDemoAsync(Other);
        var token = await other.AntiforgeryTokenAsync("/saved");

        using var open = await other.GetAsync($"/saved/searches/{id}");
        using var rename = await other.Http.PostAsync($"/saved?handler=Rename&id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "stolen", ["__RequestVerificationToken"] = token }));
        using var delete = await other.Http.PostAsync($"/saved?handler=Delete&id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.DoesNotContain(name, (await other.PageAsync("/saved")).Body!.TextContent, StringComparison.Ordinal);
        await using var scope = site.Scope();
        Assert.Equal(name, (await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SavedSearches.SingleAsync(s => s.Id == id)).Name);
    }

    [Theory]
    [InlineData("", "f.applicant=x", "名称：请输入名称。")]
    [InlineData("   ", "f.applicant=x", "名称：请输入名称。")]
    [InlineData("LONG", "f.applicant=x", "名称：最多 100 个字符（当前 101 个）。")]
    [InlineData("ok", "", "检索式：没有可保存的内容")]
    [InlineData("ok", "f.colour=red", "检索式：要保存的检索无效")]
    [InlineData("ok", "q=title%3A(", "检索式：存在语法错误")]
    public async Task An_invalid_save_shows_which_field_is_wrong_and_saves_nothing(string name, string query, string message)
    {
        using var client = await site.CreateClient().SignInAsDemoAsync(Owner);
        var userId = await UserIdAsync(site, Owner);
        int before;
        await using (var scope = site.Scope())
            before = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SavedSearches.CountAsync(s => s.UserId == userId);

        using var response = await client.SubmitAsync("/saved/save", "#save-search-form",
            new Dictionary<string, string> { ["Name"] = name == "LONG" ? new string('名', 101) : name, ["Query"] = query });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ReadAsync(response);
        Assert.Contains(message, page.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        await using (var scope = site.Scope())
            Assert.Equal(before, await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SavedSearches.CountAsync(s => s.UserId == userId));
    }

    [Fact]
    public async Task A_second_search_with_the_same_name_is_refused()
    {
        var (client, _, name) = await SaveAsync(Applicant());
        using var _c = client;

        using var response = await client.SubmitAsync(SearchFor(Applicant()), "#save-search-form", new Dictionary<string, string> { ["Name"] = name });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"名称：您已有名为“{name}”的保存检索。", (await Html.ReadAsync(response)).QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hundred_and_first_saved_search_is_refused_with_the_limit_named()
    {
        // A person of their own, so the other tests' searches do not count towards the limit.
        var email = $"saved-limit-{Guid.NewGuid():N}@example.org";
        Guid userId;
        await using (var scope = site.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Marketplace.Web.Accounts.MarketplaceUser>>();
            var user = new Marketplace.Web.Accounts.MarketplaceUser(email, "Limit", DateTime.UtcNow) { EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Marketplace.Web.Demo.DemoData.Password)).Succeeded);
            userId = user.Id;
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            for (var i = 0; i < SavedSearchService.MaxPerUser; i++)
                db.Add(SavedSearch.Create(userId, $"s{i}", "f.applicant=x" + i, alertsEnabled: false, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        using var client = site.CreateClient();
        using (var signIn = await client.SignInAsync(email, Marketplace.Web.Demo.DemoData.Password))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var response = await client.SubmitAsync(SearchFor(Applicant()), "#save-search-form", new Dictionary<string, string> { ["Name"] = "one more" });

        Assert.Contains("您已保存 100 个检索，已达上限", (await Html.ReadAsync(response)).QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        await using (var scope = site.Scope())
            Assert.Equal(SavedSearchService.MaxPerUser, await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SavedSearches.CountAsync(s => s.UserId == userId));
    }

    [Fact]
    public async Task A_visitor_is_offered_sign_in_instead_of_the_save_form()
    {
        using var client = site.CreateClient();

        var page = await client.PageAsync(SearchFor(Applicant()));

        Assert.Null(page.QuerySelector("#save-search-form"));
        Assert.StartsWith("/account/login?ReturnUrl=", page.QuerySelector("#sign-in-to-save")!.GetAttribute("href"), StringComparison.Ordinal);
        using var saved = await client.GetAsync("/saved");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith("/account/login", saved.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}

[Collection(SqliteSiteGroup.Name)]
public sealed class SavedSearchTests_on_SQLite(SqliteSite site) : SavedSearchTests(site);

[Collection(PostgreSqlSiteGroup.Name)]
public sealed class SavedSearchTests_on_PostgreSQL(PostgreSqlSite site) : SavedSearchTests(site);
