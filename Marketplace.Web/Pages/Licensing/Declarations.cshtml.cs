using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Licensing;

/// <summary>The organisation's declarations and the person's latest licensing notices about it (from the one notifications table).</summary>
[Authorize]
public sealed class DeclarationsModel(MarketplaceDbContext db, DeclarationService declarations, NotificationService notifications) : PageModel
{
    public IReadOnlyList<OpenLicenseDeclaration> Declarations { get; private set; } = [];

    public IReadOnlyList<Notification> Notices { get; private set; } = [];

    public NotificationService Notifications => notifications;

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await LicensingActor.ResolveAsync(User, db);
        if (actor?.Organization is null) return RedirectToPage("/Organizations/Index");
        Declarations = await declarations.ForOrganizationAsync(actor.Organization.Id);
        Notices = await notifications.AboutOrganizationAsync(actor.UserId, actor.Organization.Id, "/licensing/", 20);
        return Page();
    }
}
