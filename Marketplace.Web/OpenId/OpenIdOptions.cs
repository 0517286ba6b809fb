namespace Marketplace.Web.OpenId;

/// <summary>The OIDC server, bound from the "OpenId" section.</summary>
public sealed class OpenIdOptions
{
    public const string Section = "OpenId";

    /// <summary>Refuse plain HTTP at the OIDC endpoints. Off only for local HTTP (Development, tests).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>PKCS#12 file with the token signing key (required outside Development and Testing).</summary>
    public string? SigningCertificatePath { get; set; }

    public string? SigningCertificatePassword { get; set; }

    /// <summary>PKCS#12 file with the token encryption key (required outside Development and Testing).</summary>
    public string? EncryptionCertificatePath { get; set; }

    public string? EncryptionCertificatePassword { get; set; }

    /// <summary>Redirect URIs of the first-party mobile app (public client, PKCE).</summary>
    public string[] MobileRedirectUris { get; set; } = ["patentmarketplace://oauth/callback", "http://127.0.0.1/oauth/callback"];

    public int AccessTokenMinutes { get; set; } = 60;

    public int RefreshTokenDays { get; set; } = 14;
}
