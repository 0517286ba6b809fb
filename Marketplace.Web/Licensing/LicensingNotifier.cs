using Marketplace.Web.Data;
using Marketplace.Web.Localization;
using Marketplace.Web.Mail;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Licensing;

/// <summary>
/// Tells the party who must act: an in-app notice for the organisation (saved with the caller's unit of
/// work) and an e-mail to its owners and admins after the save. Staff notices go to the operators.
/// </summary>
public sealed partial class LicensingNotifier(MarketplaceDbContext db, IMailSender mail, IStringLocalizer<SharedResource> L, TimeProvider clock, ILogger<LicensingNotifier> logger)
{
    private readonly List<(Guid OrganizationId, string Message, string Link)> _pending = [];

    /// <summary>Queues a notice; <paramref name="message"/> is the English key of the UI string.</summary>
    public void Notify(Guid organizationId, string message, string link)
    {
        db.LicensingNotifications.Add(new LicensingNotification(organizationId, message, link, clock.GetUtcNow().UtcDateTime));
        _pending.Add((organizationId, message, link));
    }

    /// <summary>Sends the e-mails of the notices queued so far (call after SaveChanges); a mail failure is logged, never undoes the change.</summary>
    public async Task SendAsync(CancellationToken cancellationToken = default)
    {
        var batch = _pending.ToList();
        _pending.Clear();
        foreach (var (organizationId, message, link) in batch)
        {
            var addresses = await db.Memberships.Where(m => m.OrganizationId == organizationId && m.Role >= OrganizationRole.Admin)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).Where(e => e != null).ToListAsync(cancellationToken);
            foreach (var address in addresses)
            {
                try
                {
                    await mail.SendAsync(address!, L["Open licensing"] + ": " + L[message], L[message] + "\n\n" + link, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException)
                {
                    LogMailFailed(logger, organizationId, ex.Message);
                }
            }
        }
    }

    public Task<List<LicensingNotification>> ForOrganizationAsync(Guid organizationId, int take = 50, CancellationToken cancellationToken = default) =>
        db.LicensingNotifications.Where(n => n.OrganizationId == organizationId).OrderByDescending(n => n.CreatedAt).Take(take).ToListAsync(cancellationToken);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Licensing e-mail to organisation {OrganizationId} failed: {Error}")]
    private static partial void LogMailFailed(ILogger logger, Guid organizationId, string error);
}
