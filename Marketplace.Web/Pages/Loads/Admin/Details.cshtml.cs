using Marketplace.Web.Loads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Loads.Admin;

/// <summary>Operators: one load's progress (refreshing itself while it runs), its outcome, and its quarantine as a paged table.</summary>
public sealed class DetailsModel(LoadJobService jobs, QuarantineTable quarantine) : PageModel
{
    public LoadJob Job { get; private set; } = null!;

    public QuarantinePage Quarantine { get; private set; } = null!;

    public bool CancelAsked { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? page, string? message)
    {
        if (await jobs.FindAsync(id, HttpContext.RequestAborted) is not { } job) return NotFound();
        Job = job;
        Quarantine = await quarantine.PageAsync(id, page ?? 1, HttpContext.RequestAborted);
        CancelAsked = message == "cancelling";
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id)
    {
        if (await jobs.FindAsync(id, HttpContext.RequestAborted) is null) return NotFound();
        await jobs.RequestCancelAsync(id, HttpContext.RequestAborted);
        return RedirectToPage(new { id, message = "cancelling" });
    }
}
