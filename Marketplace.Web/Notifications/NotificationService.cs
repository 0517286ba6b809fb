using System.Globalization;
using System.Text;
using Marketplace.Web.Data;
using Marketplace.Web.Localization;
using Marketplace.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Notifications;

/// <summary>
/// Who belongs to an organisation, for notices sent to all its members: provided by the organisations feature, which
/// itself sends through the notifier (so the notifier does not reach into organisations' tables).
/// </summary>
public interface IOrganizationMembers
{
    Task<IReadOnlyList<Guid>> OfAsync(Guid organizationId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The one way the product tells people something: an in-app notice per person (the <see cref="Notification"/> table),
/// e-mailed at once or in the daily digest as each prefers; and e-mail alone to an address, for what cannot be in-app.
/// </summary>
public interface INotifier
{
    /// <summary>Saves the notices at once (with whatever else the caller's unit of work holds), then e-mails them.</summary>
    /// <param name="messageKey">The English text of the message (a UI string key, translated when shown) with {0}… placeholders.</param>
    /// <param name="link">A local path the notification opens, e.g. <c>/needs/{id}</c>.</param>
    Task NotifyAsync(Recipient recipient, string messageKey, string link, params string[] arguments);

    /// <summary>
    /// Adds the notices to the caller's unit of work without saving: the caller's one SaveChanges stores the change
    /// that causes them and the notices together, so a notice exists exactly when its change does (a payment event
    /// applied once notifies once). Call <see cref="SendQueuedAsync"/> after that save.
    /// </summary>
    Task QueueAsync(Recipient recipient, string messageKey, string link, params string[] arguments);

    /// <summary>
    /// E-mails the queued notices that were saved; those whose save was abandoned (the caller cleared its change
    /// tracker after a conflict) are dropped. A mail failure is logged and never undoes the change: the notice stays in-app.
    /// </summary>
    Task SendQueuedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// An e-mail to an address with no in-app copy, whatever the person's delivery choice: for mail that must reach
    /// someone who cannot read in-app notices (not signed in, or without an account yet) or carries a secret link
    /// that must not be stored (invitations, e-mail confirmation, password reset). Paragraphs are separated by blank lines.
    /// </summary>
    Task EmailAsync(string address, string subject, IEnumerable<string> paragraphs, CancellationToken cancellationToken = default);
}

/// <summary>Notifications of the signed-in person, their unread count, read state and e-mail preference; the daily digest.</summary>
public sealed partial class NotificationService(MarketplaceDbContext db, IOrganizationMembers organizationMembers, IMailSender mail, SiteLinks links, TimeProvider clock, IStringLocalizer<SharedResource> L,
    ILogger<NotificationService> logger) : INotifier
{
    public const int PageSize = 50;

    private readonly List<Notification> _queued = [];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task NotifyAsync(Recipient recipient, string messageKey, string link, params string[] arguments)
    {
        await QueueAsync(recipient, messageKey, link, arguments);
        if (_queued.Count == 0) return;
        await db.SaveChangesAsync();
        await SendQueuedAsync();
    }

    public async Task QueueAsync(Recipient recipient, string messageKey, string link, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var userIds = recipient.UserId is { } single ? [single]
            : await organizationMembers.OfAsync(recipient.OrganizationId!.Value);
        var created = userIds.Distinct().Select(u => Notification.Create(u, recipient.OrganizationId, messageKey, link, arguments, Now)).ToList();
        db.AddRange(created);
        _queued.AddRange(created);
    }

    public async Task SendQueuedAsync(CancellationToken cancellationToken = default)
    {
        var saved = _queued.Where(n => db.Entry(n).State == EntityState.Unchanged).ToList();
        _queued.Clear();
        if (saved.Count == 0) return;
        var immediate = await ImmediateAddressesAsync(saved.Select(n => n.UserId).Distinct().ToList(), cancellationToken);
        foreach (var n in saved)
        {
            if (!immediate.TryGetValue(n.UserId, out var address)) continue;
            var text = Text(n);
            try
            {
                await mail.SendAsync(address, L["Notification: {0}", Shorten(text)], [text, L["Open: {0}", links.Absolute(n.Link)].Value, PreferencesLine()], cancellationToken);
                n.MarkEmailed(Now);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException or MailKit.CommandException or MailKit.ProtocolException
                or MailKit.Security.AuthenticationException)
            {
                LogMailFailed(logger, n.UserId, ex.Message);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task EmailAsync(string address, string subject, IEnumerable<string> paragraphs, CancellationToken cancellationToken = default) =>
        mail.SendAsync(address, subject, paragraphs, cancellationToken);

    private string PreferencesLine() => L["Change how you receive notifications at {0}.", links.Absolute("/notifications")].Value;

    private async Task<Dictionary<Guid, string>> ImmediateAddressesAsync(List<Guid> userIds, CancellationToken cancellationToken)
    {
        var digestOrSilent = await db.Set<NotificationPreference>().Where(p => userIds.Contains(p.UserId) && p.Delivery != NotificationDelivery.Immediate)
            .Select(p => p.UserId).ToListAsync(cancellationToken);
        var users = await db.Users.Where(u => userIds.Contains(u.Id) && u.Email != null && u.EmailConfirmed).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
        return users.Where(u => !digestOrSilent.Contains(u.Id)).ToDictionary(u => u.Id, u => u.Email!);
    }

    /// <summary>The message in the current UI culture; arguments that are UI strings (e.g. a stage) are translated too.</summary>
    public string Text(Notification n) => L[n.MessageKey, [.. n.ArgumentList().Select(a => (object)L[a].Value)]].Value;

    public Task<int> UnreadCountAsync(Guid userId) => db.Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadAt == null);

    public async Task<IReadOnlyList<Notification>> ListAsync(Guid userId, bool unreadOnly = false)
    {
        var query = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId);
        if (unreadOnly) query = query.Where(n => n.ReadAt == null);
        var list = await query.ToListAsync();
        return list.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize).ToList();
    }

    /// <summary>
    /// The person's notices about one of their organisations whose link starts with <paramref name="linkPrefix"/>
    /// (e.g. its licensing notices on the declarations page), newest first.
    /// </summary>
    public async Task<IReadOnlyList<Notification>> AboutOrganizationAsync(Guid userId, Guid organizationId, string linkPrefix, int take = 20)
    {
        var list = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.UserId == userId && n.OrganizationId == organizationId && n.Link.StartsWith(linkPrefix)).ToListAsync();
        return list.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take).ToList();
    }

    /// <summary>Marks one of the person's notifications read and returns its link; null when it is not theirs.</summary>
    public async Task<string?> OpenAsync(Guid userId, Guid notificationId)
    {
        var n = await db.Set<Notification>().FirstOrDefaultAsync(x => x.Id == notificationId && x.UserId == userId);
        if (n is null) return null;
        n.MarkRead(Now);
        await db.SaveChangesAsync();
        return n.Link;
    }

    public async Task MarkAllReadAsync(Guid userId)
    {
        foreach (var n in await db.Set<Notification>().Where(x => x.UserId == userId && x.ReadAt == null).ToListAsync())
            n.MarkRead(Now);
        await db.SaveChangesAsync();
    }

    public async Task<NotificationDelivery> DeliveryAsync(Guid userId) =>
        (await db.Set<NotificationPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId))?.Delivery ?? NotificationDelivery.Immediate;

    public async Task SetDeliveryAsync(Guid userId, NotificationDelivery delivery)
    {
        if (!Enum.IsDefined(delivery)) throw new ArgumentOutOfRangeException(nameof(delivery), "Unknown delivery.");
        var preference = await db.Set<NotificationPreference>().FirstOrDefaultAsync(p => p.UserId == userId);
        if (preference is null) db.Add(new NotificationPreference(userId, delivery));
        else preference.Change(delivery);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// One e-mail per person who chose the daily digest and has notifications not yet e-mailed (read or
    /// not), listing them; each is then marked e-mailed, so a second run sends nothing. Returns the number of e-mails.
    /// </summary>
    public async Task<int> SendDigestsAsync(CancellationToken cancellationToken = default)
    {
        var digestUsers = await db.Set<NotificationPreference>().Where(p => p.Delivery == NotificationDelivery.DailyDigest).Select(p => p.UserId).ToListAsync(cancellationToken);
        var pending = await db.Set<Notification>().Where(n => n.EmailedAt == null && digestUsers.Contains(n.UserId)).ToListAsync(cancellationToken);
        var addresses = await db.Users.Where(u => digestUsers.Contains(u.Id) && u.Email != null && u.EmailConfirmed)
            .ToDictionaryAsync(u => u.Id, u => u.Email!, cancellationToken);
        var sent = 0;
        // The job has no request: e-mails speak the product's default language.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            foreach (var group in pending.GroupBy(n => n.UserId))
            {
                if (!addresses.TryGetValue(group.Key, out var address)) continue;
                var body = new StringBuilder();
                body.AppendLine(L["Your notifications of the last day:"]).AppendLine();
                foreach (var n in group.OrderBy(n => n.CreatedAt))
                    body.Append("- ").AppendLine(Text(n)).Append("  ").AppendLine(links.Absolute(n.Link));
                body.AppendLine().AppendLine(PreferencesLine());
                await mail.SendAsync(address, L["Daily digest: {0} notifications", group.Count()], body.ToString(), cancellationToken);
                foreach (var n in group) n.MarkEmailed(Now);
                sent++;
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Notification e-mail to user {UserId} failed: {Error}")]
    private static partial void LogMailFailed(ILogger logger, Guid userId, string error);
}
