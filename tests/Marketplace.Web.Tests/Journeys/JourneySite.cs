using System.Globalization;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Marketplace.Web.Samples;
using Marketplace.Web.Tests.Support;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// The site a newcomer walks: demo accounts and data on SQLite, the repository's sample patents loaded, no Stripe
/// (bank transfer, as most Chinese deployments), mail into a pickup folder. The journeys share it and each walk
/// arranges what it needs apart from what it walks (a fresh patent, a pending organisation), so walks do not
/// depend on each other's order. It also keeps each demo account's signed-in browser state, so a journey
/// signs in through the form once per account, not once per walk.
/// </summary>
public sealed class JourneySite() : AccountsSite(DatabaseProviders.Sqlite, new Dictionary<string, string?>
{
    ["Search:SamplesPath"] = RepositoryPaths.Samples,
}), IAsyncLifetime
{
    public const string Operator = "operator@demo.patent-marketplace.local";
    public const string UniversityOwner = "university.owner@demo.patent-marketplace.local";
    public const string EnterpriseOwner = "enterprise.owner@demo.patent-marketplace.local";
    public const string EnterpriseMember = "enterprise.member@demo.patent-marketplace.local";
    public const string UniversityName = "泉州示范大学（演示）";

    private static int _patents;

    /// <summary>The language check every walk applies to every page; its data is shared, since walks only add to it.</summary>
    public PageLanguage Language => _language ??= new PageLanguage(this);
    private readonly Dictionary<string, string> _signedIn = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signIn = new(1, 1);
    private PageLanguage? _language;

    public new async Task InitializeAsync()
    {
        // Playwright's web-first assertions wait 5 s by default; on two shared cores a redirect after a post took longer.
        Assertions.SetDefaultExpectTimeout(30_000);
        await base.InitializeAsync();
        var state = await Services.GetRequiredService<SampleLoadStatus>().Finished.WaitAsync(TimeSpan.FromMinutes(3));
        if (state is not (SampleLoadState.Completed or SampleLoadState.Skipped))
            throw new InvalidOperationException($"The sample load ended {state}: {Services.GetRequiredService<SampleLoadStatus>().Message}");
    }

    /// <summary>
    /// A browser context <paramref name="width"/> px wide, signed in as the demo account (the form once per account,
    /// with the staff TOTP code for operators; later contexts start from the saved cookies).
    /// </summary>
    public async Task<IBrowserContext> SignedInContextAsync(IBrowser browser, string email, int width, string culture)
    {
        await _signIn.WaitAsync();
        try
        {
            if (!_signedIn.TryGetValue(email, out var state))
            {
                await using var context = await NewContextAsync(browser, Options(width, null));
                var page = await context.NewPageAsync();
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
                state = await context.StorageStateAsync();
                _signedIn[email] = state;
            }
            return await InCultureAsync(await NewContextAsync(browser, Options(width, state)), culture);
        }
        finally
        {
            _signIn.Release();
        }
    }

    public async Task<IBrowserContext> VisitorContextAsync(IBrowser browser, int width, string culture) =>
        await InCultureAsync(await NewContextAsync(browser, Options(width, null)), culture);

    /// <summary>
    /// Every page of <paramref name="context"/> in <paramref name="culture"/>, through the cookie the language switch sets
    /// (the site ignores the browser's Accept-Language, and a ?culture= would have to ride on every link the walk follows).
    /// </summary>
    private async Task<IBrowserContext> InCultureAsync(IBrowserContext context, string culture)
    {
        await context.AddCookiesAsync([new Cookie
        {
            Name = CookieRequestCultureProvider.DefaultCookieName,
            Value = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            Url = BaseAddress.ToString(),
        }]);
        return context;
    }

    /// <summary>What the site says for the English resource key <paramref name="english"/> in <paramref name="culture"/>.</summary>
    public string Text(string english, string culture)
    {
        var localizer = Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var current = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return localizer[english].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = current;
        }
    }

    /// <summary>
    /// A context whose waits allow for the CI machine: the test projects run side by side on two cores, and a cold
    /// page (first Razor compile, first report) took over Playwright's default 30 s there once. A page that never
    /// comes still fails; only the ceiling is higher.
    /// </summary>
    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        context.SetDefaultNavigationTimeout(120_000);
        context.SetDefaultTimeout(60_000);
        return context;
    }

    private BrowserNewContextOptions Options(int width, string? state) => new()
    {
        BaseURL = BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = width, Height = 900 },
        Locale = "zh-CN",
        StorageState = state,
    };

    /// <summary>A new invention in force in the index, filed by the demo university under its registered name (so it owns it at once).</summary>
    public async Task<string> AddUniversityPatentAsync(string title, string? abstractText = null)
    {
        var id = $"CN1{Interlocked.Increment(ref _patents) + 80_000_000:D8}A";
        var index = Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse(id),
            DocumentType = DocumentType.Invention,
            Stage = PublicationStage.Grant,
            LegalStatus = LegalStatus.InForce,
            Titles = [new LocalizedText("zh", title)],
            Abstracts = abstractText is null ? [] : [new LocalizedText("zh", abstractText)],
            Applicants = [new Party { Name = UniversityName }],
            ApplicationDate = new DateOnly(2021, 3, 15),
            IpcCodes = ["G06F16/00"],
        }]);
        await index.CommitAsync();
        return id;
    }

    /// <summary>A declaration of the demo university on a fresh patent, submitted for review (published too when asked), through the services the pages use.</summary>
    public async Task<(OpenLicenseDeclaration Declaration, string Patent)> DeclarationAsync(string title, decimal lumpSum, bool publish)
    {
        var patent = await AddUniversityPatentAsync(title);
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var declarations = scope.ServiceProvider.GetRequiredService<DeclarationService>();
        var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.CreditCode == DemoData.UniversityCode.Value);
        var owner = await db.Users.SingleAsync(u => u.Email == UniversityOwner);
        var declaration = await declarations.CreateDraftAsync(university, owner.Id, [patent]);
        await declarations.SaveTermsAsync(declaration, LicenseFee.LumpSum(lumpSum), 2, null, PaymentChannel.BankTransfer, null,
            new PatenteeAttestations { FeesPaid = true, NoDisputeOrPreservation = true });
        await declarations.SubmitAsync(declaration);
        if (publish)
        {
            var reviewer = await db.Users.SingleAsync(u => u.Email == Operator);
            await declarations.PublishAsync(declaration, reviewer.Id, "KFXK-JOURNEY-" + patent, DateOnly.FromDateTime(DateTime.UtcNow));
        }
        return (declaration, patent);
    }

    /// <summary>The demo enterprise, verified (the demo leaves it pending so an operator has something to review): its id.</summary>
    public async Task<Guid> VerifiedEnterpriseAsync()
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var enterprise = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.EnterpriseCode.Value);
        if (enterprise.Verification != VerificationStatus.Verified)
        {
            var reviewer = await db.Users.SingleAsync(u => u.Email == Operator);
            enterprise.Verify(reviewer.Id, DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        return enterprise.Id;
    }

    public async Task<Guid> UniversityIdAsync()
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        return await db.Organizations.Where(o => o.CreditCode == DemoData.UniversityCode.Value).Select(o => o.Id).SingleAsync();
    }

    /// <summary>A new enterprise with its business licence attached, waiting for an operator's verification.</summary>
    public async Task<string> PendingOrganizationAsync(string name)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var owner = await db.Users.SingleAsync(u => u.Email == EnterpriseOwner);
        var body = $"91350500MA{Random.Shared.Next(1_000_000, 9_999_999):D7}";
        var organization = Organization.Create(name, OrganizationType.Enterprise, UnifiedSocialCreditCode.Parse(body + UnifiedSocialCreditCode.CheckCharacterFor(body)), owner.Id, DateTime.UtcNow);
        organization.AttachDocument("营业执照.txt", "text/plain", "营业执照"u8.ToArray(), owner.Id, DateTime.UtcNow);
        organization.SubmitForVerification(DateTime.UtcNow);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return name;
    }

    public override async Task DisposeAsync()
    {
        _signIn.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class JourneySiteGroup : ICollectionFixture<JourneySite>
{
    public const string Name = "journeys";
}
