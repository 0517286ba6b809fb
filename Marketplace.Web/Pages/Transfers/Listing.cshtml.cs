using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Marketplace.Web.Transfers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Transfers;

/// <summary>
/// One listing for everyone it concerns: the terms to anyone, the offer form to other organisations, each party's
/// negotiation thread, the seller's signing checks, the contract, payment, the recordal kit and recordal.
/// </summary>
public sealed class ListingModel(MarketplaceDbContext db, TransferService transfers, IPaymentGateway gateway, IStringLocalizer<SharedResource> L) : PageModel
{
    public TransferListing Listing { get; private set; } = null!;

    /// <summary>The offers this person may read: all of them for the seller and operators, their own organisation's for a buyer.</summary>
    public IReadOnlyList<TransferOffer> Offers { get; private set; } = [];

    public IReadOnlyList<ExistingLicence> Licences { get; private set; } = [];

    public IReadOnlyList<SigningFinding> Findings { get; private set; } = [];

    public LicensingActor? Actor { get; private set; }

    public bool IsSeller => Actor?.ActsFor(Listing.SellerOrganizationId) == true;

    public bool IsSellerMember => Actor?.IsMemberOf(Listing.SellerOrganizationId) == true;

    public bool IsBuyer => Listing.BuyerOrganizationId is { } buyer && Actor?.IsMemberOf(buyer) == true;

    /// <summary>May see the agreement, contract and payment: the parties and operators.</summary>
    public bool IsParty => IsSellerMember || IsBuyer || Actor?.IsOperator == true;

    public bool CanOffer => Actor?.Organization is not null && Actor.Role is not null && !IsSellerMember
        && Listing.IsOpenForOffers(DateOnly.FromDateTime(DateTime.UtcNow)) && !Offers.Any(o => o.Status == TransferOfferStatus.Open && Actor.IsMemberOf(o.BuyerOrganizationId));

    public bool OnlinePaymentAvailable => gateway.IsConfigured;

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? message, int? paid)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        Message = (message, paid) switch
        {
            ("listed", _) => L["The patent is listed for sale."].Value,
            ("offered", _) => L["Your offer was sent to the seller."].Value,
            ("countered", _) => L["Your new terms were sent."].Value,
            ("said", _) => L["Message sent."].Value,
            ("accepted", _) => L["Terms accepted: the seller completes the signing checks."].Value,
            ("declined", _) => L["The offer was declined."].Value,
            ("agreed", _) => L["The contract is agreed: download it below."].Value,
            ("paid", _) => L["Payment confirmed: the recordal kit is ready."].Value,
            ("recorded", _) => L["Recordal saved: the buyer is the patent's owner on the platform."].Value,
            ("withdrawn", _) => L["The listing was withdrawn."].Value,
            (_, 1) when Listing.Status == TransferStatus.Agreed => L["Thank you: the payment is being confirmed. This page updates when it arrives."].Value,
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostListAsync(Guid id) =>
        ActAsync(id, seller: true, () => transfers.ListAsync(Listing), "listed");

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, string? reason) =>
        ActAsync(id, seller: true, () => transfers.WithdrawAsync(Listing, reason ?? ""), "withdrawn");

    public async Task<IActionResult> OnPostOfferAsync(Guid id, decimal? price, TransferPaymentTerms terms, int? instalments, string? address, string? text)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (Actor is null) return Challenge();
        if (Actor.Organization is null || Actor.Role is null) return Forbid();
        return await TryAsync(async () => await transfers.OfferAsync(Listing, Actor.Organization, Actor.UserId, Fen(price), terms, instalments, address, text), "offered");
    }

    public Task<IActionResult> OnPostCounterAsync(Guid id, Guid offerId, decimal? price, TransferPaymentTerms terms, int? instalments, string? text) =>
        OfferActionAsync(id, offerId, (offer, party) => transfers.CounterAsync(Listing, offer, party, Actor!.UserId, Fen(price), terms, instalments, text), "countered");

    public Task<IActionResult> OnPostMessageAsync(Guid id, Guid offerId, string? text) =>
        OfferActionAsync(id, offerId, (offer, party) => transfers.SayAsync(Listing, offer, party, Actor!.UserId, text ?? ""), "said");

    public Task<IActionResult> OnPostAcceptAsync(Guid id, Guid offerId) =>
        OfferActionAsync(id, offerId, (offer, party) => transfers.AcceptAsync(Listing, offer, party, Actor!.UserId), "accepted");

    public Task<IActionResult> OnPostDeclineAsync(Guid id, Guid offerId, string? text) =>
        OfferActionAsync(id, offerId, (offer, party) => transfers.DeclineAsync(Listing, offer, party, Actor!.UserId, text), "declined");

    /// <summary>Saves the seller's answers to the signing checks, then signs: a check still unmet is refused with its message, the answers kept.</summary>
    public Task<IActionResult> OnPostSignAsync(Guid id, bool coOwnerConsent, bool licencesAcknowledged, string? pledged, string? pledgeDetails, string? sellerAddress, string? agent) =>
        ActAsync(id, seller: true, async () =>
        {
            bool? isPledged = pledged switch { "yes" => true, "no" => false, _ => null };
            await transfers.SaveSigningAsync(Listing, coOwnerConsent, licencesAcknowledged, isPledged, pledgeDetails, sellerAddress, agent);
            await transfers.AgreeAsync(Listing);
        }, "agreed");

    public async Task<IActionResult> OnPostPayAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (!IsBuyer) return Forbid();
        try
        {
            return Redirect(await transfers.CheckoutUrlAsync(Listing, new Uri($"{Request.Scheme}://{Request.Host}")));
        }
        catch (TransferRuleException ex)
        {
            return await RefusedAsync(ex);
        }
    }

    public Task<IActionResult> OnPostConfirmTransferAsync(Guid id, string? reference) =>
        ActAsync(id, seller: true, () => transfers.ConfirmTransferAsync(Listing, reference ?? ""), "paid");

    public Task<IActionResult> OnPostRecordAsync(Guid id, string? recordalNumber) =>
        ActAsync(id, seller: true, () => transfers.RecordAsync(Listing, recordalNumber ?? ""), "recorded");

    private static long Fen(decimal? yuan) => yuan is { } y and > 0 and < 1_000_000_000m ? (long)decimal.Round(y * 100m, 0, MidpointRounding.AwayFromZero) : 0;

    private async Task<IActionResult> OfferActionAsync(Guid id, Guid offerId, Func<TransferOffer, TransferParty, Task> action, string message)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (Actor is null) return Challenge();
        var offer = await transfers.FindOfferAsync(Listing.Id, offerId);
        if (offer is null) return NotFound();
        TransferParty party;
        if (IsSeller) party = TransferParty.Seller;
        else if (Actor.IsMemberOf(offer.BuyerOrganizationId)) party = TransferParty.Buyer;
        else return Forbid();
        return await TryAsync(() => action(offer, party), message);
    }

    private async Task<IActionResult> ActAsync(Guid id, bool seller, Func<Task> action, string message)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (Actor is null) return Challenge();
        if (seller && !IsSeller) return Forbid();
        return await TryAsync(action, message);
    }

    private async Task<IActionResult> TryAsync(Func<Task> action, string message)
    {
        try
        {
            await action();
            return RedirectToPage(new { id = Listing.Id, message });
        }
        catch (TransferRuleException ex)
        {
            return await RefusedAsync(ex);
        }
    }

    /// <summary>The page again with the refusal, read afresh (the refused change is not kept).</summary>
    private async Task<IActionResult> RefusedAsync(TransferRuleException ex)
    {
        var id = Listing.Id;
        db.ChangeTracker.Clear();
        await LoadAsync(id);
        ModelState.AddModelError("", L.Localize(ex));
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        Actor = await LicensingActor.ResolveAsync(User, db);
        var listing = await transfers.FindAsync(id);
        if (listing is null) return NotFound();
        Listing = listing;
        // A draft is the seller's own business until it is listed.
        if (listing.Status == TransferStatus.Draft && !IsSellerMember && Actor?.IsOperator != true) return NotFound();
        var offers = await transfers.OffersAsync(listing.Id);
        Offers = IsSellerMember || Actor?.IsOperator == true ? offers : [.. offers.Where(o => Actor?.IsMemberOf(o.BuyerOrganizationId) == true)];
        if (IsParty && listing.AcceptedOfferId is not null)
        {
            Licences = await transfers.ExistingLicencesAsync(listing.PatentId);
            if (listing.Status == TransferStatus.UnderNegotiation) Findings = await transfers.SigningFindingsAsync(listing);
        }
        return null;
    }
}
