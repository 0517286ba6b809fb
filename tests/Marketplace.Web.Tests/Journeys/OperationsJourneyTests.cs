using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// The operator's background-work pages in Chromium: the job list with a run started by hand and its confirmation, and
/// the browser loads; each page checked like every journey page (the model versions have ModelsBrowserTests, on a site
/// that trains at start).
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed class OperationsJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop, Walk.Chinese)]
    [InlineData(Walk.Phone, Walk.Chinese)]
    [InlineData(Walk.Laptop, Walk.English)]
    public async Task An_operator_runs_a_job_by_hand_and_opens_the_loads(int width, string culture)
    {
        await using var walk = new Walk(site, browser, "ops-jobs", width, culture);
        var page = await walk.AsAsync(JourneySite.Operator);

        await page.GotoAsync("/admin/jobs");
        var alerts = page.Locator("#jobs tr[data-job='saved-search-alerts']");
        await Assertions.Expect(alerts).ToBeVisibleAsync();
        await walk.CheckAsync(page, "jobs");
        await alerts.Locator("button.run-now").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync(walk.Text("Saved-search alerts"));
        await walk.CheckAsync(page, "job-started");

        await page.GotoAsync("/admin/loads");
        await Assertions.Expect(page.Locator("#upload-form")).ToBeVisibleAsync();
        await walk.CheckAsync(page, "loads");

        walk.AssertClean();
    }
}
