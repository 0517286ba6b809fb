using System.Text.Json;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests;

/// <summary>
/// In Chromium, the pages as a phone and a laptop show them: nothing wider than a 390 px screen, the
/// operator's navigation on one line at 1366 px, and no console error or Content-Security-Policy violation.
/// </summary>
[Collection(SharedSite.Name)]
public sealed class LayoutBrowserTests(MarketplaceSite site, Browser browser) : IClassFixture<Browser>
{
    private const int Phone = 390, Laptop = 1366;
    private const string Operator = "operator@demo.patent-marketplace.local";

    private static readonly string[] PublicPages =
    [
        "/", "/search?q=无人机", "/licences", "/contests", "/dashboard", "/account/login", "/account/register", "/account/forgot-password",
    ];

    private static readonly string[] OperatorPages =
    [
        "/search?q=processing&culture=en", "/search?q=无人机", "/licences", "/needs", "/needs/feed", "/dashboard", "/reports", "/contests",
        "/organizations", "/portfolio", "/saved", "/notifications", "/deals", "/admin/organizations", "/admin/licensing", "/admin/audit",
        "/account/two-factor",
    ];

    private async Task<IPage> NewPageAsync(int width)
    {
        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "zh-CN",
        });
        return await context.NewPageAsync();
    }

    private static async Task SignInAsOperatorAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#Input_Email").FillAsync(Operator);
        await page.Locator("#Input_Password").FillAsync(DemoData.Password);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        await page.Locator("#Input_Code").FillAsync(Totp.Code(DemoData.StaffAuthenticatorKey));
        await page.Locator("#code-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
    }

    /// <summary>A patent page and a two-patent comparison of the sample, found through the search page.</summary>
    private static async Task<string[]> PatentPagesAsync(IPage page)
    {
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("无人机"));
        var numbers = await page.Locator(".hit .pn").AllTextContentsAsync();
        Assert.True(numbers.Count >= 2, "the sample has several drone patents");
        var first = Uri.EscapeDataString(numbers[0].Trim());
        return ["/patents/" + first, $"/patents/compare?ids={first}&ids={Uri.EscapeDataString(numbers[1].Trim())}"];
    }

    /// <summary>A navigation report of the whole sample with its charts drawn; its address.</summary>
    private static async Task<string> NewReportAsync(IPage page)
    {
        await page.GotoAsync("/reports");
        await page.Locator("input[name=FromYear]").FillAsync("2000");
        await page.Locator("#report-submit").ClickAsync();
        await Assertions.Expect(page.Locator(".chart").First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        return new Uri(page.Url).PathAndQuery;
    }

    private static async Task<string?> OverflowAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        return await PageLayout.OverflowAsync(page) is { } wide ? $"{path}: {wide}" : null;
    }

    [Fact]
    public async Task At_phone_width_no_page_scrolls_sideways_signed_out_or_signed_in_as_operator()
    {
        var problems = new List<string>();
        var page = await NewPageAsync(Phone);
        foreach (var path in PublicPages.Concat(await PatentPagesAsync(page)))
            if (await OverflowAsync(page, path) is { } problem) problems.Add("signed out " + problem);
        await Browser.ScreenshotAsync(page, "layout-390-compare", fullPage: true);

        await SignInAsOperatorAsync(page);
        foreach (var path in OperatorPages.Concat(await PatentPagesAsync(page)))
            if (await OverflowAsync(page, path) is { } problem) problems.Add("operator " + problem);
        if (await OverflowAsync(page, await NewReportAsync(page)) is { } report) problems.Add("operator " + report);
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("无人机"));
        await Browser.ScreenshotAsync(page, "layout-390-search-operator", fullPage: true);
        await page.Context.CloseAsync();

        Assert.True(problems.Count == 0, "pages wider than a 390 px screen:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task At_laptop_width_the_operators_navigation_sits_on_one_line_and_the_manage_menu_opens()
    {
        var page = await NewPageAsync(Laptop);
        await SignInAsOperatorAsync(page);
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("无人机"));

        var tops = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('.topbar nav.account > *')].map(e => e.offsetTop)");
        Assert.True(tops.Length >= 5, $"expected the operator's navigation, found {tops.Length} items");
        Assert.True(tops.Distinct().Count() == 1, "navigation items at offsets " + JsonSerializer.Serialize(tops));
        Assert.Equal(0, await OverflowWidthAsync(page));

        await Assertions.Expect(page.Locator("#nav-deals")).Not.ToBeVisibleAsync();
        await page.Locator("#nav-manage > summary").ClickAsync();
        await Assertions.Expect(page.Locator("#nav-deals")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "layout-1366-operator-menu");
        await page.Locator("#nav-deals").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/deals$"));
        await page.Context.CloseAsync();
    }

    private static Task<int> OverflowWidthAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth)");

    [Fact]
    public async Task Sign_in_and_dashboard_pages_load_without_console_errors_or_policy_violations_and_the_site_has_a_favicon()
    {
        var page = await NewPageAsync(Laptop);
        var problems = await PageProblems.WatchAsync(page);

        foreach (var path in new[] { "/account/login", "/dashboard", "/account/register", "/search?q=无人机" })
        {
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        }
        // A failed sign-in shows the validation summary, which must not carry an inline style either.
        await page.GotoAsync("/account/login");
        await page.Locator("#Input_Email").FillAsync("nobody@example.org");
        await page.Locator("#Input_Password").FillAsync("not-the-password");
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".alert")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Context.CloseAsync();

        Assert.True(problems.All.Count == 0, string.Join("\n", problems.All));

        using var client = site.CreateClient();
        using var ico = await client.GetAsync("/favicon.ico");
        Assert.Equal(System.Net.HttpStatusCode.OK, ico.StatusCode);
        var bytes = await ico.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        using var svg = await client.GetAsync("/favicon.svg");
        Assert.Equal(System.Net.HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
    }
}
