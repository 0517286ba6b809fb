using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Support;
using Marketplace.Web.Tests.Valuation;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// The operator values a university's patent: the inputs are proposed, a revenue is entered and saved, the royalty rate
/// is edited and the change is stated, a discount rate out of range is refused on its field, and the PDF report carries
/// the sensitivity table. An enterprise that does not own the patent can neither value it nor open the valuation.
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed partial class ValuationJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop)]
    [InlineData(Walk.Phone)]
    public async Task An_operator_values_a_patent_edits_a_rate_and_downloads_the_report_and_other_enterprises_are_refused(int width)
    {
        var patent = await site.AddUniversityPatentAsync($"一种旅程估值用的储能电池管理方法（{width}）");
        await using var walk = new Walk(site, browser, "valuation", width);
        var page = await walk.AsAsync(JourneySite.Operator);

        await page.GotoAsync($"/valuations/new?patents={patent}");
        await Assertions.Expect(page.Locator("#valued-patents")).ToContainTextAsync(patent);
        await Assertions.Expect(page.Locator("#hint-RoyaltyPercent")).Not.ToBeEmptyAsync();
        await walk.CheckAsync(page, "proposed");
        await page.Locator("#Input_RevenueYuan").FillAsync("2000000");
        await page.Locator("#save-valuation").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("评估已保存");
        await Assertions.Expect(page.Locator("#conclusion")).ToContainTextAsync("¥");
        var valuationUrl = page.Url.Split('?')[0];
        Assert.Matches(ValuationAddress(), valuationUrl);
        await walk.CheckAsync(page, "saved");

        await page.Locator("#Input_RoyaltyPercent").FillAsync("6");
        await page.Locator("#save-valuation").ClickAsync();
        await Assertions.Expect(page.Locator("#changes")).ToContainTextAsync("提成率");
        await Assertions.Expect(page.Locator("#changes")).ToContainTextAsync("→ 6%");
        await walk.CheckAsync(page, "rate-changed");

        await page.Locator("#Input_DiscountPercent").FillAsync("80");
        await page.Locator("#save-valuation").ClickAsync();
        await Assertions.Expect(page.Locator("#error-DiscountPercent")).ToContainTextAsync("折现率应大于 0% 且不超过 50%");
        await walk.CheckAsync(page, "discount-refused");

        var pdf = await page.Context.APIRequest.GetAsync((await page.Locator("#report-pdf").GetAttributeAsync("href"))!);
        Assert.Equal(200, pdf.Status);
        var text = PdfText.Of(await pdf.BodyAsync());
        Assert.Contains("不是资产评估报告", text, StringComparison.Ordinal);
        Assert.Contains("敏感性分析", text, StringComparison.Ordinal);
        // The saved rate (6 %) heads the middle row of the grid; the refused discount rate (80 %) was never saved.
        Assert.Contains("6%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("80%", text, StringComparison.Ordinal);

        await page.GotoAsync($"/patents/{patent}");
        await Assertions.Expect(page.Locator("#latest-valuation a").First).ToContainTextAsync("¥");
        await walk.CheckAsync(page, "patent-page");

        // The enterprise owner acts for an organisation that does not own the patent. The refusals are asked for with its
        // cookies rather than navigated to: a browser logs every 403 page as a console error, which the walk counts.
        var enterprise = await walk.AsAsync(JourneySite.EnterpriseOwner);
        Assert.Equal(403, (await enterprise.Context.APIRequest.GetAsync(valuationUrl)).Status);
        Assert.Equal(403, (await enterprise.Context.APIRequest.GetAsync(valuationUrl + "?handler=Report")).Status);
        Assert.Equal(403, (await enterprise.Context.APIRequest.GetAsync($"/valuations/new?patents={patent}")).Status);
        await enterprise.GotoAsync("/valuations");
        await Assertions.Expect(enterprise.Locator($"a[href='{new Uri(valuationUrl).AbsolutePath}']")).ToHaveCountAsync(0);
        await walk.CheckAsync(enterprise, "not-listed");
        await enterprise.GotoAsync($"/patents/{patent}");
        await Assertions.Expect(enterprise.Locator("h1")).ToContainTextAsync("储能电池管理方法");
        await Assertions.Expect(enterprise.Locator("#latest-valuation")).ToHaveCountAsync(0);

        walk.AssertClean();
    }

    [GeneratedRegex("/valuations/[0-9a-f-]{36}$")]
    private static partial Regex ValuationAddress();
}
