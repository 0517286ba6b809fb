using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Marketplace.Web.Mail;

/// <summary>Sends one e-mail; the product's boundary to the mail system.</summary>
public interface IMailSender
{
    Task SendAsync(string toAddress, string subject, string textBody, CancellationToken cancellationToken = default);
}

/// <summary>The one way the product lays out a plain-text e-mail: paragraphs separated by a blank line.</summary>
public static class MailParagraphs
{
    public static Task SendAsync(this IMailSender mail, string toAddress, string subject, IEnumerable<string> paragraphs, CancellationToken cancellationToken = default) =>
        mail.SendAsync(toAddress, subject, string.Join("\n\n", paragraphs), cancellationToken);
}

/// <summary>Builds the MIME message both deliveries share.</summary>
internal static class MailMessages
{
    public static MimeMessage Build(MailOptions options, string toAddress, string subject, string textBody)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(MailboxAddress.Parse(toAddress));
        message.Subject = subject;
        message.Date = DateTimeOffset.UtcNow;
        message.Body = new TextPart("plain") { Text = textBody };
        return message;
    }
}

/// <summary>Writes each message as an .eml file into the pickup folder (readable by any mail client).</summary>
public sealed partial class PickupFolderMailSender(IOptions<MailOptions> options, ILogger<PickupFolderMailSender> logger) : IMailSender
{
    public async Task SendAsync(string toAddress, string subject, string textBody, CancellationToken cancellationToken = default)
    {
        var folder = options.Value.PickupFolder;
        Directory.CreateDirectory(folder);
        var message = MailMessages.Build(options.Value, toAddress, subject, textBody);
        var name = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}.eml";
        // Written under a temporary name and renamed, so a reader never sees half a message.
        var temporary = Path.Combine(folder, name + ".tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(folder, name));
        LogWritten(logger, name, folder);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "E-mail written to the pickup folder as {File} in {Folder}")]
    private static partial void LogWritten(ILogger logger, string file, string folder);
}

public sealed partial class SmtpMailSender(IOptions<MailOptions> options, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(string toAddress, string subject, string textBody, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var message = MailMessages.Build(o, toAddress, subject, textBody);
        using var client = new SmtpClient();
        var security = o.SmtpSecurity switch
        {
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            "None" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(o.SmtpHost ?? throw new InvalidOperationException("Mail:SmtpHost is not set."), o.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(o.SmtpUserName))
            await client.AuthenticateAsync(o.SmtpUserName, o.SmtpPassword ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent(logger, o.SmtpHost!);
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "E-mail sent through {Host}")]
    private static partial void LogSent(ILogger logger, string host);
}
