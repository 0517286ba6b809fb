using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Localization;
using Marketplace.Web.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Needs;

/// <summary>A university or institute answers a need it sees: patents of its portfolio, approach, terms, team, optionally an open licence.</summary>
public sealed class ProposeModel(NeedService needs, IStringLocalizer<SharedResource> L) : PageModel
{
    public Need Need { get; private set; } = null!;

    /// <summary>The organisation's published open licences it may offer.</summary>
    public IReadOnlyList<(Guid Id, string Reference, string Patents)> Declarations { get; private set; } = [];

    [BindProperty]
    public ProposalInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (!ModelState.IsValid) return Page();
        Guid? declaration = null;
        if (!string.IsNullOrWhiteSpace(Input.OpenLicenseDeclarationId))
        {
            if (!Guid.TryParse(Input.OpenLicenseDeclarationId.Trim(), out var parsed))
            {
                ModelState.AddModelError("Input.OpenLicenseDeclarationId", L["The open licence reference is not valid."]);
                return Page();
            }
            declaration = parsed;
        }
        var viewer = await needs.ViewerAsync(User);
        var (proposal, error, detail) = await needs.ProposeAsync(Need, viewer, Input.Patents, Input.Approach ?? "", Input.Terms ?? "", Input.Team ?? "", declaration);
        if (proposal is not null) return Redirect($"/needs/{Need.Id}?message=proposed");
        var field = error!.Contains("Patent", StringComparison.Ordinal) ? "Input.Patents" : error.Contains("open licence", StringComparison.Ordinal) ? "Input.OpenLicenseDeclarationId" : "";
        ModelState.AddModelError(field, detail is null ? L[error] : L[error, detail]);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var viewer = await needs.ViewerAsync(User);
        var need = await needs.FindAsync(id);
        if (need is null) return NotFound();
        if (!need.AcceptsProposalsFrom(viewer)) return Forbid();
        Need = need;
        Declarations = await needs.OfferableDeclarationsAsync(viewer.OrganizationId);
        return null;
    }
}

public sealed class ProposalInput
{
    [Display(Name = "Patents of your organisation (publication numbers, one per line)")]
    [StringLength(2000, ErrorMessage = "The list of patents is too long.")]
    public string? Patents { get; set; }

    [Required(ErrorMessage = "Describe your approach.")]
    [StringLength(4000, ErrorMessage = "Each text may have at most 4000 characters.")]
    [Display(Name = "Approach")]
    public string? Approach { get; set; }

    [StringLength(4000, ErrorMessage = "Each text may have at most 4000 characters.")]
    [Display(Name = "Terms")]
    public string? Terms { get; set; }

    [StringLength(4000, ErrorMessage = "Each text may have at most 4000 characters.")]
    [Display(Name = "Team")]
    public string? Team { get; set; }

    [Display(Name = "Open licence to offer (optional)")]
    public string? OpenLicenseDeclarationId { get; set; }
}
