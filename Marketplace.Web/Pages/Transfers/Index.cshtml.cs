using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Transfers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Transfers;

/// <summary>Patents for sale for everyone; for a signed-in organisation, also its own listings and the ones it made offers for.</summary>
public sealed class IndexModel(MarketplaceDbContext db, TransferService transfers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<TransferListing> ForSale { get; private set; } = [];

    public IReadOnlyList<TransferListing> Mine { get; private set; } = [];

    public LicensingActor? Actor { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ForSale = await transfers.CatalogueAsync(Q);
        Actor = await LicensingActor.ResolveAsync(User, db);
        if (Actor?.Organization is { } organization && Actor.Role is not null) Mine = await transfers.ForOrganizationAsync(organization.Id);
        return Page();
    }
}
