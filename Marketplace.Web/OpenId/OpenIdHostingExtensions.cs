using Marketplace.Web.Api;
using System.Security.Cryptography.X509Certificates;
using Marketplace.Web.Data;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Marketplace.Web.OpenId;

public static class OpenIdHostingExtensions
{
    /// <summary>The API's authentication scheme, named on every /api endpoint (the Identity cookie is the default scheme).</summary>
    public const string ApiScheme = ApiDocument.BearerScheme;

    /// <summary>
    /// OpenIddict as the OIDC server of this application: authorization code with PKCE and refresh
    /// tokens for apps acting for a person, client credentials for an organisation's systems, one scope
    /// per API area; tokens validated locally. Keys: X.509 from configuration, or development keys in
    /// Development and Testing only.
    /// </summary>
    public static IHostApplicationBuilder AddOpenIdServer(this IHostApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var localKeysAllowed = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        builder.Services.AddOptions<OpenIdOptions>()
            .BindConfiguration(OpenIdOptions.Section)
            .Validate(o => localKeysAllowed || (!string.IsNullOrWhiteSpace(o.SigningCertificatePath) && !string.IsNullOrWhiteSpace(o.EncryptionCertificatePath)),
                "OpenId:SigningCertificatePath and OpenId:EncryptionCertificatePath (PKCS#12 files) are required outside Development.")
            .Validate(o => o.AccessTokenMinutes > 0 && o.RefreshTokenDays > 0, "OpenId:AccessTokenMinutes and OpenId:RefreshTokenDays must be positive.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(OpenIdOptions.Section).Get<OpenIdOptions>() ?? new OpenIdOptions();

        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<MarketplaceDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                o.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, .. ApiScopes.All]);
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(options.AccessTokenMinutes))
                    .SetRefreshTokenLifetime(TimeSpan.FromDays(options.RefreshTokenDays));

                if (!string.IsNullOrWhiteSpace(options.SigningCertificatePath) && !string.IsNullOrWhiteSpace(options.EncryptionCertificatePath))
                {
                    o.AddSigningCertificate(LoadCertificate(options.SigningCertificatePath, options.SigningCertificatePassword));
                    o.AddEncryptionCertificate(LoadCertificate(options.EncryptionCertificatePath, options.EncryptionCertificatePassword));
                }
                else if (localKeysAllowed)
                {
                    // Ephemeral keys: tokens do not outlive the process, which is right for development and tests.
                    o.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
                }

                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough();
                if (!options.RequireHttps) aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.AddAudiences(ApiScopes.ApiResource);
                o.UseAspNetCore();
            });
        return builder;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
}
