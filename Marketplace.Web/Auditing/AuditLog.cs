using System.Security.Claims;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Auditing;

/// <summary>
/// Records audit entries in the marketplace database, taking who and from where from the current
/// request. <see cref="Add"/> joins the caller's unit of work; <see cref="WriteAsync"/> saves at once.
/// </summary>
public sealed class AuditLog(MarketplaceDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public const int PageSize = 50;

    public AuditEntry Add(string action, Guid? organizationId = null, string? subject = null, string? detail = null,
        Guid? userId = null, string? userName = null)
    {
        var context = http.HttpContext;
        if (context?.User is { Identity.IsAuthenticated: true } user)
        {
            userId ??= Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub"), out var id) ? id : null;
            userName ??= user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue("name");
        }
        var entry = new AuditEntry(clock.GetUtcNow().UtcDateTime, action, userId, Truncate(userName, 256), organizationId,
            Truncate(subject, 256), Truncate(detail, 1000), context?.Connection.RemoteIpAddress?.ToString());
        db.AuditEntries.Add(entry);
        return entry;
    }

    public async Task WriteAsync(string action, Guid? organizationId = null, string? subject = null, string? detail = null,
        Guid? userId = null, string? userName = null, CancellationToken cancellationToken = default)
    {
        Add(action, organizationId, subject, detail, userId, userName);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Newest first; every filter optional; <paramref name="text"/> matches person, action or subject.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
#pragma warning disable CA1862 // ToLower() translates to SQL on both providers; the StringComparison overloads do not.
        var entries = db.AuditEntries.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            entries = entries.Where(e => (e.UserName != null && e.UserName.ToLower().Contains(text))
                || e.Action.Contains(text) || (e.Subject != null && e.Subject.ToLower().Contains(text)));
        }
#pragma warning restore CA1862
        if (query.OrganizationId is { } organizationId) entries = entries.Where(e => e.OrganizationId == organizationId);
        if (!string.IsNullOrWhiteSpace(query.Action)) entries = entries.Where(e => e.Action == query.Action);
        if (query.FromUtc is { } from) entries = entries.Where(e => e.At >= from);
        if (query.ToUtc is { } to) entries = entries.Where(e => e.At < to);
        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, query.Page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return (page, total);
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

public sealed record AuditQuery(string? Text = null, Guid? OrganizationId = null, string? Action = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Page = 1);
