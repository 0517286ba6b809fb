using System.Text.Json;

namespace Marketplace.Web.Notifications;

/// <summary>Who is told: one person, or every member of an organisation (each gets their own copy and read state).</summary>
public sealed record Recipient
{
    private Recipient(Guid? userId, Guid? organizationId)
    {
        UserId = userId;
        OrganizationId = organizationId;
    }

    public Guid? UserId { get; }

    public Guid? OrganizationId { get; }

    public static Recipient User(Guid userId) => new(userId, null);

    public static Recipient Organization(Guid organizationId) => new(null, organizationId);
}

/// <summary>How a person wants e-mail about notifications.</summary>
public enum NotificationDelivery
{
    /// <summary>One e-mail per notification, at once.</summary>
    Immediate = 1,
    /// <summary>One e-mail a day listing what arrived.</summary>
    DailyDigest = 2,
    /// <summary>In-app only.</summary>
    InAppOnly = 3,
}

/// <summary>
/// An in-app notification of one person: a message (the English key of a UI string, with its
/// arguments, translated when shown), a local link, read state, and when it went out by e-mail.
/// </summary>
public sealed class Notification
{
    public const int MaxKey = 300, MaxLink = 500;

    private Notification(Guid id, Guid userId, Guid? organizationId, string messageKey, string arguments, string link, DateTime createdAt)
    {
        Id = id;
        UserId = userId;
        OrganizationId = organizationId;
        MessageKey = messageKey;
        Arguments = arguments;
        Link = link;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The organisation it was addressed to, when it went to all its members.</summary>
    public Guid? OrganizationId { get; private set; }

    public string MessageKey { get; private set; }

    /// <summary>JSON array of the message's arguments.</summary>
    public string Arguments { get; private set; }

    public string Link { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? ReadAt { get; private set; }

    public DateTime? EmailedAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public static Notification Create(Guid userId, Guid? organizationId, string messageKey, string link, IReadOnlyList<string> arguments, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(messageKey) || messageKey.Length > MaxKey) throw new ArgumentException("A notification needs a message key of at most 300 characters.", nameof(messageKey));
        // Only local links: a notification never sends anyone off the site.
        if (string.IsNullOrEmpty(link) || !link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal) || link.StartsWith("/\\", StringComparison.Ordinal) || link.Length > MaxLink)
            throw new ArgumentException("A notification links to a local path (starting with one '/').", nameof(link));
        return new Notification(Guid.CreateVersion7(), userId, organizationId, messageKey, JsonSerializer.Serialize(arguments), link, now);
    }

    public IReadOnlyList<string> ArgumentList() => JsonSerializer.Deserialize<string[]>(Arguments) ?? [];

    public void MarkRead(DateTime now) => ReadAt ??= now;

    public void MarkEmailed(DateTime now) => EmailedAt ??= now;
}

/// <summary>A person's choice of e-mail delivery; a person without one gets <see cref="NotificationDelivery.Immediate"/>.</summary>
public sealed class NotificationPreference(Guid userId, NotificationDelivery delivery)
{
    public Guid UserId { get; private set; } = userId;

    public NotificationDelivery Delivery { get; private set; } = delivery;

    public void Change(NotificationDelivery delivery)
    {
        if (!Enum.IsDefined(delivery)) throw new ArgumentOutOfRangeException(nameof(delivery), "Unknown delivery.");
        Delivery = delivery;
    }
}
