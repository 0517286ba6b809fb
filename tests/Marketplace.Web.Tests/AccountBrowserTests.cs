using System.Text.RegularExpressions;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests;

/// <summary>In Chromium: sign up, confirm by the e-mail in the pickup folder, create an organisation, invite a colleague.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class AccountBrowserTests(SqliteSite site, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_visitor_signs_up_confirms_by_mail_creates_an_organisation_and_invites_a_colleague()
    {
        var email = $"browser-{Guid.NewGuid():N}@example.org";
        const string password = "Browser-Passw0rd!";
        var page = await browser.NewPageAsync(site.BaseAddress);

        await page.GotoAsync("/");
        await page.Locator("#nav-register").ClickAsync();
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_DisplayName").FillAsync("林晓");
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("#Input_ConfirmPassword").FillAsync(password);
        await Browser.ScreenshotAsync(page, "accounts-1-register");
        await page.Locator("#register-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("请查收电子邮件");

        await page.GotoAsync(site.Mail.LinkTo(email));
        await Assertions.Expect(page.Locator("#confirmed")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "accounts-2-confirmed");
        await page.Locator("a.button-primary").ClickAsync();

        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#no-organizations")).ToBeVisibleAsync();

        await page.Locator("#create-organization").ClickAsync();
        await page.Locator("#Input_Name").FillAsync("泉州浏览器测试科技有限公司");
        await page.Locator("#Input_Type").SelectOptionAsync(nameof(OrganizationType.Enterprise));
        const string body = "91350500MA9BRWTXE";
        await page.Locator("#Input_CreditCode").FillAsync((body + UnifiedSocialCreditCode.CheckCharacterFor(body)).ToLowerInvariant());
        await Browser.ScreenshotAsync(page, "accounts-3-create-organization");
        await page.Locator("#organization-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#organization-name")).ToHaveTextAsync("泉州浏览器测试科技有限公司");
        await Assertions.Expect(page.Locator("#nav-organizations")).ToHaveTextAsync("泉州浏览器测试科技有限公司");

        var colleague = $"colleague-{Guid.NewGuid():N}@example.org";
        await page.Locator("#Invite_Email").FillAsync(colleague);
        await page.Locator("#Invite_Role").SelectOptionAsync("Admin");
        await page.Locator("#invite-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("邀请已发送。");
        await Assertions.Expect(page.Locator("#invitations")).ToContainTextAsync(colleague);
        await Browser.ScreenshotAsync(page, "accounts-4-invited", fullPage: true);

        Assert.Matches(new Regex("/organizations/invitations/"), site.Mail.LinkTo(colleague));
        Assert.Contains("泉州浏览器测试科技有限公司", site.Mail.LastTo(colleague).TextBody);
        await page.Context.CloseAsync();
    }
}
