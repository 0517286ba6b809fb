using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Licensing;

/// <summary>The organisation's declarations and its latest notices.</summary>
[Authorize]
public sealed class DeclarationsModel(MarketplaceDbContext db, DeclarationService declarations, LicensingNotifier notifier) : PageModel
{
    public IReadOnlyList<OpenLicenseDeclaration> Declarations { get; private set; } = [];

    public IReadOnlyList<LicensingNotification> Notices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await LicensingActor.ResolveAsync(User, db);
        if (actor?.Organization is null) return RedirectToPage("/Organizations/Index");
        Declarations = await declarations.ForOrganizationAsync(actor.Organization.Id);
        Notices = await notifier.ForOrganizationAsync(actor.Organization.Id, 20);
        return Page();
    }
}
