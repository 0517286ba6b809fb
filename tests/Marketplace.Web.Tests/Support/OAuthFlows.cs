using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketplace.Web.Api;
using Marketplace.Web.OpenId;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Tests.Support;

/// <summary>What a mobile app or a partner system does against /connect: code + PKCE, refresh, client credentials.</summary>
public static class OAuthFlows
{
    public const string RedirectUri = "http://127.0.0.1/oauth/callback";

    public static readonly string AllApiScopes = string.Join(' ', ApiScopes.All);

    /// <summary>Authorization code with PKCE for the person signed in on <paramref name="client"/>; returns the token response.</summary>
    public static async Task<JsonElement> CodeFlowAsync(SiteClient client, string scope = "openid profile offline_access marketplace.organizations marketplace.search")
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ApiScopes.MobileClientId, ["response_type"] = "code", ["redirect_uri"] = RedirectUri,
            ["scope"] = scope, ["state"] = "s1", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });
        using var redirect = await client.GetAsync(authorize);
        if (redirect.StatusCode != HttpStatusCode.Redirect || !redirect.Headers.Location!.OriginalString.StartsWith(RedirectUri, StringComparison.Ordinal))
            throw new InvalidOperationException($"authorize answered {(int)redirect.StatusCode} {redirect.Headers.Location}");
        var query = QueryHelpers.ParseQuery(redirect.Headers.Location.Query);
        return await TokenAsync(client.Http, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = query["code"]!, ["redirect_uri"] = RedirectUri,
            ["client_id"] = ApiScopes.MobileClientId, ["code_verifier"] = verifier,
        });
    }

    public static async Task<JsonElement> TokenAsync(HttpClient http, IReadOnlyDictionary<string, string> form)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new TokenRefusedException((int)response.StatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<JsonElement> ClientCredentialsAsync(HttpClient http, string clientId, string secret, string scope) =>
        TokenAsync(http, new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope });

    /// <summary>A cookie-less client sending the bearer token, as an API caller does.</summary>
    public static HttpClient Bearer(Uri baseAddress, string? accessToken)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
        if (accessToken is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return http;
    }
}

public sealed class TokenRefusedException(int status, string body) : Exception($"/connect/token answered {status}: {body}")
{
    public int Status { get; } = status;

    public string Body { get; } = body;
}
