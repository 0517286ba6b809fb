using Marketplace.Web.Mail;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Notifications;

/// <summary>
/// Absolute links for e-mails (a mail client has no site to resolve "/licensing/orders/…" against): the configured
/// <see cref="MailOptions.PublicBaseUrl"/>; else the current request's scheme, host and path base; else, for jobs
/// without a request on a site with no configured address, the first address the server listens on.
/// </summary>
public sealed class SiteLinks(IOptions<MailOptions> options, IHttpContextAccessor http, IServer server)
{
    /// <summary>The site's base without a trailing slash, or null when nothing tells it (a host with no server addresses).</summary>
    public string? Base()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)) return options.Value.PublicBaseUrl.TrimEnd('/');
        if (http.HttpContext?.Request is { Host.HasValue: true } request) return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        // Kestrel reports wildcard bindings as they were given; a reader can only open a concrete host.
        return listening?.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>The local path (starting with '/') as an absolute URL on the site.</summary>
    public string Absolute(string localPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        return Base() is { } site && localPath.StartsWith('/') ? site + localPath : localPath;
    }
}
