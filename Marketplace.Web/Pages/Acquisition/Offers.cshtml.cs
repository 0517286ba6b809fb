using Marketplace.Web.Acquisition;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Acquisition;

/// <summary>
/// An owner organisation's acquisition offers: its members see them, its owners and admins accept or decline with a
/// message. People acting for no organisation see that they have none.
/// </summary>
public sealed class OffersModel(MarketplaceDbContext db, AcquisitionService acquisition, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public LicensingActor? Actor { get; private set; }

    public IReadOnlyList<AcquisitionOffer> Offers { get; private set; } = [];

    public string? Notice { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    [BindProperty]
    public string? Message { get; set; }

    public async Task OnGetAsync(string? message)
    {
        await LoadAsync();
        Notice = message switch
        {
            "accepted" => L["You accepted the offer; the operator is told."].Value,
            "declined" => L["You declined the offer; the operator is told."].Value,
            _ => null,
        };
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid offerId) => AnswerAsync(offerId, (actor, offer) => acquisition.AcceptAsync(actor, offer, Message), "accepted");

    public Task<IActionResult> OnPostDeclineAsync(Guid offerId) => AnswerAsync(offerId, (actor, offer) => acquisition.DeclineAsync(actor, offer, Message), "declined");

    private async Task<IActionResult> AnswerAsync(Guid offerId, Func<LicensingActor, AcquisitionOffer, Task> answer, string message)
    {
        await LoadAsync();
        var offer = Offers.FirstOrDefault(o => o.Id == offerId);
        if (offer is null) return NotFound();
        if (!Actor!.ActsFor(offer.OwnerOrganizationId)) return Forbid();
        try
        {
            await answer(Actor, offer);
            return Redirect($"{AcquisitionLinks.OwnerOffers}?message={message}");
        }
        catch (AcquisitionRuleException ex)
        {
            ModelState.AddModelError(ex.Field, L.Localize(ex));
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        Actor = await LicensingActor.ResolveAsync(User, db);
        Offers = Actor?.Organization is { } organization ? await acquisition.OffersToAsync(organization.Id) : [];
    }
}
