using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Needs.NeedsScenario;

namespace Marketplace.Web.Tests.Needs;

/// <summary>In Chromium: the enterprise posts a need and invites a university from the explained candidates; the university finds it in its feed and proposes; an operator agrees the deal.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class NeedsBrowserTests(SqliteSite site, Browser browser) : IClassFixture<Browser>
{
    private async Task<IPage> SignInAsync(string email)
    {
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(DemoData.Password);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        if (page.Url.Contains("/account/login-2fa", StringComparison.Ordinal))
        {
            await page.Locator("#Input_Code").FillAsync(Totp.Code(DemoData.StaffAuthenticatorKey));
            await page.Locator("#code-form button[type=submit]").ClickAsync();
        }
        await Assertions.Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task Enterprise_posts_sees_explained_candidates_invites_university_proposes_operator_agrees()
    {
        await NeedsFeedTests.ClaimPortfolioAsync(site);
        const string title = "浏览器测试：光伏板无水清洁机器人";

        var enterprise = await SignInAsync(EnterpriseOwner);
        await enterprise.Locator("#nav-needs").ClickAsync();
        await enterprise.Locator("#new-need").ClickAsync();
        await enterprise.Locator("#Input_Title").FillAsync(title);
        await enterprise.Locator("#Input_Description").FillAsync("屋顶光伏电站组件积灰，需要无需用水的光伏板清洁机器人，在组件阵列间自动移动，提高发电效率。");
        await enterprise.Locator("#Input_Region").FillAsync("泉州");
        await enterprise.Locator("#propose-elements").ClickAsync();
        await Assertions.Expect(enterprise.Locator("#proposed")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(enterprise, "needs-1-proposed-elements", fullPage: true);
        await enterprise.Locator("#post-need").ClickAsync();

        await Assertions.Expect(enterprise.Locator("#candidates li.candidate").First).ToBeVisibleAsync();
        await Assertions.Expect(enterprise.Locator("#candidates li.candidate mark").First).ToBeVisibleAsync();
        await Assertions.Expect(enterprise.Locator("#candidates")).ToContainTextAsync("一种光伏板清洁机器人");
        await Browser.ScreenshotAsync(enterprise, "needs-2-explained-candidates", fullPage: true);
        await enterprise.Locator("form.invite-owner button").First.ClickAsync();
        await Assertions.Expect(enterprise.Locator("#message")).ToBeVisibleAsync();
        var needUrl = await enterprise.Locator("#back-to-need").GetAttributeAsync("href");
        await Browser.ScreenshotAsync(enterprise, "needs-3-invited");

        var university = await SignInAsync(UniversityOwner);
        await Assertions.Expect(university.Locator("#unread-count")).ToBeVisibleAsync();
        await university.Locator("#nav-notifications").ClickAsync();
        await Assertions.Expect(university.Locator("#notifications li.unread", new() { HasText = $"您受邀解答技术需求“{title}”" })).ToBeVisibleAsync();
        // The university finds the need in its feed, with why it is there.
        await university.Locator("#nav-needs").ClickAsync();
        await university.Locator("#feed-link").ClickAsync();
        var item = university.Locator("#feed li.feed-item", new() { HasText = title });
        await Assertions.Expect(item.Locator(".invited")).ToBeVisibleAsync();
        await Assertions.Expect(item.Locator(".why")).ToContainTextAsync("贵单位专利组合中有");
        await Browser.ScreenshotAsync(university, "needs-4a-university-feed", fullPage: true);
        await item.Locator("a.open-need").ClickAsync();
        await Assertions.Expect(university.Locator("#need-title")).ToHaveTextAsync(title);
        await university.Locator("#propose-link").ClickAsync();
        await university.Locator("#Input_Patents").FillAsync(UniversityCleaner.Id);
        await university.Locator("#Input_Approach").FillAsync("干式毛刷清洁机器人，可在现场做样机测试。");
        await university.Locator("#Input_Terms").FillAsync("普通许可，三年，按销售额提成");
        await university.Locator("#Input_Team").FillAsync("光伏运维课题组（教授 1 名，博士 2 名）");
        await Browser.ScreenshotAsync(university, "needs-4-proposal", fullPage: true);
        await university.Locator("#submit-proposal").ClickAsync();
        await Assertions.Expect(university.Locator("#message")).ToBeVisibleAsync();
        await Assertions.Expect(university.Locator(".proposal")).ToContainTextAsync("干式毛刷清洁机器人");

        var staff = await SignInAsync(Operator);
        // Staff pages sit in the "Manage" menu of the top bar.
        await staff.Locator("#nav-manage > summary").ClickAsync();
        await staff.Locator("#nav-deals").ClickAsync();
        await Assertions.Expect(staff.Locator("#board")).ToContainTextAsync(title);
        await Browser.ScreenshotAsync(staff, "needs-5-pipeline", fullPage: true);
        await staff.GotoAsync(needUrl!);
        await staff.Locator("#deal-link").ClickAsync();
        await staff.Locator("#move-stage").SelectOptionAsync("Negotiating");
        await staff.Locator("#move-submit").ClickAsync();
        await Assertions.Expect(staff.Locator("#stage")).ToHaveTextAsync("洽谈中");
        await staff.Locator("#Agreement_Kind").SelectOptionAsync("Transfer");
        await staff.Locator("#Agreement_ProposalId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await staff.Locator("#Agreement_ContractNumber").FillAsync("QZ-LIC-2026-08");
        await staff.Locator("#Agreement_ContractSignedOn").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await staff.Locator("#agree-submit").ClickAsync();
        await Assertions.Expect(staff.Locator("#stage")).ToHaveTextAsync("已达成");
        await Assertions.Expect(staff.Locator("#agreement")).ToContainTextAsync("QZ-LIC-2026-08");
        await Browser.ScreenshotAsync(staff, "needs-6-agreed", fullPage: true);

        await enterprise.GotoAsync(needUrl!);
        await Assertions.Expect(enterprise.Locator("#deal-stage")).ToHaveTextAsync("已达成");
        await enterprise.Locator("#nav-notifications").ClickAsync();
        await Assertions.Expect(enterprise.Locator("#notifications")).ToContainTextAsync("已达成");
        await Browser.ScreenshotAsync(enterprise, "needs-7-enterprise-notified");
        foreach (var p in new[] { enterprise, university, staff }) await p.Context.CloseAsync();
    }
}
