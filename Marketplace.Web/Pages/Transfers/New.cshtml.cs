using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Marketplace.Web.Transfers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Transfers;

/// <summary>An owner organisation lists one of its patents for sale: asking price or 面议, conditions, validity.</summary>
[Authorize]
public sealed class NewModel(MarketplaceDbContext db, TransferService transfers, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Patent { get; set; }

    [BindProperty]
    public decimal? AskingPrice { get; set; }

    [BindProperty]
    public string? Conditions { get; set; }

    [BindProperty]
    public DateOnly ValidUntil { get; set; } = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6);

    public bool CanList { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        CanList = (await LicensingActor.ResolveAsync(User, db))?.CanActForOrganization == true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool list)
    {
        var actor = await LicensingActor.ResolveAsync(User, db);
        CanList = actor?.CanActForOrganization == true;
        if (actor?.Organization is null || !CanList)
        {
            ModelState.AddModelError("", L["Only owners and admins of an organisation list its patents for sale."]);
            return Page();
        }
        long? fen = AskingPrice is { } yuan ? (yuan is > 0 and < 1_000_000_000m ? (long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero) : 0) : null;
        try
        {
            var listing = await transfers.DraftAsync(actor.Organization, actor.UserId, Patent ?? "", fen, Conditions, ValidUntil);
            if (list) await transfers.ListAsync(listing);
            return Redirect($"/transfers/{listing.Id}?message={(list ? "listed" : "")}");
        }
        catch (TransferRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            return Page();
        }
    }
}
