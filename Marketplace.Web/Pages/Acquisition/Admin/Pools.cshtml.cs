using Marketplace.Web.Acquisition;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Acquisition.Admin;

/// <summary>Operators: the acquisition pools, and a new pool (name, purpose, chain).</summary>
public sealed class PoolsModel(MarketplaceDbContext db, AcquisitionService acquisition, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<AcquisitionPool> Pools { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public string? Chain { get; set; }

    public async Task OnGetAsync() => Pools = await acquisition.PoolsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = (await LicensingActor.ResolveAsync(User, db))!;
        try
        {
            var pool = await acquisition.CreatePoolAsync(actor, Name, Purpose, Chain);
            return Redirect(AcquisitionLinks.Pool(pool.Id));
        }
        catch (AcquisitionRuleException ex)
        {
            ModelState.AddModelError(ex.Field, L.Localize(ex));
            Pools = await acquisition.PoolsAsync();
            return Page();
        }
    }
}
