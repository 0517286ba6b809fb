using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Organizations.Admin;

/// <summary>Operators: every organisation, those waiting for verification first.</summary>
public sealed class VerificationModel(OrganizationService organizations) : PageModel
{
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public string? Query { get; private set; }

    public async Task OnGetAsync(string? q)
    {
        Query = q;
        Organizations = await organizations.ListForReviewAsync(q);
    }
}
