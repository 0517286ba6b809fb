using System.ComponentModel.DataAnnotations;
using Search.Indexer;

namespace Marketplace.Web.Mail;

/// <summary>Outgoing e-mail, bound from the "Mail" section.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>"Pickup" (default: .eml files in <see cref="PickupFolder"/>, nothing lost without a mail server) or "Smtp".</summary>
    [Required]
    public string Delivery { get; set; } = MailDeliveries.Pickup;

    /// <summary>Where pickup delivery writes; default <c>$PATENT_DATA_DIR/mail</c>.</summary>
    public string PickupFolder { get; set; } = Path.Combine(DataFolders.Root, "mail");

    [Required]
    public string FromAddress { get; set; } = "noreply@patent-marketplace.local";

    [Required]
    public string FromName { get; set; } = "专利导航与开放许可平台";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary>"StartTls" (default), "SslOnConnect" or "None".</summary>
    public string SmtpSecurity { get; set; } = "StartTls";

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>
    /// Where people reach the site (e.g. <c>https://ip.quanzhou.example</c>), for the links in e-mails. Set it behind a
    /// proxy and for daily jobs, which have no request to take the address from.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }
}

public static class MailDeliveries
{
    public const string Pickup = "Pickup";
    public const string Smtp = "Smtp";
}
