using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>Journey 6 in Chromium: the operator asks for a navigation report of the sample, reads it with its charts and downloads the PDF.</summary>
[Collection(JourneySiteGroup.Name)]
public sealed class ReportJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop)]
    [InlineData(Walk.Phone)]
    public async Task An_operator_creates_a_navigation_report_views_it_and_downloads_the_PDF(int width)
    {
        await using var walk = new Walk(site, browser, "6-report", width);
        var page = await walk.AsAsync(JourneySite.Operator);

        await page.GotoAsync("/reports");
        await walk.CheckAsync(page, "reports");
        await page.Locator("input[name=FromYear]").FillAsync("2000");
        await page.Locator("#report-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".chart").First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#module-trends")).ToBeVisibleAsync();
        await walk.CheckAsync(page, "report");

        var pdf = await page.Context.APIRequest.GetAsync((await page.Locator("#download-pdf").GetAttributeAsync("href"))!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.BodyAsync(), 0, 5));

        await page.GotoAsync("/reports");
        await Assertions.Expect(page.Locator("#reports-recent tbody tr").First).ToBeVisibleAsync();
        await walk.CheckAsync(page, "recent-reports");

        walk.AssertClean();
    }
}
