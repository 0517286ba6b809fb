using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Needs.Deals;

/// <summary>One deal: move its stage, record the agreement, assign, set the due date, add notes; its history.</summary>
public sealed class DetailsModel(DealService deals, NeedService needs, IStringLocalizer<SharedResource> L) : PageModel
{
    public Deal Deal { get; private set; } = null!;

    public Need Need { get; private set; } = null!;

    public IReadOnlyList<(Proposal Proposal, string Organization)> Proposals { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Operators { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Display names of everyone in the history.</summary>
    public IReadOnlyDictionary<Guid, string> People { get; private set; } = new Dictionary<Guid, string>();

    public string? Message { get; private set; }

    [BindProperty]
    public AgreementInput Agreement { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, string? message)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        Message = message is null ? null : L["Saved."].Value;
        return Page();
    }

    public Task<IActionResult> OnPostMoveAsync(Guid id, DealStage stage, string? reason) =>
        ChangeAsync(id, () => deals.MoveAsync(Deal, stage, Actor, reason));

    public Task<IActionResult> OnPostAgreeAsync(Guid id)
    {
        Guid? license = null;
        if (!string.IsNullOrWhiteSpace(Agreement.LicenseReference))
        {
            if (!Guid.TryParse(Agreement.LicenseReference.Trim(), out var parsed))
                return RefuseAsync(id, "The licence reference is not valid.");
            license = parsed;
        }
        return ChangeAsync(id, () => deals.AgreeAsync(Deal, Agreement.Kind, Agreement.ProposalId, license, Agreement.ContractNumber, Actor));
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id, Guid? operatorId) =>
        ChangeAsync(id, () => deals.AssignAsync(Deal, operatorId, Actor));

    public Task<IActionResult> OnPostDueAsync(Guid id, DateTime? due) =>
        ChangeAsync(id, () => deals.SetDueDateAsync(Deal, due is { } d ? DateTime.SpecifyKind(d.Date, DateTimeKind.Utc) : null, Actor));

    public Task<IActionResult> OnPostNoteAsync(Guid id, string? note) =>
        ChangeAsync(id, () => deals.AddNoteAsync(Deal, note ?? "", Actor));

    private Guid Actor => StaffAccess.UserId(User)!.Value;

    private async Task<IActionResult> RefuseAsync(Guid id, string message)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        ModelState.AddModelError("", L[message]);
        return Page();
    }

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Task> change)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        try
        {
            await change();
            return Redirect($"/deals/{Deal.Id}?message=saved");
        }
        catch (NeedRuleException e)
        {
            ModelState.AddModelError("", L[e.Message]);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var deal = await deals.FindAsync(id);
        if (deal is null) return NotFound();
        Deal = deal;
        Need = (await needs.FindAsync(deal.NeedId))!;
        Proposals = await needs.ProposalsAsync(Need, await needs.ViewerAsync(User));
        Operators = await deals.OperatorNamesAsync();
        People = await deals.PeopleNamesAsync(deal.History.Select(h => h.ActorId).OfType<Guid>());
        return null;
    }
}

public sealed class AgreementInput
{
    [Display(Name = "Kind of agreement")]
    public AgreementKind Kind { get; set; } = AgreementKind.License;

    [Display(Name = "With the proposal of")]
    public Guid? ProposalId { get; set; }

    [Display(Name = "Licence record (reference)")]
    public string? LicenseReference { get; set; }

    [Display(Name = "Contract number")]
    public string? ContractNumber { get; set; }
}
