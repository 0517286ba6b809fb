using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Needs.Deals;

/// <summary>One deal: move its stage, record the agreement, assign, set the due date, add notes; its history.</summary>
public sealed class DetailsModel(DealService deals, DealContracts contracts, NeedService needs, PeopleDirectory directory, IStringLocalizer<SharedResource> L) : PageModel
{
    public Deal Deal { get; private set; } = null!;

    /// <summary>The need brokered; null for a lead from a contest.</summary>
    public Need? Need { get; private set; }

    /// <summary>A lead's contest entry and interested organisation.</summary>
    public Marketplace.Web.Contests.ContestEntry? Entry { get; private set; }

    public string? InterestedOrganization { get; private set; }

    public IReadOnlyList<(Proposal Proposal, string Organization)> Proposals { get; private set; } = [];

    /// <summary>Licences the deal's licensee took on the platform (what an agreed licence may name).</summary>
    public IReadOnlyList<LicenseChoice> Licenses { get; private set; } = [];

    /// <summary>The licence record of an agreed licence.</summary>
    public LicenseChoice? License { get; private set; }

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

    public async Task<IActionResult> OnPostAgreeAsync(Guid id, IFormFile? contractPdf)
    {
        Guid? license = null;
        ContractReference? contract = null;
        if (Agreement.Kind == AgreementKind.License)
        {
            if (!string.IsNullOrWhiteSpace(Agreement.LicenseOrderId))
            {
                if (!Guid.TryParse(Agreement.LicenseOrderId.Trim(), out var parsed))
                    return await RefuseAsync(id, "Agreement.LicenseOrderId", "The licence record reference is not valid.");
                license = parsed;
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(Agreement.ContractNumber))
                return await RefuseAsync(id, "Agreement.ContractNumber", "A transfer or joint project needs the contract number.");
            if (Agreement.ContractSignedOn is not { } signed)
                return await RefuseAsync(id, "Agreement.ContractSignedOn", "Give the date the contract was signed.");
            string? stored = null;
            if (contractPdf is { Length: > 0 })
            {
                if (await LoadAsync(id) is { } missing) return missing;
                try
                {
                    await using var stream = contractPdf.OpenReadStream();
                    stored = await contracts.StoreContractAsync(stream, contractPdf.Length);
                }
                catch (NeedRuleException e)
                {
                    ModelState.AddModelError("contractPdf", L["{0}: {1}", Path.GetFileName(contractPdf.FileName), L[e.Message]]);
                    return Page();
                }
            }
            contract = new ContractReference(Agreement.ContractNumber.Trim(), DateOnly.FromDateTime(signed), stored);
        }
        return await ChangeAsync(id, () => deals.AgreeAsync(Deal, Agreement.Kind, Agreement.ProposalId, license, contract, Actor));
    }

    /// <summary>The signed contract's PDF of an agreed transfer or joint project.</summary>
    public async Task<IActionResult> OnGetContractAsync(Guid id)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        return contracts.OpenContract(Deal.ContractDocument) is { } stream
            ? File(stream, "application/pdf", $"contract-{Deal.ContractNumber}.pdf")
            : NotFound();
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id, Guid? operatorId) =>
        ChangeAsync(id, () => deals.AssignAsync(Deal, operatorId, Actor));

    public Task<IActionResult> OnPostDueAsync(Guid id, DateTime? due) =>
        ChangeAsync(id, () => deals.SetDueDateAsync(Deal, due is { } d ? DateTime.SpecifyKind(d.Date, DateTimeKind.Utc) : null, Actor));

    public Task<IActionResult> OnPostNoteAsync(Guid id, string? note) =>
        ChangeAsync(id, () => deals.AddNoteAsync(Deal, note ?? "", Actor));

    private Guid Actor => StaffAccess.UserId(User)!.Value;

    private async Task<IActionResult> RefuseAsync(Guid id, string field, string message)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        ModelState.AddModelError(field, L[message]);
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
        if (deal.NeedId is { } needId)
        {
            Need = await needs.FindAsync(needId);
            if (Need is not null) Proposals = await needs.ProposalsAsync(Need, await needs.ViewerAsync(User));
        }
        else
        {
            (Entry, InterestedOrganization) = await deals.LeadPartiesAsync(deal);
        }
        Licenses = deal.NextStages().Contains(DealStage.Agreed) ? await deals.LicenseChoicesAsync(deal) : [];
        License = await deals.LicenseAsync(deal.LicenseOrderId);
        Operators = await deals.OperatorNamesAsync();
        People = (await directory.FindAsync(deal.History.Select(h => h.ActorId).OfType<Guid>().Concat(deal.InterestedUserId is { } u ? [u] : [])))
            .ToDictionary(p => p.Key, p => p.Value.Name);
        return null;
    }
}

public sealed class AgreementInput
{
    [Display(Name = "Kind of agreement")]
    public AgreementKind Kind { get; set; } = AgreementKind.License;

    [Display(Name = "With the proposal of")]
    public Guid? ProposalId { get; set; }

    [Display(Name = "Licence taken on the platform")]
    public string? LicenseOrderId { get; set; }

    [Display(Name = "Contract number")]
    [StringLength(Deal.MaxContract, ErrorMessage = "The contract number may have at most 100 characters.")]
    public string? ContractNumber { get; set; }

    [Display(Name = "Contract signed on")]
    [DataType(DataType.Date)]
    public DateTime? ContractSignedOn { get; set; }
}
