using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Web.Tests.Hardening;

/// <summary>
/// A whole journey on a site of its own whose every log category is at Debug, captured whole (message, structured
/// values, scopes, exceptions): registration and e-mail confirmation, a password reset, two-factor set-up and a TOTP
/// sign-in, staff sign-in, an organisation's bank account for transfers, the API through client credentials and the
/// code flow. None of the secrets it used may appear in any log line.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private readonly AccountsSite _site;

    public SecretsInLogsTests() => _site = new AccountsSite(DatabaseProviders.Sqlite, new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
        ["Logging:LogLevel:OpenIddict"] = "Debug",
        ["Logging:LogLevel:System"] = "Debug",
    }, services: s => s.AddSingleton<ILoggerProvider>(_logs));

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task No_password_token_client_secret_TOTP_key_or_bank_account_number_appears_in_the_logs_of_a_full_journey()
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        var email = $"journey-{Guid.NewGuid():N}@example.org";
        var password = "Log-Journey-" + Guid.NewGuid().ToString("N")[..10] + "!";
        var newPassword = "Log-Changed-" + Guid.NewGuid().ToString("N")[..10] + "!";
        secrets["password"] = password;
        secrets["new password"] = newPassword;

        using var person = _site.CreateClient();
        using (var registered = await person.SubmitAsync("/account/register", "#register-form", new Dictionary<string, string>
               { ["Input.Email"] = email, ["Input.DisplayName"] = "日志检查", ["Input.Password"] = password, ["Input.ConfirmPassword"] = password }))
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var confirmation = _site.Mail.LinkTo(email);
        secrets["e-mail confirmation code"] = QueryValue(confirmation, "code");
        using (var confirmed = await person.GetAsync(confirmation)) Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);

        using (var forgot = await person.SubmitAsync("/account/forgot-password", "main form[method=post]", new Dictionary<string, string> { ["Input.Email"] = email }))
            Assert.True(forgot.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);
        var reset = _site.Mail.LinkTo(email);
        secrets["password reset code"] = QueryValue(reset, "code");
        using (var changed = await person.SubmitAsync(reset, "main form[method=post]", new Dictionary<string, string>
               { ["Input.Email"] = email, ["Input.Password"] = newPassword, ["Input.ConfirmPassword"] = newPassword }))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        using (var signedIn = await person.SignInAsync(email, newPassword)) Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var setup = await person.PageAsync("/account/two-factor");
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Trim();
        secrets["authenticator key"] = key;
        using (var enabled = await person.SubmitAsync("/account/two-factor", "#enable-form", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) }))
            Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        using var again = _site.CreateClient();
        using (var totpSignIn = await again.SignInAsync(email, newPassword, key)) Assert.Equal(HttpStatusCode.Redirect, totpSignIn.StatusCode);
        // The sign-in cookie: the longest the site set (the others are antiforgery and culture).
        secrets["session cookie"] = again.Cookies.GetCookies(_site.BaseAddress).MaxBy(c => c.Value.Length)!.Value;

        using var staff = await _site.CreateClient().SignInAsDemoAsync("operator@demo.patent-marketplace.local");
        secrets["staff authenticator key"] = DemoData.StaffAuthenticatorKey;
        secrets["demo password"] = DemoData.Password;

        const string account = "6222020200112233445";
        secrets["bank account number"] = account;
        using var admin = await _site.CreateClient().SignInAsDemoAsync("university.admin@demo.patent-marketplace.local");
        string universityLink;
        await using (var scope = _site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            universityLink = "/organizations/" + await db.Organizations.Where(o => o.CreditCode == DemoData.UniversityCode.Value).Select(o => o.Id).SingleAsync();
        }
        using (var bank = await admin.SubmitAsync(universityLink, "#bank-details-form", new Dictionary<string, string>
               { ["Bank.PayeeName"] = "泉州示范大学（演示）", ["Bank.BankName"] = "中国工商银行泉州分行", ["Bank.AccountNumber"] = account }))
            Assert.Equal(HttpStatusCode.Redirect, bank.StatusCode);
        using (var shown = await admin.GetAsync(universityLink)) Assert.Equal(HttpStatusCode.OK, shown.StatusCode);

        secrets["client secret"] = DemoData.UniversityClientSecret;
        using var machine = OAuthFlows.Bearer(_site.BaseAddress, null);
        var clientToken = (await OAuthFlows.ClientCredentialsAsync(machine, DemoData.UniversityClientId, DemoData.UniversityClientSecret, "marketplace.organizations"))
            .GetProperty("access_token").GetString()!;
        secrets["client access token"] = clientToken;
        using (var api = OAuthFlows.Bearer(_site.BaseAddress, clientToken))
        using (var current = await api.GetAsync("/api/organizations/current"))
            Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var personTokens = await OAuthFlows.CodeFlowAsync(again);
        secrets["access token"] = personTokens.GetProperty("access_token").GetString()!;
        if (personTokens.TryGetProperty("refresh_token", out var refresh)) secrets["refresh token"] = refresh.GetString()!;

        var lines = _logs.Lines;
        Assert.True(lines.Count > 200, $"expected the journey's Debug logs, captured {lines.Count} lines");
        Assert.Contains(lines, l => l.StartsWith("Debug", StringComparison.Ordinal));
        var leaks = (from secret in secrets
                     from form in new[] { secret.Value, Uri.EscapeDataString(secret.Value) }.Distinct()
                     from line in lines
                     where line.Contains(form, StringComparison.Ordinal)
                     select $"{secret.Key}: {line[..Math.Min(line.Length, 400)]}").Distinct().ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log lines hold a secret:\n" + string.Join("\n", leaks.Take(30)));
    }

    private static string QueryValue(string pathAndQuery, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + pathAndQuery).Query)[name].ToString() is { Length: > 0 } value
            ? value : throw new InvalidOperationException($"No {name} in {pathAndQuery}");
}
