using Marketplace.Web.Api;
using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Marketplace.Web.OpenId;

/// <summary>
/// The passthrough ends of the OIDC endpoints: OpenIddict has already validated the request (client,
/// PKCE, scopes, permissions); these decide who the token is for and what it carries.
/// </summary>
public static class ConnectEndpoints
{
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription();
        app.MapPost("/connect/token", TokenAsync).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// Authorization code flow: a person signed in with the site cookie gets a code for the app. First-party
    /// apps only (registered by the platform), so there is no consent screen.
    /// </summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<MarketplaceUser> users)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
            parameters.RemoveAll(p => p.Key == Parameters.Prompt);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }
        var user = await users.GetUserAsync(cookie.Principal);
        if (user is null) return Forbid(Errors.LoginRequired, "The user no longer exists.");

        var identity = await UserIdentityAsync(users, user, StaffAccess.HasMultiFactor(cookie.Principal));
        identity.SetScopes(request.GetScopes());
        identity.SetResources(ApiScopes.ApiResource);
        identity.SetDestinations(DestinationsOf);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<MarketplaceUser> users, SignInManager<MarketplaceUser> signIn,
        IOpenIddictApplicationManager applications, AuditLog audit)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");

        if (request.IsClientCredentialsGrantType())
        {
            // The client is authenticated already (its secret checked by OpenIddict).
            var application = await applications.FindByClientIdAsync(request.ClientId!)
                ?? throw new InvalidOperationException("The client is unknown.");
            var properties = await applications.GetPropertiesAsync(application);
            if (!properties.TryGetValue(ApiScopes.OrganizationProperty, out var organization) || organization.ValueKind != JsonValueKind.String)
                return Forbid(Errors.UnauthorizedClient, "The client does not belong to an organisation.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application) ?? request.ClientId);
            identity.SetClaim(ApiScopes.OrganizationClaim, organization.GetString());
            identity.SetScopes(request.GetScopes());
            identity.SetResources(ApiScopes.ApiResource);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            await audit.WriteAsync(AuditActions.TokenIssued, Guid.TryParse(organization.GetString(), out var organizationId) ? organizationId : null, request.ClientId, string.Join(' ', request.GetScopes()), userName: request.ClientId);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = result.Principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
                return Forbid(Errors.InvalidGrant, "The token is no longer valid.");
            // Fresh claims (roles, current organisation) on every refresh; scopes and two-factor stay as granted.
            var identity = await UserIdentityAsync(users, user, result.Principal!.HasClaim("amr", "mfa"));
            identity.SetScopes(result.Principal!.GetScopes());
            identity.SetResources(result.Principal!.GetResources());
            identity.SetDestinations(DestinationsOf);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<ClaimsIdentity> UserIdentityAsync(UserManager<MarketplaceUser> users, MarketplaceUser user, bool multiFactor)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString());
        identity.SetClaim(Claims.Email, user.Email);
        identity.SetClaim(Claims.Name, user.DisplayName);
        identity.SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        if (user.CurrentOrganizationId is { } organization) identity.SetClaim(ApiScopes.OrganizationClaim, organization.ToString());
        if (multiFactor) identity.SetClaim("amr", "mfa");
        return identity;
    }

    private static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Name when claim.Subject!.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Email when claim.Subject!.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
        // Roles always reach the API (staff rights depend on them); the id token only with the roles scope.
        Claims.Role => claim.Subject!.HasScope(Scopes.Roles) ? [Destinations.AccessToken, Destinations.IdentityToken] : [Destinations.AccessToken],
        "AspNet.Identity.SecurityStamp" => [],
        _ => [Destinations.AccessToken],
    };

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
