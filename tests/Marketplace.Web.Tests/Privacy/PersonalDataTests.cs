using System.Net;
using System.Text.Json;
using Marketplace.Web.Accounts;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Marketplace.Web.Organizations;
using Marketplace.Web.Privacy;
using Marketplace.Web.Saved;
using Marketplace.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Privacy;

/// <summary>
/// A person's own data (PIPL): the download, and deleting the account with what the law keeps kept under a
/// pseudonym. Each deletion test registers a person of its own, a member of an enterprise someone else owns, with a
/// saved search and a licence taken for that enterprise.
/// </summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class PersonalDataTests(SqliteSite site)
{
    private sealed record Person(Guid Id, string Email, Guid OrderId);

    private async Task<Person> PersonWithDataAsync()
    {
        await using var scope = site.Scope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var users = services.GetRequiredService<UserManager<MarketplaceUser>>();
        var email = $"pipl-{Guid.NewGuid():N}@example.org";
        var user = new MarketplaceUser(email, "隐私测试用户", DateTime.UtcNow) { EmailConfirmed = true, PhoneNumber = "13800000000" };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);

        var owner = await db.Users.SingleAsync(u => u.Email == "enterprise.owner@demo.patent-marketplace.local");
        var body = $"91350500MA{Random.Shared.Next(1_000_000, 9_999_999):D7}";
        var enterprise = Organization.Create("隐私测试企业" + body[^4..], OrganizationType.Enterprise, UnifiedSocialCreditCode.Parse(body + UnifiedSocialCreditCode.CheckCharacterFor(body)), owner.Id, DateTime.UtcNow);
        var (invitation, _) = enterprise.Invite(email, OrganizationRole.Member, owner.Id, DateTime.UtcNow);
        enterprise.Accept(invitation, user.Id, email, DateTime.UtcNow);
        db.Organizations.Add(enterprise);
        var declaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).SingleAsync(d => d.PublicationReference == DemoData.OpenLicenseReference);
        var order = LicenseOrder.Notify(declaration, enterprise.Id, user.Id, "pipl-" + Guid.NewGuid().ToString("N"), DateTime.UtcNow);
        db.LicenseOrders.Add(order);
        db.SavedSearches.Add(SavedSearch.Create(user.Id, "锂电池提醒", "锂电池", alertsEnabled: true, DateTime.UtcNow));
        await db.SaveChangesAsync();
        return new Person(user.Id, email, order.Id);
    }

    private async Task<SiteClient> SignedInAsync(string email)
    {
        var client = site.CreateClient();
        using var response = await client.SignInAsync(email, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static Dictionary<string, string> DeletionForm(string password, string? code = null) => new()
    {
        ["Input.Password"] = password,
        ["Input.Confirm"] = "true",
        ["Input.Code"] = code ?? "",
    };

    [Fact]
    public async Task The_download_holds_the_persons_account_memberships_licences_saved_searches_consents_and_audit_entries_and_no_secret()
    {
        var person = await PersonWithDataAsync();
        using var client = await SignedInAsync(person.Email);

        using var response = await client.GetAsync("/account/personal-data?handler=Download");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.DispositionType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(person.Email, root.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("13800000000", root.GetProperty("account").GetProperty("phoneNumber").GetString());
        Assert.Contains(root.GetProperty("organizationMemberships").EnumerateArray(), m => m.GetProperty("organization").GetString()!.StartsWith("隐私测试企业", StringComparison.Ordinal));
        Assert.Contains(root.GetProperty("licences").EnumerateArray(), l => l.GetProperty("id").GetGuid() == person.OrderId);
        Assert.Contains(root.GetProperty("savedSearches").EnumerateArray(), s => s.GetProperty("query").GetString() == "锂电池");
        Assert.Contains(root.GetProperty("consents").EnumerateArray(), c => c.GetProperty("kind").GetString() == "licence-terms");
        Assert.Contains(root.GetProperty("auditEntries").EnumerateArray(), e => e.GetProperty("action").GetString() == "account.signed-in");
        foreach (var name in new[] { "declarations", "needs", "collections", "notifications" })
            Assert.Equal(JsonValueKind.Array, root.GetProperty(name).ValueKind);

        await using var scope = site.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<MarketplaceUser>>().FindByIdAsync(person.Id.ToString());
        Assert.DoesNotContain(user!.PasswordHash!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(user.SecurityStamp!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_only_owner_of_an_organisation_with_members_and_a_published_licence_is_refused_with_the_reason()
    {
        using var owner = await site.CreateClient().SignInAsDemoAsync("university.owner@demo.patent-marketplace.local");

        using var response = await owner.SubmitAsync("/account/personal-data", "#delete-account-form", DeletionForm(DemoData.Password));
        var page = await Html.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var blockers = page.QuerySelector("#deletion-blockers")?.TextContent ?? "";
        Assert.Contains("泉州示范大学（演示）", blockers, StringComparison.Ordinal);
        Assert.Contains("你是某个机构的唯一所有者", page.QuerySelector(".validation-summary-errors")?.TextContent ?? "", StringComparison.Ordinal);
        await using var scope = site.Scope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Users.AnyAsync(u => u.Email == "university.owner@demo.patent-marketplace.local"));
        using var stillIn = await owner.GetAsync("/account/personal-data");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_deletes_nothing()
    {
        var person = await PersonWithDataAsync();
        using var client = await SignedInAsync(person.Email);

        using var response = await client.SubmitAsync("/account/personal-data", "#delete-account-form", DeletionForm("Wrong-Passw0rd!"));
        var page = await Html.ReadAsync(response);

        Assert.Null(page.QuerySelector("#account-deleted"));
        Assert.Contains("密码错误", page.QuerySelector(".validation-summary-errors")?.TextContent ?? "", StringComparison.Ordinal);
        await using var scope = site.Scope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SavedSearches.AnyAsync(s => s.UserId == person.Id));
    }

    [Fact]
    public async Task Wrong_passwords_on_the_deletion_form_count_towards_the_lockout_like_wrong_sign_ins()
    {
        var person = await PersonWithDataAsync();
        using var client = await SignedInAsync(person.Email);

        for (var attempt = 1; attempt < 5; attempt++)
        {
            using var refused = await client.SubmitAsync("/account/personal-data", "#delete-account-form", DeletionForm("Wrong-Passw0rd!"));
            Assert.Contains("密码错误", (await Html.ReadAsync(refused)).QuerySelector(".validation-summary-errors")?.TextContent ?? "", StringComparison.Ordinal);
        }
        using var fifth = await client.SubmitAsync("/account/personal-data", "#delete-account-form", DeletionForm("Wrong-Passw0rd!"));

        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Equal("/account/lockout", fifth.Headers.Location?.OriginalString);
        using var signIn = await site.CreateClient().SignInAsync(person.Email, DemoData.Password);
        Assert.Equal("/account/lockout", signIn.Headers.Location?.OriginalString);
        await using var scope = site.Scope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SavedSearches.AnyAsync(s => s.UserId == person.Id));
    }

    [Fact]
    public async Task Staff_must_give_their_authenticator_code_to_delete_their_account()
    {
        using var operatorClient = await site.CreateClient().SignInAsDemoAsync("operator@demo.patent-marketplace.local");

        var form = await operatorClient.PageAsync("/account/personal-data");
        using var response = await operatorClient.SubmitAsync("/account/personal-data", "#delete-account-form", DeletionForm(DemoData.Password, "000000"));
        var page = await Html.ReadAsync(response);

        Assert.NotNull(form.QuerySelector("#Input_Code"));
        Assert.Null(page.QuerySelector("#account-deleted"));
        Assert.Contains("验证码错误或已过期", page.QuerySelector(".validation-summary-errors")?.TextContent ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deletion_erases_the_personal_data_keeps_the_licence_and_audit_under_a_pseudonym_and_signs_the_person_out()
    {
        var person = await PersonWithDataAsync();
        using var client = await SignedInAsync(person.Email);

        using var response = await client.SubmitAsync("/account/personal-data", "#delete-account-form", DeletionForm(DemoData.Password));
        var page = await Html.ReadAsync(response);

        var pseudonym = AccountDeletion.PseudonymFor(person.Id);
        var said = page.QuerySelector("#account-deleted")?.TextContent ?? "";
        Assert.Contains(pseudonym, said, StringComparison.Ordinal);
        Assert.Contains("1 项许可", page.QuerySelector("#kept")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#sign-out"));

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == person.Id);
        Assert.Equal($"{pseudonym}@{AccountDeletion.PseudonymDomain}", user.Email);
        Assert.Equal(pseudonym, user.DisplayName);
        Assert.Null(user.PasswordHash);
        Assert.Null(user.PhoneNumber);
        Assert.Equal(DateTimeOffset.MaxValue, user.LockoutEnd);
        Assert.False(await db.SavedSearches.AnyAsync(s => s.UserId == person.Id));
        Assert.False(await db.Memberships.AnyAsync(m => m.UserId == person.Id));
        Assert.True(await db.LicenseOrders.AnyAsync(o => o.Id == person.OrderId && o.RequestedBy == person.Id));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.UserName == person.Email || e.Subject == person.Email));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.UserId == person.Id && e.Action == "account.signed-in"));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.UserId == person.Id && e.Action == "account.deleted"));

        using var afterwards = await client.GetAsync("/account/personal-data");
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        using var again = site.CreateClient();
        using var signIn = await again.SignInAsync(person.Email, DemoData.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task The_privacy_notice_is_linked_from_the_footer_and_the_sign_up_page_and_names_who_to_contact()
    {
        using var visitor = site.CreateClient();

        var register = await visitor.PageAsync("/account/register");
        var notice = await visitor.PageAsync("/privacy");
        var english = await visitor.PageAsync("/privacy?culture=en");

        Assert.NotNull(register.QuerySelector("#register-privacy a[href='/privacy']"));
        Assert.NotNull(register.QuerySelector("#footer-privacy[href='/privacy']"));
        Assert.Contains("privacy@patent-marketplace.example", notice.QuerySelector("#contact")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("个人信息保护法", notice.QuerySelector("#privacy-notice")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("Personal Information Protection Law", english.QuerySelector("#privacy-notice")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("six months", english.QuerySelector("#retention")?.TextContent ?? "", StringComparison.Ordinal);
    }
}
