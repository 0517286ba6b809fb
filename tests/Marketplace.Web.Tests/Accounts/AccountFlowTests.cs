using System.Net;
using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Accounts;

/// <summary>Registration, confirmation, lockout, password reset and TOTP, through the pages, on each database provider.</summary>
public abstract class AccountFlowTests(AccountsSite site)
{
    private const string Password = "Str0ng-Passw0rd!";

    internal static string NewEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.org".ToLowerInvariant();

    internal static async Task RegisterAsync(AccountsSite site, SiteClient client, string email, string password = Password, string name = "测试用户")
    {
        using var response = await client.SubmitAsync("/account/register", "#register-form", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = name, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/register-confirmation", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    internal static async Task<SiteClient> RegisteredAndSignedInAsync(AccountsSite site, string email, string password = Password)
    {
        var client = site.CreateClient();
        await RegisterAsync(site, client, email, password);
        var confirmed = await client.PageAsync(site.Mail.LinkTo(email));
        Assert.NotNull(confirmed.QuerySelector("#confirmed"));
        using var signedIn = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    [Fact]
    public async Task Registration_mails_a_confirmation_link_and_sign_in_waits_for_it()
    {
        var email = NewEmail("register");
        using var client = site.CreateClient();
        await RegisterAsync(site, client, email);

        using (var early = await client.SignInAsync(email, Password))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
            Assert.Contains("请先确认您的电子邮件地址", (await Html.ReadAsync(early)).QuerySelector(".alert")!.TextContent);
        }

        var mail = site.Mail.LastTo(email);
        Assert.Equal("请确认您的电子邮件地址", mail.Subject);
        var confirmed = await client.PageAsync(site.Mail.LinkTo(email));
        Assert.NotNull(confirmed.QuerySelector("#confirmed"));

        using var signedIn = await client.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/organizations", signedIn.Headers.Location!.OriginalString);
        using var organizations = await client.GetAsync("/organizations");
        Assert.Equal(HttpStatusCode.OK, organizations.StatusCode);

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var actions = await db.AuditEntries.Where(e => e.Subject == email).Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditActions.Registered, actions);
        Assert.Contains(AuditActions.EmailConfirmed, actions);
    }

    private static async Task<string> ResendAsync(SiteClient client, string email)
    {
        using var response = await client.SubmitAsync("/account/resend-confirmation", "#resend-form", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ReadAsync(response);
        Assert.NotNull(page.QuerySelector("#sent"));
        return page.QuerySelector(".form-panel")!.TextContent;
    }

    [Fact]
    public async Task The_confirmation_link_is_sent_again_once_per_interval_with_the_same_answer_for_unknown_addresses()
    {
        var email = NewEmail("resend");
        var unknown = NewEmail("resend-unknown");
        using var client = site.CreateClient();
        await RegisterAsync(site, client, email);
        Assert.Single(site.Mail.To(email));

        var answer = await ResendAsync(client, email);
        var resent = site.Mail.To(email);
        Assert.Equal(2, resent.Count);
        Assert.Equal("请确认您的电子邮件地址", resent[^1].Subject);

        // Again at once: the same answer, no third mail; an unregistered address: the same answer, no mail at all.
        Assert.Equal(answer, await ResendAsync(client, email));
        Assert.Equal(answer, await ResendAsync(client, unknown));
        Assert.Equal(answer, await ResendAsync(client, email.ToUpperInvariant()));
        Assert.Equal(2, site.Mail.To(email).Count);
        Assert.Empty(site.Mail.To(unknown));

        var confirmed = await client.PageAsync(site.Mail.LinkTo(email));
        Assert.NotNull(confirmed.QuerySelector("#confirmed"));
        using var signedIn = await client.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ConfirmationResent && e.Subject == email));
    }

    [Fact]
    public async Task A_confirmed_address_gets_no_new_confirmation_link()
    {
        var email = NewEmail("resend-confirmed");
        using var client = await RegisteredAndSignedInAsync(site, email);
        var before = site.Mail.To(email).Count;

        using var anonymous = site.CreateClient();
        await ResendAsync(anonymous, email);

        Assert.Equal(before, site.Mail.To(email).Count);
    }

    [Fact]
    public async Task A_tampered_confirmation_link_confirms_nothing()
    {
        var email = NewEmail("tampered");
        using var client = site.CreateClient();
        await RegisterAsync(site, client, email);
        var link = site.Mail.LinkTo(email);

        var page = await client.PageAsync(link.Replace("code=", "code=x", StringComparison.Ordinal));

        Assert.Null(page.QuerySelector("#confirmed"));
        Assert.NotNull(page.QuerySelector(".alert"));
    }

    [Fact]
    public async Task Registration_refuses_a_weak_password_and_an_address_already_registered()
    {
        var email = NewEmail("weak");
        using var client = site.CreateClient();
        using var weak = await client.SubmitAsync("/account/register", "#register-form", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "x", ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "short",
        });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("密码至少需要 10 个字符", (await Html.ReadAsync(weak)).QuerySelector(".alert")!.TextContent);

        await RegisterAsync(site, client, email);
        using var again = await client.SubmitAsync("/account/register", "#register-form", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "x", ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
        });
        Assert.Contains("已被注册", (await Html.ReadAsync(again)).QuerySelector(".alert")!.TextContent);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_that_even_the_right_one_is_refused()
    {
        var email = NewEmail("lockout");
        using var client = await RegisteredAndSignedInAsync(site, email);
        using var other = site.CreateClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await other.SignInAsync(email, "Wrong-Passw0rd!");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using (var fifth = await other.SignInAsync(email, "Wrong-Passw0rd!"))
        {
            Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
            Assert.Equal("/account/lockout", fifth.Headers.Location!.OriginalString);
        }
        using var right = await other.SignInAsync(email, Password);
        Assert.Equal("/account/lockout", right.Headers.Location!.OriginalString);

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Subject == email && e.Action == AuditActions.LockedOut));
    }

    [Fact]
    public async Task A_password_reset_by_mail_sets_the_new_password_and_ends_a_lockout()
    {
        var email = NewEmail("reset");
        using var client = await RegisteredAndSignedInAsync(site, email);
        using var other = site.CreateClient();
        for (var attempt = 1; attempt <= 5; attempt++)
            (await other.SignInAsync(email, "Wrong-Passw0rd!")).Dispose();

        using (var sent = await other.SubmitAsync("/account/forgot-password", "form[method=post]", new Dictionary<string, string> { ["Input.Email"] = email }))
            Assert.NotNull((await Html.ReadAsync(sent)).QuerySelector("#sent"));
        var link = site.Mail.LinkTo(email);
        Assert.StartsWith("/account/reset-password", link, StringComparison.Ordinal);
        using (var reset = await other.SubmitAsync(link, "form[method=post]", new Dictionary<string, string>
               {
                   ["Input.Email"] = email, ["Input.Password"] = "New-Passw0rd-2026", ["Input.ConfirmPassword"] = "New-Passw0rd-2026",
               }))
            Assert.NotNull((await Html.ReadAsync(reset)).QuerySelector("#reset-done"));

        using var old = await other.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        using var fresh = await other.SignInAsync(email, "New-Passw0rd-2026");
        Assert.Equal("/organizations", fresh.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_an_unknown_address_and_sends_nothing()
    {
        var email = NewEmail("nobody");
        using var client = site.CreateClient();
        using var sent = await client.SubmitAsync("/account/forgot-password", "form[method=post]", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.NotNull((await Html.ReadAsync(sent)).QuerySelector("#sent"));
        Assert.Empty(site.Mail.To(email));
    }

    [Fact]
    public async Task Once_two_factor_is_on_sign_in_asks_for_the_authenticator_code()
    {
        var email = NewEmail("totp");
        using var client = await RegisteredAndSignedInAsync(site, email);
        var setup = await client.PageAsync("/account/two-factor");
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Trim();
        using (var wrong = await client.PostFormAsync(setup.QuerySelector("#enable-form")!, "/account/two-factor?handler=Enable", new Dictionary<string, string> { ["Input.Code"] = "000000" }))
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        setup = await client.PageAsync("/account/two-factor");
        using (var enabled = await client.PostFormAsync(setup.QuerySelector("#enable-form")!, "/account/two-factor?handler=Enable", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) }))
            Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.NotNull((await client.PageAsync("/account/two-factor")).QuerySelector("#enabled"));

        using var other = site.CreateClient();
        using var password = await other.SubmitAsync("/account/login", "#login-form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.StartsWith("/account/login-2fa", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var notYet = await other.GetAsync("/organizations");
        Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);
        using var wrongCode = await other.SubmitAsync(password.Headers.Location.OriginalString, "#code-form", new Dictionary<string, string> { ["Input.Code"] = "123456" == Totp.Code(key) ? "654321" : "123456" });
        Assert.Equal(HttpStatusCode.OK, wrongCode.StatusCode);
        using var rightCode = await other.SubmitAsync(password.Headers.Location.OriginalString, "#code-form", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal("/organizations", rightCode.Headers.Location!.OriginalString);
        using var now = await other.GetAsync("/organizations");
        Assert.Equal(HttpStatusCode.OK, now.StatusCode);
    }

    [Fact]
    public async Task An_operator_without_two_factor_must_set_it_up_and_acts_as_operator_only_after()
    {
        var email = NewEmail("new-operator");
        await using (var scope = site.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MarketplaceUser>>();
            var user = new MarketplaceUser(email, "新运营专员", DateTime.UtcNow) { EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, PlatformRoles.Operator)).Succeeded);
        }
        using var client = site.CreateClient();
        using var signedIn = await client.SignInAsync(email, Password);
        Assert.StartsWith("/account/two-factor?required=True", signedIn.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        using (var forbidden = await client.GetAsync("/admin/organizations"))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var setup = await client.PageAsync(signedIn.Headers.Location.OriginalString);
        Assert.NotNull(setup.QuerySelector("#required"));
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Trim();
        using (var enabled = await client.PostFormAsync(setup.QuerySelector("#enable-form")!, "/account/two-factor?handler=Enable", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) }))
            Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        using var allowed = await client.GetAsync("/admin/organizations");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var disable = await client.PostFormAsync((await client.PageAsync("/account/two-factor")).QuerySelector("form[action*=Disable]")!, "/account/two-factor?handler=Disable", new Dictionary<string, string>());
        Assert.Contains("必须保持", (await Html.ReadAsync(disable)).QuerySelector(".alert")!.TextContent);
    }
}

[Collection(SqliteSiteGroup.Name)]
public sealed class AccountFlowTests_on_SQLite(SqliteSite site) : AccountFlowTests(site);

[Collection(PostgreSqlSiteGroup.Name)]
public sealed class AccountFlowTests_on_PostgreSQL(PostgreSqlSite site) : AccountFlowTests(site);
