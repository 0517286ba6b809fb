using Analytics;
using Marketplace.Web.Tests.Loads;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Models;

/// <summary>The model versions page in Chromium at laptop and phone width: the versions with their figures, and the confirmation before a change.</summary>
[Collection(SharedLoadsSite.Name)]
public sealed class ModelsBrowserTests(LoadsSite fixture, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task An_operator_reads_the_versions_and_the_confirmation_without_the_page_widening(int width)
    {
        // A second, inactive version beside the one the start trained (a copy of it, so nothing else in the site changes).
        var analytics = fixture.Site.Services.GetRequiredService<PatentAnalytics>();
        if (analytics.Store.List().Count < 2)
        {
            using var copy = analytics.LoadModel();
            analytics.Store.Save(copy);
        }
        var inactive = analytics.Store.List().First(v => !v.IsActive).Number;
        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Site.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        try
        {
            await Browser.SignInAsDemoAsync(page, LoadUploads.Operator);

            await page.GotoAsync("/admin/models");
            await Assertions.Expect(page.Locator("#model-versions tr.active-version")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#train-now")).ToBeVisibleAsync();
            await Browser.ScreenshotAsync(page, $"models-{width}", fullPage: true);
            Assert.Null(await PageLayout.OverflowAsync(page));

            await page.Locator($"#activate-{inactive}").ClickAsync();
            await Assertions.Expect(page.Locator("#confirm-figures tbody tr")).ToHaveCountAsync(6);
            await Assertions.Expect(page.Locator("#confirm-activate")).ToBeVisibleAsync();
            await Browser.ScreenshotAsync(page, $"models-confirm-{width}", fullPage: true);
            Assert.Null(await PageLayout.OverflowAsync(page));
            Assert.Empty(errors);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
