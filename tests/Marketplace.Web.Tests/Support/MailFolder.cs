using System.Text.RegularExpressions;
using MimeKit;

namespace Marketplace.Web.Tests.Support;

/// <summary>The site's pickup folder of .eml files, read as a mail client would.</summary>
public sealed partial class MailFolder(string path)
{
    public string Path { get; } = path;

    public IReadOnlyList<MimeMessage> To(string address) =>
        !Directory.Exists(Path) ? [] :
        Directory.EnumerateFiles(Path, "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>The newest message to the address (the site writes it before answering the request).</summary>
    public MimeMessage LastTo(string address) =>
        To(address) is { Count: > 0 } all ? all[^1] : throw new InvalidOperationException($"No e-mail to {address} in {Path}.");

    /// <summary>The first http(s) link in the newest message to the address, as a path and query on the site.</summary>
    public string LinkTo(string address)
    {
        var body = LastTo(address).TextBody;
        var match = Link().Match(body);
        if (!match.Success) throw new InvalidOperationException($"No link in the e-mail to {address}:\n{body}");
        var uri = new Uri(match.Value);
        return uri.PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
