using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// Journey 3 in Chromium: the operator works the review queues. A rejection without a reason is refused, then the
/// organisation is verified; a publication dated in the future is refused, then the declaration is published.
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed class OperatorReviewJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop)]
    [InlineData(Walk.Phone)]
    public async Task An_operator_verifies_an_organisation_and_publishes_a_declaration_after_refused_attempts(int width)
    {
        var organization = await site.PendingOrganizationAsync($"泉州旅程审核制造有限公司（{width}）");
        var (declaration, patent) = await site.DeclarationAsync($"一种旅程审核用的纺织品检测方法（{width}）", 30_000m, publish: false);
        await using var walk = new Walk(site, browser, "3-review", width);
        var page = await walk.AsAsync(JourneySite.Operator);

        await page.GotoAsync("/admin/organizations");
        await walk.CheckAsync(page, "verification-queue");
        await page.Locator("#review-queue a", new() { HasText = organization }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(organization);
        await walk.CheckAsync(page, "organisation");
        await page.Locator("#reject-form button").ClickAsync();
        await Assertions.Expect(page.Locator(".alert")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#verification")).ToHaveClassAsync(new Regex("status-pending"));
        await walk.CheckAsync(page, "reject-refused");
        await page.Locator("#verify-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#verification")).ToHaveClassAsync(new Regex("status-verified"));
        await walk.CheckAsync(page, "verified");

        await page.GotoAsync("/admin/licensing");
        await walk.CheckAsync(page, "licence-queue");
        var pending = page.Locator($"article[data-declaration='{declaration.Id}']");
        await pending.Locator("input[name=reference]").FillAsync("KFXK-REVIEW-" + patent);
        await pending.Locator("input[name=publishedOn]").FillAsync(DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await pending.Locator(".publish-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#errors")).Not.ToBeEmptyAsync();
        await walk.CheckAsync(page, "publish-refused");

        pending = page.Locator($"article[data-declaration='{declaration.Id}']");
        await pending.Locator("input[name=reference]").FillAsync("KFXK-REVIEW-" + patent);
        await pending.Locator("input[name=publishedOn]").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await pending.Locator(".publish-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("声明已公告");
        await Assertions.Expect(page.Locator($"article[data-declaration='{declaration.Id}']")).ToHaveCountAsync(0);
        await walk.CheckAsync(page, "published");

        await page.GotoAsync($"/licensing/declarations/{declaration.Id}");
        await Assertions.Expect(page.Locator("#publication-reference")).ToContainTextAsync("KFXK-REVIEW-" + patent);
        await walk.CheckAsync(page, "declaration");

        walk.AssertClean();
    }
}
