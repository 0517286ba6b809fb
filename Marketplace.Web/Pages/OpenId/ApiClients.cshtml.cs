using Marketplace.Web.Api;
using Marketplace.Web.Localization;
using Marketplace.Web.OpenId;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.OpenId;

/// <summary>An organisation's API clients (client credentials). The secret is shown once, right after creation.</summary>
public sealed class ApiClientsModel(OrganizationService organizations, ApiClientService clients, IAuthorizationService authorization, IStringLocalizer<SharedResource> L) : PageModel
{
    public Organization Organization { get; private set; } = null!;

    public IReadOnlyList<ApiClientSummary> Clients { get; private set; } = [];

    public (string ClientId, string Secret)? Created { get; private set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        try
        {
            Created = await clients.CreateAsync(Organization, DisplayName ?? "", Scopes);
            Clients = await clients.ForOrganizationAsync(id);
        }
        catch (OrganizationRuleException ex)
        {
            ModelState.AddModelError("", L[ex.Message]);
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var organization = await organizations.FindAsync(id);
        if (organization is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, organization, OrganizationOperations.Edit)).Succeeded) return Forbid();
        Organization = organization;
        Clients = await clients.ForOrganizationAsync(id);
        return null;
    }

    /// <summary>English label (the localisation key) of each API area.</summary>
    public static string ScopeLabel(string scope) => scope switch
    {
        ApiScopes.Search => "Patent search",
        ApiScopes.Organizations => "Organisation profile",
        ApiScopes.Licensing => "Open licences",
        ApiScopes.NeedsRead => "Technical needs (read)",
        ApiScopes.NeedsWrite => "Technical needs (post and close; enterprises only)",
        _ => scope,
    };
}
