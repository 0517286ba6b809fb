using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

/// <summary>
/// Every endpoint of the application × every kind of caller, with the exact status expected. The demo
/// university is the owning organisation; the demo enterprise's member is "another organisation".
/// A new endpoint fails <see cref="Every_endpoint_of_the_application_is_in_the_matrix"/> until it joins.
/// Each feature adds its rows in its own partial file (<c>AuthorizationMatrixTests.Feature.cs</c>): a
/// static property of type <c>IReadOnlyList&lt;Row&gt;</c> whose name ends in <c>Rows</c>, and, when its
/// URLs need the ids of seeded data, a static <c>Task&lt;IReadOnlyDictionary&lt;string, string&gt;&gt;
/// …IdsAsync(IServiceProvider)</c> whose entries the rows read with <c>ids["name"]</c>.
/// </summary>
[Collection(SqliteSiteGroup.Name)]
public sealed partial class AuthorizationMatrixTests(SqliteSite site)
{
    /// <summary>Columns of the expected statuses, in this order.</summary>
    public enum Caller { Anonymous, OwningMember, OwningAdmin, OtherOrganizationMember, Operator, Administrator }

    private static readonly Dictionary<Caller, string?> Accounts = new()
    {
        [Caller.Anonymous] = null,
        [Caller.OwningMember] = "university.member@demo.patent-marketplace.local",
        [Caller.OwningAdmin] = "university.admin@demo.patent-marketplace.local",
        [Caller.OtherOrganizationMember] = "enterprise.member@demo.patent-marketplace.local",
        [Caller.Operator] = "operator@demo.patent-marketplace.local",
        [Caller.Administrator] = "admin@demo.patent-marketplace.local",
    };

    /// <summary>How a row reaches its endpoint: a page or form with the site cookie, or the API with a bearer token.</summary>
    public enum Via { Cookie, Bearer }

    /// <param name="Pattern">The route pattern as the endpoint declares it.</param>
    /// <param name="Expected">Statuses for Anonymous, OwningMember, OwningAdmin, OtherOrganizationMember, Operator, Administrator.</param>
    /// <param name="Restore">Undoes what an allowed caller changed (e.g. leaving), so the next rows and callers see the demo data again.</param>
    public sealed record Row(string Method, string Pattern, Func<Ids, string> Url, Via Via, string Expected, Func<Dictionary<string, string>>? Form = null,
        Func<IServiceProvider, Task>? Restore = null)
    {
        public int ExpectedFor(Caller caller) => int.Parse(Expected.Split(' ', StringSplitOptions.RemoveEmptyEntries)[(int)caller], System.Globalization.CultureInfo.InvariantCulture);

        public override string ToString() => $"{Method} {Pattern}";
    }

    public sealed record Ids(Guid University, Guid UniversityDocument, Guid Enterprise, Guid UniversityMember, IReadOnlyDictionary<string, string> Named)
    {
        /// <summary>An id a feature's <c>…IdsAsync</c> seeded or looked up.</summary>
        public string this[string name] => Named.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No id named '{name}': add it in a feature's …IdsAsync.");
    }

    private const System.Reflection.BindingFlags StaticMembers =
        System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;

    /// <summary>The core rows below, then every feature's rows (from its partial file).</summary>
    public static IReadOnlyList<Row> Matrix { get; } =
    [
        .. CoreRows,
        .. typeof(AuthorizationMatrixTests).GetProperties(StaticMembers)
            .Where(p => p.Name.EndsWith("Rows", StringComparison.Ordinal) && p.Name != nameof(CoreRows) && p.PropertyType == typeof(IReadOnlyList<Row>))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .SelectMany(p => (IReadOnlyList<Row>)p.GetValue(null)!),
    ];

    private static Dictionary<string, string> InviteForm() => new() { ["Invite.Email"] = $"matrix-{Guid.NewGuid():N}@example.org", ["Invite.Role"] = "Member" };

    // Expression-bodied (evaluated when Matrix is built), as feature rows must be too: static
    // initialisers across partial files run in no defined order.
    private static IReadOnlyList<Row> CoreRows =>
    [
        // Public pages and endpoints: the same answer for everyone.
        new("GET", "/", _ => "/", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/search", _ => "/search?q=x", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/patents/{id}", _ => "/patents/CN000000000A", Via.Cookie, "404 404 404 404 404 404"),
        new("GET", "/errors/{code:int}", _ => "/errors/404", Via.Cookie, "404 404 404 404 404 404"),
        new("GET", "/culture/{culture}", _ => "/culture/en?returnUrl=/", Via.Cookie, "302 302 302 302 302 302"),
        new("GET", "/healthz", _ => "/healthz", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/readyz", _ => "/readyz", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/account/register", _ => "/account/register", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/account/register-confirmation", _ => "/account/register-confirmation?email=a@example.org", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/account/confirm-email", _ => "/account/confirm-email", Via.Cookie, "302 302 302 302 302 302"),
        new("GET", "/account/login", _ => "/account/login", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/account/login-2fa", _ => "/account/login-2fa", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/account/lockout", _ => "/account/lockout", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/account/logout", _ => "/account/logout", Via.Cookie, "302 302 302 302 302 302"),
        new("GET", "/account/forgot-password", _ => "/account/forgot-password", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/account/resend-confirmation", _ => "/account/resend-confirmation", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/account/reset-password", _ => "/account/reset-password", Via.Cookie, "302 302 302 302 302 302"),
        new("GET", "/connect/authorize", _ => "/connect/authorize", Via.Cookie, "400 400 400 400 400 400"),
        new("POST", "/connect/token", _ => "/connect/token", Via.Cookie, "400 400 400 400 400 400", () => []),

        // Signed-in pages.
        new("GET", "/account/two-factor", _ => "/account/two-factor", Via.Cookie, "302 200 200 200 200 200"),
        new("GET", "/organizations", _ => "/organizations", Via.Cookie, "302 200 200 200 200 200"),
        new("GET", "/organizations/new", _ => "/organizations/new", Via.Cookie, "302 200 200 200 200 200"),
        new("GET", "/organizations/invitations/{token}", _ => "/organizations/invitations/not-a-token", Via.Cookie, "302 404 404 404 404 404"),

        // The owning organisation's data: members see, owners/admins change, operators see and review.
        new("GET", "/organizations/{id:guid}", i => $"/organizations/{i.University}", Via.Cookie, "302 200 200 403 200 200"),
        new("POST", "/organizations/{id:guid}", i => $"/organizations/{i.University}?handler=Invite", Via.Cookie, "302 403 302 403 403 302", InviteForm),
        // Member management: allowed callers change the member's role to what it is (nothing changes) ...
        new("POST", "/organizations/{id:guid}", i => $"/organizations/{i.University}?handler=ChangeRole&userId={i.UniversityMember}&role=Member", Via.Cookie, "302 403 302 403 403 302", () => []),
        // ... remove someone who is no member (the page shows the refusal) ...
        new("POST", "/organizations/{id:guid}", i => $"/organizations/{i.University}?handler=Remove&userId={Guid.NewGuid()}", Via.Cookie, "302 403 200 403 403 200", () => []),
        // ... and members leave (and are let in again); a platform administrator who is no member is refused by the organisation.
        new("POST", "/organizations/{id:guid}", i => $"/organizations/{i.University}?handler=Leave", Via.Cookie, "302 302 302 403 403 200", () => [], RejoinUniversityAsync),
        new("GET", "/organizations/{id:guid}/documents/{documentId:guid}", i => $"/organizations/{i.University}/documents/{i.UniversityDocument}", Via.Cookie, "302 200 200 403 200 200"),
        new("GET", "/organizations/{id:guid}/api-clients", i => $"/organizations/{i.University}/api-clients", Via.Cookie, "302 403 200 403 403 200"),
        new("GET", "/organizations/{id:guid}", i => $"/organizations/{Guid.NewGuid()}", Via.Cookie, "302 404 404 404 404 404"),

        // Platform staff (with two-factor sign-in) only.
        new("GET", "/admin/organizations", _ => "/admin/organizations", Via.Cookie, "302 403 403 403 200 200"),
        new("GET", "/admin/organizations/{id:guid}", i => $"/admin/organizations/{i.Enterprise}", Via.Cookie, "302 403 403 403 200 200"),
        // Verifying an already verified organisation: allowed callers get the page with the refusal, nothing changes.
        new("POST", "/admin/organizations/{id:guid}", i => $"/admin/organizations/{i.University}?handler=Verify", Via.Cookie, "302 403 403 403 200 200", () => []),
        new("GET", "/admin/audit", _ => "/admin/audit", Via.Cookie, "302 403 403 403 200 200"),

        // The API: bearer tokens only (code flow with PKCE for each person), 401 without one.
        new("GET", "/api/organizations/{id:guid}", i => $"/api/organizations/{i.University}", Via.Bearer, "401 200 200 403 200 200"),
        new("GET", "/api/organizations/current", _ => "/api/organizations/current", Via.Bearer, "401 200 200 200 200 200"),
        // Retired for /api/v1/patents (open to anyone): a permanent redirect for everyone, with or without a token.
        new("GET", "/api/patents", _ => "/api/patents?q=x", Via.Bearer, "308 308 308 308 308 308"),
    ];

    private static string Normalize(string pattern) => "/" + pattern.TrimStart('/');

    [Fact]
    public void Every_endpoint_of_the_application_is_in_the_matrix()
    {
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => Normalize(e.RoutePattern.RawText ?? ""))
            .ToHashSet(StringComparer.Ordinal);
        var inMatrix = Matrix.Select(r => r.Pattern).ToHashSet(StringComparer.Ordinal);

        Assert.True(endpoints.Count > 25, $"expected the application's endpoints, found {endpoints.Count}");
        var missing = endpoints.Except(inMatrix).Order(StringComparer.Ordinal).ToList();
        var stale = inMatrix.Except(endpoints).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Endpoints missing from the authorisation matrix:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Matrix rows for endpoints that do not exist:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Every_caller_gets_exactly_the_expected_status_on_every_endpoint()
    {
        var ids = await IdsAsync();
        var failures = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            using var client = site.CreateClient();
            if (Accounts[caller] is { } email) await client.SignInAsDemoAsync(email);
            var token = Accounts[caller] is null ? null : (await OAuthFlows.CodeFlowAsync(client)).GetProperty("access_token").GetString();
            using var bearer = OAuthFlows.Bearer(site.BaseAddress, token);
            var antiforgery = await client.AntiforgeryTokenAsync(Accounts[caller] is null ? "/account/login" : "/organizations/new");

            foreach (var row in Matrix)
            {
                var url = row.Url(ids);
                using var response = await SendAsync(row, url, client, bearer, antiforgery);
                var expected = row.ExpectedFor(caller);
                if ((int)response.StatusCode != expected)
                    failures.Add($"{caller,-24} {row.Method} {url}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}");
                else if (expected == 302 && caller == Caller.Anonymous && row.Pattern.StartsWith("/organizations", StringComparison.Ordinal))
                    Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Matrix.Count * 6} answers differ:\n" + string.Join("\n", failures));
    }

    /// <summary>Sends one row's request as the caller of <paramref name="client"/> (or its <paramref name="bearer"/> token), then undoes what it changed.</summary>
    private async Task<HttpResponseMessage> SendAsync(Row row, string url, SiteClient client, HttpClient bearer, string antiforgery)
    {
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), url);
        if (row.Form is not null)
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>(row.Form()) { ["__RequestVerificationToken"] = antiforgery });
        var response = row.Via == Via.Bearer ? await bearer.SendAsync(request) : await client.Http.SendAsync(request);
        if (row.Restore is not null)
        {
            await using var scope = site.Scope();
            await row.Restore(scope.ServiceProvider);
        }
        return response;
    }

    private async Task<Ids> IdsAsync()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var university = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.UniversityCode.Value);
        var enterprise = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.EnterpriseCode.Value);
        var document = await db.VerificationDocuments.FirstAsync(d => d.OrganizationId == university.Id);
        var member = await db.Users.SingleAsync(u => u.Email == Accounts[Caller.OwningMember]);
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var method in typeof(AuthorizationMatrixTests).GetMethods(StaticMembers)
                     .Where(m => m.Name.EndsWith("IdsAsync", StringComparison.Ordinal) && m.ReturnType == typeof(Task<IReadOnlyDictionary<string, string>>))
                     .OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            await using var featureScope = site.Scope();
            var featureIds = await (Task<IReadOnlyDictionary<string, string>>)method.Invoke(null, [featureScope.ServiceProvider])!;
            foreach (var (name, value) in featureIds) named.Add(name, value);
        }
        return new Ids(university.Id, document.Id, enterprise.Id, member.Id, named);
    }

    /// <summary>Lets the demo university's people who left join again, with their demo role, acting for it.</summary>
    private static async Task RejoinUniversityAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var university = await services.GetRequiredService<OrganizationService>().FindAsync(
            (await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.UniversityCode.Value)).Id);
        foreach (var account in DemoData.Accounts.Where(a => a.Organization == "university"))
        {
            var user = await db.Users.SingleAsync(u => u.Email == account.Email);
            if (university!.MemberOf(user.Id) is not null) continue;
            var (invitation, _) = university.Invite(account.Email, account.OrganizationRole, Guid.NewGuid(), DateTime.UtcNow, byPlatformAdministrator: true);
            university.Accept(invitation, user.Id, account.Email, DateTime.UtcNow);
            user.SwitchTo(university);
        }
        await db.SaveChangesAsync();
    }
}
