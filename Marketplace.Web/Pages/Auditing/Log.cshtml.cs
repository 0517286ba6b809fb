using Marketplace.Web.Auditing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Auditing;

/// <summary>Operators search the audit log: by person, action or subject text, organisation and UTC date range.</summary>
public sealed class LogModel(AuditLog audit) : PageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public string? Q { get; private set; }

    public Guid? Org { get; private set; }

    public DateOnly? From { get; private set; }

    public DateOnly? To { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public async Task OnGetAsync(string? q, Guid? org, DateOnly? from, DateOnly? to, [FromQuery] int? page)
    {
        (Q, Org, From, To, PageNumber) = (q, org, from, to, Math.Max(1, page ?? 1));
        var query = new AuditQuery(q, org, null,
            from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            to?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            PageNumber);
        (Entries, Total) = await audit.SearchAsync(query);
    }
}
