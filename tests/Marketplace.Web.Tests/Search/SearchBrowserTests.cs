using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Search;

/// <summary>The search feature in a real Chromium: advanced form, label facets, number lookup, compare, export. Each leaves a screenshot.</summary>
[Collection(SharedSite.Name)]
public sealed class SearchBrowserTests(MarketplaceSite site, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_advanced_form_runs_a_composed_query_with_an_IPC_prefix_and_a_date_range()
    {
        var record = await site.Index.FirstAsync(r => r.Country == "CN" && r.IpcCodes.Count > 0 && r.PublicationDate is not null, "Chinese patent with IPC and publication date");
        var subclass = record.IpcCodes[0][..4];
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/");

        await page.Locator("details.advanced summary").ClickAsync();
        await page.Locator("input[name='adv.ipc']").FillAsync(subclass);
        await page.Locator("input[name='adv.pd.from']").FillAsync(record.PublicationDate!.Value.AddDays(-1).ToString("yyyy-MM-dd"));
        await page.Locator("input[name='adv.pd.to']").FillAsync(record.PublicationDate!.Value.AddDays(1).ToString("yyyy-MM-dd"));
        await Browser.ScreenshotAsync(page, "search-1-advanced-form-zh");
        await page.Locator("#advanced-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator(".search-input")).ToHaveValueAsync(new Regex($"^ipc:{subclass} pd:\\[\\d{{8}} TO \\d{{8}}\\]$"));
        await Assertions.Expect(page.Locator($".hit .pn:text-is('{record.Id}')")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "search-2-advanced-results-zh");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clicking_the_industry_chain_facet_keeps_the_labelled_patents_with_their_badges()
    {
        var (high, low) = await LabelledSamples.EnsureAsync(site);
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/");

        await page.Locator($".facet[data-facet={LabelFacets.Chain}] a").First.ClickAsync();

        await Assertions.Expect(page.Locator(".active-filters .chip")).ToContainTextAsync("产业链: " + LabelledSamples.Chain.NameZh);
        await Assertions.Expect(page.Locator(".hit")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".hit .badge-value")).ToHaveTextAsync("高价值专利");
        await page.Locator(".sort a", new() { HasText = "价值指数" }).ClickAsync();
        await Assertions.Expect(page.Locator(".hit .pn").First).ToHaveTextAsync(high.Id);
        await Assertions.Expect(page.Locator(".hit .pn").Nth(1)).ToHaveTextAsync(low.Id);
        await Browser.ScreenshotAsync(page, "search-3-chain-facet-value-sort-zh", fullPage: true);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_ZL_application_number_typed_in_full_width_opens_the_patent_page_with_its_analysis()
    {
        var record = await site.Index.UniqueByNumberAsync(r => r.Country == "CN" && r.ApplicationNumber is { CheckDigit: not null }, "Chinese patent with an application number");
        var an = record.ApplicationNumber!;
        var typed = "ＺＬ" + string.Concat($"{an.Number}.{an.CheckDigit}".Select(c => (char)(c + 0xFEE0)));
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/");

        await page.Locator(".topbar-search input[name=q]").FillAsync(typed);
        await page.Locator(".topbar-search input[name=q]").PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/patents/" + record.Id + "$"));
        await Assertions.Expect(page.Locator(".expiry-date")).ToHaveTextAsync(Marketplace.Web.Patents.PatentTerm.Of(record).Expiry!.Value.ToString("yyyy-MM-dd"));
        await Assertions.Expect(page.Locator("#sleeping h2")).ToContainTextAsync("沉睡专利");
        await Browser.ScreenshotAsync(page, "search-4-patent-page-zh", fullPage: true);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_ticked_results_open_side_by_side_in_English()
    {
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/search?culture=en&q=" + Uri.EscapeDataString("无人机"));
        var first = (await page.Locator(".hit .pn").First.TextContentAsync())!.Trim();
        var second = (await page.Locator(".hit .pn").Nth(1).TextContentAsync())!.Trim();

        await page.Locator(".hit .compare-pick input").First.CheckAsync();
        await page.Locator(".hit .compare-pick input").Nth(1).CheckAsync();
        await page.Locator("#compare-button").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/patents/compare\\?(culture=en&)?ids="));
        await Assertions.Expect(page.Locator("table.compare thead a.pn")).ToHaveTextAsync([first, second]);
        await Assertions.Expect(page.Locator("table.compare tbody th").First).ToHaveTextAsync("Title");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Compare patents");
        await Browser.ScreenshotAsync(page, "search-5-compare-en", fullPage: true);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_CSV_link_downloads_the_result_set_of_the_search_on_screen()
    {
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("无人机"));
        var ids = await page.Locator(".hit .pn").AllTextContentsAsync();
        var total = long.Parse(new string((await page.Locator(".total").TextContentAsync())!.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
        await Browser.ScreenshotAsync(page, "search-6-export-bar-zh");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".export a.export-csv").ClickAsync());
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path!);

        Assert.EndsWith(".csv", download.SuggestedFilename);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("公开（公告）号,", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(ids.Select(i => i.Trim()), lines.Skip(1).Take(ids.Count).Select(l => l.Split(',')[0]));
        Assert.True(total > ids.Count, "the search has more than one page");
        Assert.Equal(total, lines.Length - 1);
        await page.Context.CloseAsync();
    }
}
