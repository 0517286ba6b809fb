using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// Journey 2 in Chromium: the university declares an open licence for a utility model of its portfolio, is refused
/// at submission while the patent-right evaluation report is missing (the terms it saved stay in the form), attaches
/// the report and submits.
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed class DeclarationJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop, "CN218751475U")]
    [InlineData(Walk.Phone, "CN216774847U")]
    public async Task A_university_declares_an_open_licence_is_refused_without_the_evaluation_report_and_then_submits(int width, string utilityModel)
    {
        await using var walk = new Walk(site, browser, "2-declaration", width);
        var page = await walk.AsAsync(JourneySite.UniversityOwner);

        await page.GotoAsync("/portfolio");
        await walk.CheckAsync(page, "portfolio");
        await page.Locator($"#portfolio tr[data-patent={utilityModel}] input[type=checkbox]").CheckAsync();
        await page.Locator("#declare-selected").ClickAsync();
        await Assertions.Expect(page.Locator("#declaration-status")).ToHaveTextAsync("草稿");
        await walk.CheckAsync(page, "draft");

        await page.Locator("#Terms_FeeKind").SelectOptionAsync("LumpSum");
        await page.Locator("#Terms_Amount").FillAsync("80000");
        await page.Locator("#Terms_TermYears").FillAsync("3");
        await page.Locator("#Terms_Channel").SelectOptionAsync("BankTransfer");
        await page.Locator("#Terms_Territory").FillAsync("中国大陆");
        await page.Locator("#Terms_OtherTerms").FillAsync("被许可人应在合同生效后三十日内完成技术对接。");
        await page.Locator("#Terms_FeesPaid").CheckAsync();
        await page.Locator("#Terms_NoDispute").CheckAsync();
        await page.Locator("#save-terms").ClickAsync();
        await Assertions.Expect(page.Locator("#fee")).ToContainTextAsync("80,000");
        await Assertions.Expect(page.Locator("#checks li.error")).Not.ToHaveCountAsync(0);
        await walk.CheckAsync(page, "terms-saved");

        // A utility model needs its evaluation report: the submission is refused and the saved terms stay in the form.
        await page.Locator("#submit-declaration").ClickAsync();
        await Assertions.Expect(page.Locator("#errors")).ToContainTextAsync("评价报告");
        await Assertions.Expect(page.Locator("#declaration-status")).ToHaveTextAsync("草稿");
        await Assertions.Expect(page.Locator("#Terms_Amount")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^80000(\\.0+)?$"));
        await Assertions.Expect(page.Locator("#Terms_Territory")).ToHaveValueAsync("中国大陆");
        await walk.CheckAsync(page, "submit-refused");

        var upload = page.Locator("#declared-patents form", new() { Has = page.Locator($"input[name=patentId][value={utilityModel}]") });
        await upload.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "专利权评价报告.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% evaluation report\n%%EOF\n"u8.ToArray(),
        });
        await upload.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("#checks")).ToContainTextAsync("全部检查通过");
        await walk.CheckAsync(page, "report-attached");

        await page.Locator("#submit-declaration").ClickAsync();
        await Assertions.Expect(page.Locator("#declaration-status")).ToHaveTextAsync("已提交待审核");
        await walk.CheckAsync(page, "submitted");

        walk.AssertClean();
    }
}
