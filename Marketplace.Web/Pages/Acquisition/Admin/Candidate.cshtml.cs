using Marketplace.Web.Acquisition;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Acquisition.Admin;

/// <summary>
/// Operators: one candidate. An offer to the owner organisation when it is registered on the platform, otherwise the
/// offline approach with its contact note (the page says which); renewing a declined or expired offer once; recording the
/// acquisition with the price paid and the date.
/// </summary>
public sealed class CandidateModel(MarketplaceDbContext db, AcquisitionService acquisition, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public CandidateView View { get; private set; } = null!;

    public AcquisitionPool Pool { get; private set; } = null!;

    public RegisteredOwner? Owner { get; private set; }

    public string? Notice { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    [BindProperty] public decimal? Price { get; set; }

    [BindProperty] public bool Negotiable { get; set; }

    [BindProperty] public string? Terms { get; set; }

    [BindProperty] public DateOnly? ValidUntil { get; set; }

    [BindProperty] public string? Message { get; set; }

    [BindProperty] public string? Note { get; set; }

    [BindProperty] public DateOnly? Date { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? message)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        Notice = message switch
        {
            "offered" => L["Offer sent to the owner organisation."].Value,
            "offline" => L["Offline approach recorded."].Value,
            "renewed" => L["Offer renewed with the new price."].Value,
            "acquired" => L["Acquisition recorded: the patent is in the portfolio."].Value,
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostOfferAsync(Guid id) => ActAsync(id, async (actor, candidate) =>
    {
        if (OfferPrice() is not { } price) return null;
        await acquisition.OfferAsync(actor, candidate, price.Fen, Terms, ValidUntil ?? default, Message);
        return "offered";
    });

    public Task<IActionResult> OnPostOfflineAsync(Guid id) => ActAsync(id, async (_, candidate) =>
    {
        await acquisition.ApproachOfflineAsync(candidate, Note);
        return "offline";
    });

    public Task<IActionResult> OnPostRenewAsync(Guid id, Guid offerId) => ActAsync(id, async (actor, candidate) =>
    {
        if (OfferPrice() is not { } price) return null;
        var offer = await acquisition.FindOfferAsync(offerId);
        if (offer is null || offer.CandidateId != candidate.Id) throw new AcquisitionRuleException("", "Only a declined or expired offer can be renewed, and only once.");
        await acquisition.RenewAsync(actor, offer, price.Fen, Terms, ValidUntil ?? default, Message);
        return "renewed";
    });

    public Task<IActionResult> OnPostAcquiredAsync(Guid id) => ActAsync(id, async (_, candidate) =>
    {
        if (Price is null) ModelState.AddModelError(AcquisitionFields.Price, L["Give the price paid in yuan."]);
        if (Date is null) ModelState.AddModelError(AcquisitionFields.Date, L["Give the date of the acquisition."]);
        if (!ModelState.IsValid) return null;
        await acquisition.RecordAcquisitionAsync(candidate, AcquisitionLabels.Fen(Price) ?? 0, Date!.Value);
        return "acquired";
    });

    /// <summary>The price as typed, or 面议; null (with the field's message) when neither was given.</summary>
    private (long? Fen, bool Given)? OfferPrice()
    {
        if (!Negotiable && Price is null) ModelState.AddModelError(AcquisitionFields.Price, L["Give the price in yuan, or mark it negotiable."]);
        if (ValidUntil is null) ModelState.AddModelError(AcquisitionFields.ValidUntil, L["Give the date until which the offer is valid."]);
        if (!ModelState.IsValid) return null;
        return (Negotiable ? null : AcquisitionLabels.Fen(Price), true);
    }

    private async Task<IActionResult> ActAsync(Guid id, Func<LicensingActor, AcquisitionCandidate, Task<string?>> act)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        var actor = (await LicensingActor.ResolveAsync(User, db))!;
        try
        {
            if (await act(actor, View.Candidate) is { } message) return Redirect($"{AcquisitionLinks.Candidate(id)}?message={message}");
        }
        catch (AcquisitionRuleException ex)
        {
            ModelState.AddModelError(ex.Field == AcquisitionFields.Message ? nameof(Message) : ex.Field, L.Localize(ex));
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var candidate = await acquisition.FindCandidateAsync(id);
        if (candidate is null) return NotFound();
        Pool = (await acquisition.FindPoolAsync(candidate.PoolId))!;
        View = (await acquisition.ViewsAsync([candidate]))[0];
        Owner = await acquisition.RegisteredOwnerAsync(candidate.PatentId);
        return null;
    }
}
