using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Licensing;

/// <summary>Licences granted and taken by the organisation, revenue and royalties; CSV and Excel export.</summary>
[Authorize]
public sealed class LedgerModel(MarketplaceDbContext db, LedgerService ledger) : PageModel
{
    public IReadOnlyList<LedgerRow> Rows { get; private set; } = [];

    public LedgerTotals Totals { get; private set; } = LedgerTotals.Of([]);

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await LicensingActor.ResolveAsync(User, db);
        if (actor?.Organization is null) return RedirectToPage("/Organizations/Index");
        Rows = await ledger.RowsAsync(actor.Organization.Id);
        Totals = LedgerTotals.Of(Rows);
        return Page();
    }
}
