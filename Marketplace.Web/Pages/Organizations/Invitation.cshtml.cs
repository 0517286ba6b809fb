using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Organizations;

/// <summary>The link in an invitation e-mail: the signed-in person (with the invited address) joins.</summary>
public sealed class InvitationModel(OrganizationService organizations, UserManager<MarketplaceUser> users, IStringLocalizer<SharedResource> L) : PageModel
{
    public Organization Organization { get; private set; } = null!;

    public Invitation Invitation { get; private set; } = null!;

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        var found = await organizations.FindInvitationAsync(token);
        if (found is null) return NotFound();
        (Organization, Invitation) = found.Value;
        var user = await users.GetUserAsync(User);
        if (!Invitation.IsOpen(DateTime.UtcNow)) Problem = L["The invitation has expired or was already used."];
        else if (user is not null && !string.Equals(user.Email, Invitation.Email, StringComparison.OrdinalIgnoreCase))
            Problem = L["This invitation was sent to {0}. Sign in with that address to accept it.", Invitation.Email];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var found = await organizations.FindInvitationAsync(token);
        if (found is null) return NotFound();
        (Organization, Invitation) = found.Value;
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        try
        {
            await organizations.AcceptAsync(Organization, Invitation, user);
            return RedirectToPage("/Organizations/Details", new { id = Organization.Id });
        }
        catch (OrganizationRuleException ex)
        {
            Problem = L[ex.Message];
            return Page();
        }
    }
}
