using System.Diagnostics;
using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>
/// The whole journey in Chromium: the university declares, the operator publishes, the enterprise finds the
/// patent in search, takes the licence, pays through the Stripe stub (Checkout's completion arrives as a
/// correctly signed webhook) and downloads the contract. Screenshots go to the screenshots folder.
/// </summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class LicensingJourneyBrowserTests(LicensingSite site, Browser browser) : IClassFixture<Browser>
{
    private async Task<IPage> SignInAsync(string email, bool staff = false)
    {
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/account/login?culture=zh-CN");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(DemoData.Password);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        if (staff)
        {
            await page.Locator("#Input_Code").FillAsync(Totp.Code(DemoData.StaffAuthenticatorKey));
            await page.Locator("#code-form button[type=submit]").ClickAsync();
        }
        await Assertions.Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task University_declares_operator_publishes_enterprise_finds_takes_pays_and_downloads_the_contract()
    {
        // A title no other test uses, so the search finds it on the first page whatever ran before.
        var patent = await site.AddPatentAsync("G06F16/00", title: "一种浏览器旅程专用的织物染色装置");

        // 1. The university claims its patents, selects the new one and declares an open licence.
        var university = await SignInAsync("university.admin@demo.patent-marketplace.local");
        await university.GotoAsync("/portfolio");
        await university.Locator("#claim-from-index").ClickAsync();
        await Assertions.Expect(university.Locator("#message")).ToBeVisibleAsync();
        await university.Locator($"#portfolio tr[data-patent={patent}] input[type=checkbox]").CheckAsync();
        await Browser.ScreenshotAsync(university, "licensing-1-portfolio", fullPage: true);
        await university.Locator("#declare-selected").ClickAsync();
        await Assertions.Expect(university.Locator("#declaration-status")).ToHaveTextAsync("草稿");
        await university.Locator("#Terms_FeeKind").SelectOptionAsync("LumpSum");
        await university.Locator("#Terms_Amount").FillAsync("8000");
        await university.Locator("#Terms_TermYears").FillAsync("2");
        await university.Locator("#Terms_Channel").SelectOptionAsync("Online");
        await university.Locator("#Terms_OtherTerms").FillAsync("本专利技术国内领先");
        await university.Locator("#Terms_FeesPaid").CheckAsync();
        await university.Locator("#Terms_NoDispute").CheckAsync();
        await university.Locator("#save-terms").ClickAsync();
        // Advertising language is refused with its own message; plain terms pass.
        await Assertions.Expect(university.Locator("#checks li[data-code='terms.advertising']")).ToContainTextAsync("广告用语");
        await university.Locator("#Terms_OtherTerms").FillAsync("被许可人应在合同生效后三十日内完成技术对接。");
        await university.Locator("#save-terms").ClickAsync();
        await Assertions.Expect(university.Locator("#checks")).ToContainTextAsync("全部检查通过");
        await Browser.ScreenshotAsync(university, "licensing-2-declaration", fullPage: true);
        await university.Locator("#submit-declaration").ClickAsync();
        await Assertions.Expect(university.Locator("#declaration-status")).ToHaveTextAsync("已提交待审核");

        // 2. The operator publishes it with a reference and date.
        var reference = "KFXK-BROWSER-" + patent;
        var operatorPage = await SignInAsync("operator@demo.patent-marketplace.local", staff: true);
        await operatorPage.GotoAsync("/admin/licensing");
        var pending = operatorPage.Locator(".hit", new() { HasText = patent });
        await pending.Locator("input[name=reference]").FillAsync(reference);
        await Browser.ScreenshotAsync(operatorPage, "licensing-3-review", fullPage: true);
        await pending.Locator(".publish-form button").ClickAsync();
        await Assertions.Expect(operatorPage.Locator("#message")).ToContainTextAsync("声明已公告");
        var record = await site.Services.GetRequiredService<IPatentIndex>().GetAsync(patent);
        Assert.Equal([LabelFacets.OpenLicenseAvailable], LabelFacets.ValuesOf(record!, LabelFacets.OpenLicense));

        // 3. The enterprise finds it in search and in the catalogue, and takes the licence.
        var enterprise = await SignInAsync("enterprise.owner@demo.patent-marketplace.local");
        await enterprise.GotoAsync("/search?q=" + Uri.EscapeDataString("织物染色装置"));
        await enterprise.Locator(".hit", new() { HasText = patent }).Locator("a").First.ClickAsync();
        await Assertions.Expect(enterprise.Locator("#open-licence-offer")).ToContainTextAsync("该专利实行开放许可");
        await Browser.ScreenshotAsync(enterprise, "licensing-4-patent-page");
        await enterprise.GotoAsync("/licences?q=" + patent);
        await Assertions.Expect(enterprise.Locator("#offers .hit")).ToHaveCountAsync(1);
        await enterprise.Locator("#offers .hit a").First.ClickAsync();
        await Assertions.Expect(enterprise.Locator("#offer-fee")).ToContainTextAsync("8,000.00");
        await Browser.ScreenshotAsync(enterprise, "licensing-5-offer", fullPage: true);
        await enterprise.Locator("#accept-terms").CheckAsync();
        await enterprise.Locator("#take-licence").ClickAsync();
        await Assertions.Expect(enterprise.Locator("#licence-status")).ToHaveTextAsync("已通知，待付款");
        var orderUrl = enterprise.Url;
        var orderId = Guid.Parse(Regex.Match(orderUrl, "/licensing/orders/([0-9a-f-]{36})").Groups[1].Value);

        // 4. Pay: Checkout (the stub's page), then Stripe's signed webhook completes it.
        await enterprise.Locator("#pay-online").ClickAsync();
        await Assertions.Expect(enterprise.Locator("h1")).ToHaveTextAsync("Stripe Checkout (test stub)");
        await Browser.ScreenshotAsync(enterprise, "licensing-6-checkout");
        var session = site.Stripe.SessionFor(orderId);
        var payload = StripeStub.Event("evt_browser_" + orderId.ToString("N"), "checkout.session.completed", site.Stripe.Complete(session));
        using (var response = await site.PostWebhookAsync(payload, StripeStub.Sign(payload)))
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await enterprise.GotoAsync(orderUrl);
        await Assertions.Expect(enterprise.Locator("#licence-status")).ToHaveTextAsync("有效");
        await Browser.ScreenshotAsync(enterprise, "licensing-7-licence", fullPage: true);

        // 5. Both parties download the contract.
        var contractUrl = await enterprise.Locator("#contract-pdf").GetAttributeAsync("href");
        var contract = await enterprise.Context.APIRequest.GetAsync(contractUrl!);
        Assert.Equal(200, contract.Status);
        var bytes = await contract.BodyAsync();
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        var fromLicensor = await university.Context.APIRequest.GetAsync(contractUrl!);
        Assert.Equal(200, fromLicensor.Status);
        var pdf = Path.Combine(Browser.ScreenshotFolder, "licensing-contract.pdf");
        await File.WriteAllBytesAsync(pdf, bytes);
        RenderFirstPage(pdf, Path.Combine(Browser.ScreenshotFolder, "licensing-contract"));

        foreach (var p in new[] { university, operatorPage, enterprise }) await p.Context.CloseAsync();
    }

    /// <summary>pdftoppm (poppler-utils, installed by test.sh) turns the contract's first page into a PNG to look at.</summary>
    private static void RenderFirstPage(string pdf, string prefix)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", pdf, prefix]) { RedirectStandardError = true })!;
        process.WaitForExit(30_000);
        Assert.Equal(0, process.ExitCode);
        Assert.True(File.Exists(prefix + "-1.png") || File.Exists(prefix + "-01.png"), "pdftoppm wrote no page image");
    }
}
