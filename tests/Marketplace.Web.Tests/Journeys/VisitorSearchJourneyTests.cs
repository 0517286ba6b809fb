using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>Journey 1 in Chromium: a visitor searches, narrows by a facet, opens a patent, reads a long abstract in full and compares two patents.</summary>
[Collection(JourneySiteGroup.Name)]
public sealed class VisitorSearchJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop, Walk.Chinese)]
    [InlineData(Walk.Phone, Walk.Chinese)]
    [InlineData(Walk.Laptop, Walk.English)]
    public async Task A_visitor_searches_filters_reads_a_patent_in_full_and_compares_two(int width, string culture)
    {
        // A drone patent with an abstract far longer than a page shows, so "show all" has something to show.
        var longAbstract = string.Concat(Enumerable.Repeat("本发明涉及一种长航时无人机的电池管理方法，通过分区温控和动态均衡延长续航。", 80));
        var patent = await site.AddUniversityPatentAsync($"一种长航时无人机电池管理系统（{width} {culture}）", longAbstract);
        await using var walk = new Walk(site, browser, "1-search", width, culture);
        var page = await walk.VisitorAsync();

        await page.GotoAsync("/");
        await walk.CheckAsync(page, "home");
        await page.Locator(".topbar-search input[name=q]").FillAsync("无人机");
        await page.Locator(".topbar-search input[name=q]").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".hit").First).ToBeVisibleAsync();
        await walk.CheckAsync(page, "results");

        // On a phone the facets fold away under "Filters", so the results come first; a tap opens them.
        if (walk.IsPhone)
        {
            await Assertions.Expect(page.Locator(".facet").First).ToBeHiddenAsync();
            await page.Locator("#facets > summary").ClickAsync();
        }
        else
        {
            await Assertions.Expect(page.Locator("#facets > summary")).ToBeHiddenAsync();
        }
        var facet = page.Locator(".facet[data-facet=ipc_subclass] a").First;
        await Assertions.Expect(facet).ToBeVisibleAsync();
        var code = await facet.GetAttributeAsync("data-value");
        await facet.ClickAsync();
        await Assertions.Expect(page.Locator(".active-filters .chip")).ToContainTextAsync(code!);
        await walk.CheckAsync(page, "facet");
        await page.Locator(".active-filters .chip").ClickAsync();
        await Assertions.Expect(page.Locator(".active-filters")).ToHaveCountAsync(0);

        // The long patent: its abstract is cut on the patent page, whole behind "show all".
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("长航时无人机电池管理"));
        await page.Locator(".hit", new() { HasText = patent }).Locator(".hit-title a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/patents/" + patent + "$"));
        await Assertions.Expect(page.Locator(".show-all").First).ToBeVisibleAsync();
        await walk.CheckAsync(page, "patent");
        await page.Locator(".show-all").First.ClickAsync();
        await Assertions.Expect(page.Locator("#full-text")).ToContainTextAsync("分区温控和动态均衡延长续航。本发明");
        await walk.CheckAsync(page, "full-text");

        // Two results side by side.
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("无人机"));
        await page.Locator(".hit .compare-pick input").Nth(0).CheckAsync();
        await page.Locator(".hit .compare-pick input").Nth(1).CheckAsync();
        await page.Locator("#compare-button").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/patents/compare\\?"));
        await Assertions.Expect(page.Locator("table.compare")).ToBeVisibleAsync();
        await walk.CheckAsync(page, "compare");

        walk.AssertClean();
    }
}
