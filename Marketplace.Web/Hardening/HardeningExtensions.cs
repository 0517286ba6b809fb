using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Hardening;

/// <summary>Rate limits on the endpoints worth guessing at or scraping, security headers on every response, and no secret in the logs.</summary>
public static class HardeningExtensions
{
    public static IHostApplicationBuilder AddHardening(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSecretRedactionInLogs();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A global limiter keyed by path, so it also covers /connect/token, which OpenIddict answers before routing.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var category = Category(http.Request.Path);
                if (category is null) return RateLimitPartition.GetNoLimiter("");
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var permits = category switch
                {
                    "sign-in" => limits.SignInPerMinute,
                    "token" => limits.TokenPerMinute,
                    _ => limits.SearchPerMinute,
                };
                var key = $"{category}:{permits}:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        return builder;
    }

    /// <summary>Which limit a path falls under, or null for none.</summary>
    public static string? Category(PathString path)
    {
        if (path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/account/login-2fa", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/account/register", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/account/forgot-password", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/account/resend-confirmation", StringComparison.OrdinalIgnoreCase))
            return "sign-in";
        if (path.StartsWithSegments("/connect/token", StringComparison.OrdinalIgnoreCase)) return "token";
        if (path.StartsWithSegments("/search", StringComparison.OrdinalIgnoreCase) || path == "/"
            || path.StartsWithSegments("/api/patents", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
            return "search";
        return null;
    }

    /// <summary>
    /// CSP without inline script or style (the pages have none; no form-action, which would block the
    /// OIDC redirect to a mobile app's scheme after the sign-in form), no framing, no MIME sniffing, a strict
    /// referrer policy; HSTS on HTTPS requests outside Development (UseHsts skips plain HTTP by itself).
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'";
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }
}
