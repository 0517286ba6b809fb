using Marketplace.Web.Api;
using System.Security.Cryptography;
using System.Text.Json;
using Marketplace.Web.Auditing;
using Marketplace.Web.Organizations;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Marketplace.Web.OpenId;

/// <summary>
/// An organisation's API clients (client credentials): e.g. a university's own system publishing open
/// licences. The secret is shown once, at creation; OpenIddict keeps only its hash.
/// </summary>
public sealed class ApiClientService(IOpenIddictApplicationManager applications, AuditLog audit)
{
    public async Task<(string ClientId, string Secret)> CreateAsync(Organization organization, string displayName, IEnumerable<string> scopes,
        string? clientId = null, string? secret = null, CancellationToken cancellationToken = default)
    {
        var granted = scopes.Where(ApiScopes.All.Contains).Distinct().ToList();
        if (granted.Count == 0) throw new OrganizationRuleException("Choose at least one API area.");
        clientId ??= "org-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        secret ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? organization.Name : displayName.Trim(),
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in granted) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        descriptor.Properties[ApiScopes.OrganizationProperty] = JsonSerializer.SerializeToElement(organization.Id.ToString());
        await applications.CreateAsync(descriptor, cancellationToken);
        await audit.WriteAsync(AuditActions.ApiClientCreated, organization.Id, clientId, string.Join(' ', granted), cancellationToken: cancellationToken);
        return (clientId, secret);
    }

    public async Task<IReadOnlyList<ApiClientSummary>> ForOrganizationAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var result = new List<ApiClientSummary>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var properties = await applications.GetPropertiesAsync(application, cancellationToken);
            if (!properties.TryGetValue(ApiScopes.OrganizationProperty, out var value) || value.GetString() != organizationId.ToString()) continue;
            var permissions = await applications.GetPermissionsAsync(application, cancellationToken);
            result.Add(new ApiClientSummary(
                (await applications.GetClientIdAsync(application, cancellationToken))!,
                await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
                permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal)).Select(p => p[Permissions.Prefixes.Scope.Length..]).ToList()));
        }
        return result;
    }

    /// <summary>The first-party mobile app: public client, authorization code with PKCE, refresh tokens. Kept in step with configuration.</summary>
    public async Task EnsureMobileClientAsync(IEnumerable<string> redirectUris, CancellationToken cancellationToken = default)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ApiScopes.MobileClientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Patent Marketplace mobile app",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var scope in ApiScopes.All) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        foreach (var uri in redirectUris) descriptor.RedirectUris.Add(new Uri(uri));
        var existing = await applications.FindByClientIdAsync(ApiScopes.MobileClientId, cancellationToken);
        if (existing is null) await applications.CreateAsync(descriptor, cancellationToken);
        else await applications.UpdateAsync(existing, descriptor, cancellationToken);
    }
}

public sealed record ApiClientSummary(string ClientId, string DisplayName, IReadOnlyList<string> Scopes);
