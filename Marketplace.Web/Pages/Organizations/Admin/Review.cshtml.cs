using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Organizations.Admin;

/// <summary>An operator checks the documents and verifies or rejects (with a reason) a pending organisation.</summary>
public sealed class ReviewModel(OrganizationService organizations, PeopleDirectory directory, IAuthorizationService authorization, IStringLocalizer<SharedResource> L) : PageModel
{
    public Organization Organization { get; private set; } = null!;

    public IReadOnlyDictionary<Guid, (string Name, string Email)> People { get; private set; } = new Dictionary<Guid, (string, string)>();

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostVerifyAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        return await TryAsync(() => organizations.VerifyAsync(Organization, StaffAccess.UserId(User)!.Value));
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        return await TryAsync(() => organizations.RejectAsync(Organization, StaffAccess.UserId(User)!.Value, Reason ?? ""));
    }

    private async Task<IActionResult> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return RedirectToPage(new { id = Organization.Id });
        }
        catch (OrganizationRuleException ex)
        {
            ModelState.AddModelError("", L[ex.Message]);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var organization = await organizations.FindAsync(id);
        if (organization is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, organization, OrganizationOperations.Review)).Succeeded) return Forbid();
        Organization = organization;
        People = await directory.FindAsync(organization.Members.Select(m => m.UserId));
        return null;
    }
}
