using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Loads;

/// <summary>In Chromium, at laptop and phone width: choose a file, upload, watch the progress page refresh itself, read the result.</summary>
[Collection(SharedLoadsSite.Name)]
public sealed class UploadBrowserTests(LoadsSite fixture, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task An_operator_uploads_an_export_watches_it_load_and_sees_the_quarantined_rows(int width)
    {
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
            await Browser.SignInAsDemoAsync(page, LoadUploads.Operator, "/account/login?culture=en");

            await page.GotoAsync("/admin/loads");
            await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload
            {
                Name = $"export-{width}.csv",
                MimeType = "text/csv",
                Buffer = LoadUploads.ExportWithTwoBadRows(),
            });
            await page.Locator("#upload-submit").ClickAsync();

            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/loads/[0-9a-f-]{36}$"));
            // The page refreshes itself (meta refresh) until the load is done.
            await Assertions.Expect(page.Locator("#load-done")).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await Assertions.Expect(page.Locator("#quarantine-table tbody tr")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#load-quarantined")).ToHaveTextAsync("2");
            await Assertions.Expect(page.Locator("#download-csv")).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - window.innerWidth");
            await Browser.ScreenshotAsync(page, $"loads-result-{width}", fullPage: true);
            Assert.True(overflow <= 0, $"the result page is {overflow} px wider than a {width} px screen");

            await page.GotoAsync("/admin/loads");
            await Assertions.Expect(page.Locator("#load-history")).ToContainTextAsync($"export-{width}.csv");
            await Browser.ScreenshotAsync(page, $"loads-history-{width}", fullPage: true);
            Assert.Empty(errors);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
