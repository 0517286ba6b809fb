using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web.Hardening;

/// <summary>Requests per minute per client address, bound from the "RateLimits" section. Over the limit: 429.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in, two-factor, registration, password-reset and resend-confirmation pages (POST and GET alike).</summary>
    [Range(1, int.MaxValue)]
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>/connect/token.</summary>
    [Range(1, int.MaxValue)]
    public int TokenPerMinute { get; set; } = 60;

    /// <summary>The search page and /api/patents.</summary>
    [Range(1, int.MaxValue)]
    public int SearchPerMinute { get; set; } = 120;
}
