using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>
    /// What the matrix's rows do not reach but a browser does: static files, a page and an API path that do not exist
    /// (the HTML error page and the JSON problem document).
    /// </summary>
    private static readonly string[] BeyondTheMatrix = ["/css/site.css", "/favicon.svg", "/favicon.ico", "/no-such-page", "/api/v1/no-such-thing"];

    /// <summary>
    /// Every answer, whatever its status (pages, redirects, refusals, error pages, API problem details, downloads and
    /// static files), to a visitor and to a signed-in administrator (who reaches the downloads), carries the security
    /// headers. HSTS is not among them: the site is reached over plain HTTP here, where browsers ignore it, and
    /// <see cref="Hardening.SecurityHeaderAndAntiforgeryTests.HSTS_is_not_sent_over_plain_HTTP"/> checks it is not sent, and
    /// <see cref="Hardening.BehindProxyTests"/> that it is sent behind a proxy that forwards HTTPS.
    /// </summary>
    [Fact]
    public async Task Every_response_of_every_endpoint_carries_the_security_headers()
    {
        var ids = await IdsAsync();
        var failures = new List<string>();
        var answers = 0;
        foreach (var caller in new[] { Caller.Anonymous, Caller.Administrator })
        {
            using var client = site.CreateClient();
            if (Accounts[caller] is { } email) await client.SignInAsDemoAsync(email);
            var token = Accounts[caller] is null ? null : (await OAuthFlows.CodeFlowAsync(client)).GetProperty("access_token").GetString();
            using var bearer = OAuthFlows.Bearer(site.BaseAddress, token);
            var antiforgery = await client.AntiforgeryTokenAsync(Accounts[caller] is null ? "/account/login" : "/organizations/new");

            var requests = Matrix.Select(row => (Row: row, Url: row.Url(ids)))
                .Concat(BeyondTheMatrix.Select(url => (Row: new Row("GET", url, _ => url, url.StartsWith("/api", StringComparison.Ordinal) ? Via.Bearer : Via.Cookie, ""), Url: url)));
            foreach (var (row, url) in requests)
            {
                using var response = await SendAsync(row, url, client, bearer, antiforgery);
                answers++;
                foreach (var problem in HeaderProblems(response))
                    failures.Add($"{caller,-14} {row.Method} {url} ({(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}): {problem}");
            }
        }
        Assert.True(answers > 2 * Matrix.Count, $"expected every row and the extra paths for both callers, sent {answers}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {answers} answers lack security headers:\n" + string.Join("\n", failures));
    }

    private static IEnumerable<string> HeaderProblems(HttpResponseMessage response)
    {
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

        var csp = Header("Content-Security-Policy");
        if (csp is null || !csp.Contains("default-src 'self'", StringComparison.Ordinal) || !csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal)
            || csp.Contains("unsafe-inline", StringComparison.Ordinal))
            yield return $"Content-Security-Policy is '{csp}'";
        if (Header("X-Content-Type-Options") != "nosniff") yield return $"X-Content-Type-Options is '{Header("X-Content-Type-Options")}'";
        if (Header("X-Frame-Options") != "DENY") yield return $"X-Frame-Options is '{Header("X-Frame-Options")}'";
        if (Header("Referrer-Policy") != "strict-origin-when-cross-origin") yield return $"Referrer-Policy is '{Header("Referrer-Policy")}'";
        if (Header("Permissions-Policy") is not { } permissions || !permissions.Contains("camera=()", StringComparison.Ordinal))
            yield return $"Permissions-Policy is '{Header("Permissions-Policy")}'";
    }
}
