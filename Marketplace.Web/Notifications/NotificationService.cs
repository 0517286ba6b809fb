using System.Globalization;
using System.Text;
using Marketplace.Web.Data;
using Marketplace.Web.Localization;
using Marketplace.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Notifications;

/// <summary>Tells people something happened: in-app, and by e-mail at once or in the daily digest as each prefers.</summary>
public interface INotifier
{
    /// <param name="messageKey">The English text of the message (a UI string key, translated when shown) with {0}… placeholders.</param>
    /// <param name="link">A local path the notification opens, e.g. <c>/needs/{id}</c>.</param>
    Task NotifyAsync(Recipient recipient, string messageKey, string link, params string[] arguments);
}

/// <summary>Notifications of the signed-in person, their unread count, read state and e-mail preference; the daily digest.</summary>
public sealed class NotificationService(MarketplaceDbContext db, IMailSender mail, TimeProvider clock, IStringLocalizer<SharedResource> L) : INotifier
{
    public const int PageSize = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task NotifyAsync(Recipient recipient, string messageKey, string link, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var userIds = recipient.UserId is { } single ? [single]
            : await db.Memberships.Where(m => m.OrganizationId == recipient.OrganizationId).Select(m => m.UserId).ToListAsync();
        var created = userIds.Distinct().Select(u => Notification.Create(u, recipient.OrganizationId, messageKey, link, arguments, Now)).ToList();
        if (created.Count == 0) return;
        db.AddRange(created);
        await db.SaveChangesAsync();

        var immediate = await ImmediateAddressesAsync(created.Select(n => n.UserId).ToList());
        foreach (var n in created)
        {
            if (!immediate.TryGetValue(n.UserId, out var address)) continue;
            var text = Text(n);
            await mail.SendAsync(address, L["Notification: {0}", Shorten(text)], string.Join("\n\n", text, L["Open: {0}", n.Link].Value, L["Change how you receive notifications at /notifications."].Value));
            n.MarkEmailed(Now);
        }
        await db.SaveChangesAsync();
    }

    private async Task<Dictionary<Guid, string>> ImmediateAddressesAsync(List<Guid> userIds)
    {
        var digestOrSilent = await db.Set<NotificationPreference>().Where(p => userIds.Contains(p.UserId) && p.Delivery != NotificationDelivery.Immediate)
            .Select(p => p.UserId).ToListAsync();
        var users = await db.Users.Where(u => userIds.Contains(u.Id) && u.Email != null && u.EmailConfirmed).Select(u => new { u.Id, u.Email }).ToListAsync();
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
                    body.Append("- ").AppendLine(Text(n)).Append("  ").AppendLine(n.Link);
                body.AppendLine().AppendLine(L["Change how you receive notifications at /notifications."]);
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
}
