using System.Text;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Saved.SavedScenario;

namespace Marketplace.Web.Tests.Saved;

/// <summary>In Chromium: sign in, search, save the search, add a result to a new collection, open it, export it as CSV.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class SavedBrowserTests(SqliteSite site, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_signed_in_user_saves_a_search_collects_a_result_and_exports_the_collection_as_CSV()
    {
        var applicant = Applicant();
        var wanted = Record(applicant, "一种钠离子电池正极材料");
        await IndexAsync(site, wanted, Record(applicant, "钠离子电池电解液", new DateOnly(2023, 6, 1)));
        var searchName = "钠电池 " + applicant[^6..];
        var collectionName = "钠电池候选 " + applicant[^6..];

        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.Locator("#Input_Email").FillAsync(Owner);
        await page.Locator("#Input_Password").FillAsync(DemoData.Password);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#sign-out")).ToBeVisibleAsync();

        await page.GotoAsync(SearchFor(applicant) + "&sort=newest");
        await Assertions.Expect(page.Locator("li.hit")).ToHaveCountAsync(2);
        await page.Locator("#save-search-name").FillAsync(searchName);
        await page.Locator("#save-search").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("检索已保存。");
        await Assertions.Expect(page.Locator("#saved-searches")).ToContainTextAsync(searchName);
        await Assertions.Expect(page.Locator("#saved-searches")).ToContainTextAsync("申请人: " + applicant + " · 排序：最新优先");
        await Browser.ScreenshotAsync(page, "saved-1-saved-searches", fullPage: true);

        await page.Locator("#saved-searches a.open-search", new() { HasText = searchName }).ClickAsync();
        var hit = page.Locator("li.hit", new() { HasText = "一种钠离子电池正极材料" });
        await hit.Locator(".collection-new-name").FillAsync(collectionName);
        await hit.Locator(".collection-note").FillAsync("联系许可");
        await Browser.ScreenshotAsync(page, "saved-2-search-with-collect", fullPage: true);
        await hit.Locator(".collection-add").ClickAsync();

        await Assertions.Expect(page.Locator("#collection-name")).ToHaveTextAsync(collectionName);
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("专利已加入收藏夹。");
        await Assertions.Expect(page.Locator("#collection-items li.collection-item")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#errors")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#collection-items")).ToContainTextAsync("联系许可");
        await Browser.ScreenshotAsync(page, "saved-3-collection", fullPage: true);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        var path = await download.PathAsync();
        var rows = Csv.Parse(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path)).TrimStart('\uFEFF'));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal(2, rows.Count);
        Assert.Equal(wanted.Id, rows[1][0]);
        Assert.Equal("一种钠离子电池正极材料", rows[1][2]);

        await page.Locator("#back-to-saved").ClickAsync();
        await Assertions.Expect(page.Locator("#collections")).ToContainTextAsync(collectionName);
        await Browser.ScreenshotAsync(page, "saved-4-saved-list", fullPage: true);
        await page.Context.CloseAsync();
    }
}
