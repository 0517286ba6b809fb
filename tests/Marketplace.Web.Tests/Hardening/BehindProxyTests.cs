using System.Net;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Hardening;

/// <summary>
/// The site as infra/compose.yaml and infra/k8s run it behind nginx or an ingress (ASPNETCORE_FORWARDEDHEADERS_ENABLED):
/// a request the proxy received over HTTPS is HTTPS to the site, so browsers get HSTS; plain HTTP still gets none.
/// The real program in its own process, since the setting is read by the host at start.
/// </summary>
public sealed class BehindProxyTests
{
    [Fact]
    public async Task Behind_a_proxy_that_forwards_https_the_site_sends_HSTS_and_over_plain_http_it_does_not()
    {
        await using var site = new SiteProcess(new Dictionary<string, string?> { ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true" });
        await site.StartAsync();
        using var http = site.CreateHttpClient();

        // As the proxy passes it on: the public host name (HSTS is never sent for localhost or a loopback address).
        using var viaHttps = new HttpRequestMessage(HttpMethod.Get, "/privacy");
        viaHttps.Headers.Host = "patents.example.org";
        viaHttps.Headers.Add("X-Forwarded-Proto", "https");
        viaHttps.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var secure = await http.SendAsync(viaHttps);
        using var viaHttp = new HttpRequestMessage(HttpMethod.Get, "/privacy");
        viaHttp.Headers.Host = "patents.example.org";
        using var plain = await http.SendAsync(viaHttp);

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.True(secure.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS on a request forwarded as HTTPS");
        Assert.Contains("max-age=", string.Join(",", hsts), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }
}
