using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Hardening;

[Collection(SqliteSiteGroup.Name)]
public sealed class SecurityHeaderAndAntiforgeryTests(SqliteSite site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/errors/404")]
    public async Task Every_page_carries_CSP_frame_denial_and_nosniff(string url)
    {
        using var client = site.CreateClient();
        using var response = await client.GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task HSTS_is_not_sent_over_plain_HTTP()
    {
        using var client = site.CreateClient();
        using var response = await client.GetAsync("/");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_with_400()
    {
        using var member = await site.CreateClient().SignInAsDemoAsync("university.owner@demo.patent-marketplace.local");
        using var response = await member.Http.PostAsync("/organizations/new",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "CSRF", ["Input.Type"] = "Enterprise", ["Input.CreditCode"] = "91350100M000100Y43" }));
        using var login = await member.Http.PostAsync("/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.org", ["Input.Password"] = "y" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/account/login")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/resend-confirmation")]
    [InlineData("/organizations/new")]
    [InlineData("/account/two-factor")]
    public async Task Every_post_form_on_the_account_pages_carries_an_antiforgery_token(string url)
    {
        using var member = site.CreateClient();
        if (!url.StartsWith("/account/", StringComparison.Ordinal) || url == "/account/two-factor")
            await member.SignInAsDemoAsync("university.member@demo.patent-marketplace.local");
        var page = await member.PageAsync(url);
        var forms = page.QuerySelectorAll("form[method=post]").ToList();
        Assert.NotEmpty(forms);
        Assert.All(forms, f => Assert.NotNull(f.QuerySelector("input[name=__RequestVerificationToken]")));
    }
}

/// <summary>Tight limits on a site of its own: sign-in and token endpoints answer 429 once the minute's permits are used.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly AccountsSite _site = new(DatabaseProviders.Sqlite, new Dictionary<string, string?>
    {
        ["RateLimits:SignInPerMinute"] = "3",
        ["RateLimits:TokenPerMinute"] = "2",
        ["RateLimits:SearchPerMinute"] = "2",
    });

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Sign_in_token_and_search_endpoints_answer_429_over_the_limit()
    {
        using var client = _site.CreateClient();
        var signIn = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/account/login");
            signIn.Add(response.StatusCode);
        }
        var token = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.Http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
            token.Add(response.StatusCode);
        }
        var search = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/search?q=x");
            search.Add(response.StatusCode);
        }
        using var other = await client.GetAsync("/account/lockout");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], signIn);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], token);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], search);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData("/account/resend-confirmation")]
    [InlineData("/account/forgot-password")]
    public void Pages_that_send_mail_on_request_share_the_sign_in_limit(string path) =>
        Assert.Equal("sign-in", Marketplace.Web.Hardening.HardeningExtensions.Category(path));
}

/// <summary>Data Protection keys live in the database: a session cookie from one instance works on the next (restart or replica).</summary>
public sealed class DataProtectionKeyTests
{
    [Fact]
    public async Task A_session_cookie_survives_a_restart_because_the_keys_are_in_the_database()
    {
        var folder = Path.Combine(Path.GetTempPath(), "marketplace-restart-" + Guid.NewGuid().ToString("N")[..8]);
        var connection = $"Data Source={Path.Combine(folder, "marketplace.db")}";
        string cookieHeader;
        var first = new AccountsSite(DatabaseProviders.Sqlite, dataFolder: Path.Combine(folder, "a"), connectionString: connection);
        await first.InitializeAsync();
        try
        {
            using var client = await first.CreateClient().SignInAsDemoAsync("university.member@demo.patent-marketplace.local");
            cookieHeader = client.Cookies.GetCookieHeader(first.BaseAddress);
            await using var scope = first.Scope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().DataProtectionKeys.AnyAsync());
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = new AccountsSite(DatabaseProviders.Sqlite, dataFolder: Path.Combine(folder, "b"), connectionString: connection);
        await second.InitializeAsync();
        try
        {
            using var http = OAuthFlows.Bearer(second.BaseAddress, null);
            http.DefaultRequestHeaders.Add("Cookie", cookieHeader);
            using var response = await http.GetAsync("/organizations");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await second.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
