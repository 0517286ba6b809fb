using Analytics.Matching;
using Marketplace.Web.Localization;
using Marketplace.Web.Needs;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Needs;

/// <summary>
/// Ranked, explained candidate patents for a need (the enterprise that posted it and operators only),
/// filtered by owner type, legal status and region; the enterprise invites the universities and institutes that own them.
/// </summary>
public sealed class CandidatesModel(NeedService needs, IStringLocalizer<SharedResource> L) : PageModel
{
    public static readonly IReadOnlyList<PartyType> OwnerTypes = [PartyType.University, PartyType.ResearchInstitute, PartyType.Enterprise, PartyType.Individual];

    public static readonly IReadOnlyList<LegalStatus> Statuses = [LegalStatus.InForce, LegalStatus.Pending, LegalStatus.Lapsed, LegalStatus.Expired];

    public Need Need { get; private set; } = null!;

    public NeedViewer Viewer { get; private set; } = null!;

    public MatchResult? Result { get; private set; }

    public IReadOnlyList<NeedCandidate> Candidates { get; private set; } = [];

    public IReadOnlyList<Organization> ResearchOrganizations { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? OwnerType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? message)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        Message = message == "invited" ? L["Invitation sent. The university is notified."].Value : null;
        await MatchAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid id, Guid organizationId)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (!Need.IsOwnedBy(Viewer)) return Forbid();
        try
        {
            await needs.InviteAsync(Need, Viewer, organizationId);
            return Redirect($"/needs/{Need.Id}/candidates?message=invited");
        }
        catch (NeedRuleException e)
        {
            ModelState.AddModelError("", L[e.Message]);
            await MatchAsync();
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        Viewer = await needs.ViewerAsync(User);
        var need = await needs.FindAsync(id);
        if (need is null) return NotFound();
        if (!need.IsOwnedBy(Viewer) && !Viewer.IsOperator) return Forbid();
        Need = need;
        return null;
    }

    private async Task MatchAsync()
    {
        if (OwnerType is not null && !OwnerTypes.Any(t => Value(t) == OwnerType))
            ModelState.AddModelError(nameof(OwnerType), L["Unknown owner type."]);
        if (Status is not null && !Statuses.Any(s => Value(s) == Status))
            ModelState.AddModelError(nameof(Status), L["Unknown legal status."]);
        if (Region?.Trim().Length > Need.MaxRegion)
            ModelState.AddModelError(nameof(Region), L["The region may have at most 100 characters."]);
        ResearchOrganizations = await needs.ResearchOrganizationsAsync();
        if (!ModelState.IsValid) return;
        var filters = new MatchFilters
        {
            OwnerTypes = string.IsNullOrEmpty(OwnerType) ? [] : [OwnerType],
            LegalStatuses = string.IsNullOrEmpty(Status) ? [] : [Status],
            Region = string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(),
        };
        (Result, Candidates) = await needs.CandidatesAsync(Need, filters);
    }

    public static string Value<T>(T value) where T : struct, Enum => Search.Indexer.Engine.QuerySyntax.ValueName(value);
}
