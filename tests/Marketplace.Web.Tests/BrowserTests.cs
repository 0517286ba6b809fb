using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests;

/// <summary>End to end in a real Chromium against the app on a Kestrel loopback port; each test leaves a screenshot.</summary>
[Collection(SharedSite.Name)]
public sealed class BrowserTests(MarketplaceSite site, Browser browser) : IClassFixture<Browser>
{
    // Words the real sample patents contain: five Chinese drone patents; US, EP and WO "… processing" titles.
    private const string ChineseQuery = "无人机";
    private const string EnglishQuery = "processing";

    [Fact]
    public async Task A_Chinese_search_typed_in_the_top_bar_shows_highlighted_Chinese_results()
    {
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".brand")).ToHaveTextAsync("专利导航与开放许可平台");

        await page.Locator(".topbar-search input[name=q]").FillAsync(ChineseQuery);
        await page.Locator(".topbar-search input[name=q]").PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q="));
        await Assertions.Expect(page.Locator(".hit").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".hit mark").First).ToContainTextAsync(new Regex("无|人|机"));
        await Assertions.Expect(page.Locator(".total")).ToContainTextAsync("共找到");
        await Browser.ScreenshotAsync(page, "1-search-zh");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Switching_to_English_keeps_the_search_and_an_English_query_finds_English_titles()
    {
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString(ChineseQuery));

        await page.Locator(".lang a").ClickAsync();
        await Assertions.Expect(page.Locator(".brand")).ToHaveTextAsync("Patent Navigation & Open Licensing");
        await Assertions.Expect(page.Locator(".search-input")).ToHaveValueAsync(ChineseQuery);

        await page.Locator(".search-input").FillAsync(EnglishQuery);
        await page.Locator(".search-form button").ClickAsync();

        await Assertions.Expect(page.Locator(".total")).ToContainTextAsync("patents found");
        await Assertions.Expect(page.Locator(".hit mark").First).ToHaveTextAsync(new Regex("^process", RegexOptions.IgnoreCase));
        await Browser.ScreenshotAsync(page, "2-search-en");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clicking_an_IPC_facet_narrows_the_results_and_shows_a_removable_filter()
    {
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/");
        var facet = page.Locator(".facet[data-facet=ipc_subclass] a").First;
        var code = await facet.GetAttributeAsync("data-value");

        await facet.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("f.ipc_subclass=" + code));
        var chip = page.Locator(".active-filters .chip");
        await Assertions.Expect(chip).ToHaveCountAsync(1);
        await Assertions.Expect(chip).ToContainTextAsync("IPC 小类: " + code);
        await Assertions.Expect(page.Locator(".facet[data-facet=ipc_subclass] li.active")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "3-facet-zh");

        await chip.ClickAsync();
        await Assertions.Expect(page.Locator(".active-filters")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Opening_a_result_shows_the_patent_page_with_Chinese_IPC_titles()
    {
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString(ChineseQuery));
        var first = page.Locator(".hit").First;
        var number = (await first.Locator(".pn").TextContentAsync())!.Trim();

        await first.Locator(".hit-title a").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/patents/" + Regex.Escape(number) + "$"));
        await Assertions.Expect(page.Locator(".crumbs .pn")).ToHaveTextAsync(number);
        await Assertions.Expect(page.Locator("table.codes tr").First.Locator("td").Nth(1)).ToHaveTextAsync(new Regex("[\u4e00-\u9fff]"));
        await Browser.ScreenshotAsync(page, "4-patent-zh", fullPage: true);

        await page.GotoAsync("/patents/" + number + "?culture=en");
        await Assertions.Expect(page.Locator("#bibliographic h2")).ToHaveTextAsync("Bibliographic data");
        await Browser.ScreenshotAsync(page, "5-patent-en");
        await page.Context.CloseAsync();
    }
}
