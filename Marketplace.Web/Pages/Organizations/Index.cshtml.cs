using Marketplace.Web.Accounts;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Organizations;

/// <summary>The organisations a person belongs to, and which one they act for now.</summary>
public sealed class IndexModel(OrganizationService organizations, UserManager<MarketplaceUser> users, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<(Organization Organization, OrganizationRole Role)> Memberships { get; private set; } = [];

    public Guid? CurrentId { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        CurrentId = user.CurrentOrganizationId;
        Memberships = await organizations.ForUserAsync(user.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostSwitchAsync(Guid id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var organization = await organizations.FindAsync(id);
        if (organization is null) return NotFound();
        if (organization.MemberOf(user.Id) is null || !(await authorization.AuthorizeAsync(User, organization, OrganizationOperations.View)).Succeeded)
            return Forbid();
        await organizations.SwitchAsync(user, organization);
        return RedirectToPage();
    }
}
