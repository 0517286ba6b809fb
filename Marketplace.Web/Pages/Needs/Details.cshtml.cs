using Marketplace.Web.Localization;
using Marketplace.Web.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Needs;

/// <summary>A need as its viewer may see it: details, elements, invitations and proposals (the enterprise and operators see all, a university its own), the deal's stage.</summary>
public sealed class DetailsModel(NeedService needs, DealService deals, IStringLocalizer<SharedResource> L) : PageModel
{
    public Need Need { get; private set; } = null!;

    public NeedViewer Viewer { get; private set; } = null!;

    public IReadOnlyList<(Proposal Proposal, string Organization)> Proposals { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> InvitedNames { get; private set; } = new Dictionary<Guid, string>();

    public Deal? Deal { get; private set; }

    /// <summary>Publication references of the open licences the proposals offer.</summary>
    public IReadOnlyDictionary<Guid, string> DeclarationReferences { get; private set; } = new Dictionary<Guid, string>();

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? message)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        Message = message switch
        {
            "proposed" => L["Your proposal was sent to the enterprise."].Value,
            "closed" => L["The need is closed."].Value,
            "alerts-on" => L["Alerts are on: you will be told of new matching patents and open licences."].Value,
            "alerts-off" => L["Alerts are off."].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (!Need.IsOwnedBy(Viewer) && !Viewer.IsOperator) return Forbid();
        return await TryAsync(() => needs.CloseAsync(Need, Viewer), "closed");
    }

    public async Task<IActionResult> OnPostAlertsAsync(Guid id, bool enabled)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (!Need.IsOwnedBy(Viewer)) return Forbid();
        return await TryAsync(() => needs.SetAlertsAsync(Need, Viewer, enabled), enabled ? "alerts-on" : "alerts-off");
    }

    private async Task<IActionResult> TryAsync(Func<Task> action, string message)
    {
        try
        {
            await action();
            return Redirect($"/needs/{Need.Id}?message={message}");
        }
        catch (NeedRuleException e)
        {
            ModelState.AddModelError("", L[e.Message]);
            await LoadRestAsync();
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        Viewer = await needs.ViewerAsync(User);
        var need = await needs.FindAsync(id);
        if (need is null) return NotFound();
        if (!need.IsVisibleTo(Viewer)) return Forbid();
        Need = need;
        await LoadRestAsync();
        return null;
    }

    private async Task LoadRestAsync()
    {
        Proposals = await needs.ProposalsAsync(Need, Viewer);
        DeclarationReferences = await needs.DeclarationReferencesAsync(Proposals.Select(p => p.Proposal.OpenLicenseDeclarationId).OfType<Guid>());
        if (Need.IsOwnedBy(Viewer) || Viewer.IsOperator)
        {
            InvitedNames = await needs.OrganizationNamesAsync(Need.Invitations.Select(i => i.OrganizationId).Append(Need.OrganizationId));
            Deal = await deals.ForNeedAsync(Need.Id);
        }
        else
        {
            InvitedNames = await needs.OrganizationNamesAsync([Need.OrganizationId]);
        }
    }
}
