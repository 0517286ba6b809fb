namespace Marketplace.Web.Api;

/// <summary>One scope per API area; an API client is granted some of them by its organisation.</summary>
public static class ApiScopes
{
    /// <summary>Patent search over the API.</summary>
    public const string Search = "marketplace.search";

    /// <summary>The caller's organisation: profile, members, verification state.</summary>
    public const string Organizations = "marketplace.organizations";

    /// <summary>Open-licence declarations (the API arrives with the licensing feature).</summary>
    public const string Licensing = "marketplace.licensing";

    /// <summary>Technical needs the caller's organisation may see (its own, invited, public), over /api/v1/needs.</summary>
    public const string NeedsRead = "marketplace.needs";

    /// <summary>Posting and closing technical needs for the client's enterprise (client credentials only).</summary>
    public const string NeedsWrite = "marketplace.needs.write";

    public static readonly IReadOnlyList<string> All = [Search, Organizations, Licensing, NeedsRead, NeedsWrite];

    /// <summary>The audience of every access token this server issues for its own API.</summary>
    public const string ApiResource = "marketplace-api";

    /// <summary>The claim carrying the organisation an access token acts for.</summary>
    public const string OrganizationClaim = "org_id";

    /// <summary>The first-party mobile app's client id (public, authorization code + PKCE).</summary>
    public const string MobileClientId = "marketplace-mobile";

    /// <summary>Application property holding the organisation that owns a client-credentials client.</summary>
    public const string OrganizationProperty = "organization_id";
}
