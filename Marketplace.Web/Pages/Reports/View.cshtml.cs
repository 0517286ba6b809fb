using Marketplace.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Reports;

/// <summary>
/// A report by its shareable link: the report with every module and its charts once generated, its progress
/// while it is being generated. Public: a report holds aggregated public bibliographic data only, and its id
/// (a hash of scope and index version) is not listed anywhere public.
/// </summary>
public sealed class ViewModel(ReportStore store) : PageModel
{
    public StoredReport? Stored { get; private set; }
    public ReportProgress? Progress { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!ReportStore.IsId(id)) return NotFound();
        Stored = await store.LoadAsync(id, ct);
        if (Stored is not null) return Page();
        Progress = store.Progress(id);
        return Progress is null ? NotFound() : Page();
    }
}
