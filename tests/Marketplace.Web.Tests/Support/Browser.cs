using Marketplace.Web.Demo;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Support;

/// <summary>
/// The system Chromium driven by Playwright: headless, never downloaded, HOME in a temporary folder.
/// Fails loudly when /usr/bin/chromium is missing: a skipped browser test would hide a broken site.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = null!;

    /// <summary>Where screenshots go: $MARKETPLACE_SCREENSHOTS, or screenshots/ beside the test binaries.</summary>
    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("MARKETPLACE_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Browser tests need Chromium at {ChromiumPath}. Install it (as root) with: apt-get install -y chromium fonts-wqy-microhei");
        TestHome.EnsureIsolated();
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs <paramref name="page"/> in as a demo account (staff answer the demo authenticator's code) and waits until it is signed in.</summary>
    public static async Task SignInAsDemoAsync(IPage page, string email, string loginPath = "/account/login")
    {
        await page.GotoAsync(loginPath);
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(DemoData.Password);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        if (page.Url.Contains("/account/login-2fa", StringComparison.Ordinal))
        {
            await page.Locator("#Input_Code").FillAsync(Totp.Code(DemoData.StaffAuthenticatorKey));
            await page.Locator("#code-form button[type=submit]").ClickAsync();
        }
        await Assertions.Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });

    public async Task DisposeAsync()
    {
        if (Instance is not null) await Instance.DisposeAsync();
        _playwright?.Dispose();
    }
}
