using System.Net;
using Marketplace.Web.Demo;
using Marketplace.Web.Api;
using Marketplace.Web.OpenId;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.OpenId;

/// <summary>The OIDC server: client credentials for an organisation's system, code + PKCE and refresh for apps.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class OpenIdTests(SqliteSite site)
{
    [Fact]
    public async Task A_client_credentials_token_with_the_organisations_scope_reads_its_own_organisation()
    {
        using var http = OAuthFlows.Bearer(site.BaseAddress, null);
        var token = await OAuthFlows.ClientCredentialsAsync(http, DemoData.UniversityClientId, DemoData.UniversityClientSecret, ApiScopes.Organizations);
        using var api = OAuthFlows.Bearer(site.BaseAddress, token.GetProperty("access_token").GetString());

        using var response = await api.GetAsync("/api/organizations/current");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(DemoData.UniversityCode.Value, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_without_the_scope_of_the_area_is_refused_with_403()
    {
        using var http = OAuthFlows.Bearer(site.BaseAddress, null);
        var token = await OAuthFlows.ClientCredentialsAsync(http, DemoData.UniversityClientId, DemoData.UniversityClientSecret, ApiScopes.Search);
        using var api = OAuthFlows.Bearer(site.BaseAddress, token.GetProperty("access_token").GetString());

        using var organizations = await api.GetAsync("/api/organizations/current");
        using var needs = await api.GetAsync("/api/v1/needs");

        Assert.Equal(HttpStatusCode.Forbidden, organizations.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, needs.StatusCode);
    }

    [Fact]
    public async Task A_client_cannot_ask_for_a_scope_its_organisation_did_not_grant_it_nor_use_a_wrong_secret()
    {
        using var owner = await site.CreateClient().SignInAsDemoAsync("enterprise.owner@demo.patent-marketplace.local");
        var organizationId = (await owner.PageAsync("/organizations")).QuerySelector("#memberships a")!.GetAttribute("href")!.Split('/')[^1];
        var page = await owner.PageAsync($"/organizations/{organizationId}/api-clients");
        using var created = await owner.PostFormAsync(page.QuerySelector("#client-form")!, $"/organizations/{organizationId}/api-clients",
            new Dictionary<string, string> { ["DisplayName"] = "ERP", ["Scopes"] = ApiScopes.Search });
        var result = await Html.ReadAsync(created);
        var clientId = result.QuerySelector("#client-id")!.TextContent;
        var secret = result.QuerySelector("#client-secret")!.TextContent;

        using var http = OAuthFlows.Bearer(site.BaseAddress, null);
        Assert.True((await OAuthFlows.ClientCredentialsAsync(http, clientId, secret, ApiScopes.Search)).TryGetProperty("access_token", out _));
        var wrongScope = await Assert.ThrowsAsync<TokenRefusedException>(() => OAuthFlows.ClientCredentialsAsync(http, clientId, secret, ApiScopes.Organizations));
        Assert.Equal(400, wrongScope.Status);
        var wrongSecret = await Assert.ThrowsAsync<TokenRefusedException>(() => OAuthFlows.ClientCredentialsAsync(http, clientId, "not-the-secret", ApiScopes.Search));
        Assert.Equal(401, wrongSecret.Status);
        Assert.Contains("invalid_client", wrongSecret.Body);
    }

    [Fact]
    public async Task The_API_answers_401_to_a_site_cookie_and_to_no_token_never_a_redirect_to_the_login()
    {
        using var member = await site.CreateClient().SignInAsDemoAsync("university.member@demo.patent-marketplace.local");
        using var withCookie = await member.GetAsync("/api/organizations/current");
        using var anonymous = OAuthFlows.Bearer(site.BaseAddress, null);
        using var withNothing = await anonymous.GetAsync("/api/organizations/current");
        using var garbage = OAuthFlows.Bearer(site.BaseAddress, "not-a-token");
        using var withGarbage = await garbage.GetAsync("/api/organizations/current");

        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withNothing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withGarbage.StatusCode);
    }

    [Fact]
    public async Task The_code_flow_with_PKCE_gives_tokens_for_the_signed_in_person_and_the_refresh_token_renews_them()
    {
        using var member = await site.CreateClient().SignInAsDemoAsync("university.member@demo.patent-marketplace.local");
        var tokens = await OAuthFlows.CodeFlowAsync(member);
        Assert.True(tokens.TryGetProperty("id_token", out _));
        var refresh = tokens.GetProperty("refresh_token").GetString()!;

        var renewed = await OAuthFlows.TokenAsync(member.Http, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = ApiScopes.MobileClientId,
        });
        using var api = OAuthFlows.Bearer(site.BaseAddress, renewed.GetProperty("access_token").GetString());
        using var response = await api.GetAsync("/api/organizations/current");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(DemoData.UniversityCode.Value, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_code_flow_refuses_a_code_redeemed_without_the_PKCE_verifier()
    {
        using var member = await site.CreateClient().SignInAsDemoAsync("university.member@demo.patent-marketplace.local");
        var authorize = $"/connect/authorize?client_id={ApiScopes.MobileClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(OAuthFlows.RedirectUri)}&scope=openid";
        using var withoutChallenge = await member.GetAsync(authorize);

        Assert.Equal(HttpStatusCode.BadRequest, withoutChallenge.StatusCode);
        Assert.Contains("code_challenge", await withoutChallenge.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_anonymous_authorization_request_is_sent_to_the_sign_in_page_and_back()
    {
        using var anonymous = site.CreateClient();
        using var response = await anonymous.GetAsync($"/connect/authorize?client_id={ApiScopes.MobileClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(OAuthFlows.RedirectUri)}&scope=openid&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq&code_challenge_method=S256");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString("/connect/authorize"), response.Headers.Location.Query);
    }
}
