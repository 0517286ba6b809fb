namespace Marketplace.Web.Auditing;

/// <summary>
/// Who did what, for which organisation, when (UTC) and from where. Never holds secrets, tokens,
/// passwords or payment data: <see cref="Detail"/> is a short human-readable note.
/// </summary>
public sealed class AuditEntry
{
    public AuditEntry(DateTime at, string action, Guid? userId, string? userName, Guid? organizationId, string? subject, string? detail, string? ipAddress)
    {
        At = at;
        Action = action;
        UserId = userId;
        UserName = userName;
        OrganizationId = organizationId;
        Subject = subject;
        Detail = detail;
        IpAddress = ipAddress;
    }

    public long Id { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>A dotted name such as <c>organization.verified</c> (see <see cref="AuditActions"/>).</summary>
    public string Action { get; private set; }

    public Guid? UserId { get; private set; }

    /// <summary>The e-mail of the person, or the client id of an API client, at the time.</summary>
    public string? UserName { get; private set; }

    public Guid? OrganizationId { get; private set; }

    /// <summary>What the action was done to: an e-mail, an organisation name, a client id.</summary>
    public string? Subject { get; private set; }

    public string? Detail { get; private set; }

    public string? IpAddress { get; private set; }
}
