using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Licensing;

/// <summary>One open licence: terms, patents with their bibliographic data and value indicators, the contract preview, and "take this licence".</summary>
public sealed class OfferModel(MarketplaceDbContext db, DeclarationService declarations, LicenseService licenses, IPatentIndex index, IStringLocalizer<SharedResource> L) : PageModel
{
    public OpenLicenseDeclaration Declaration { get; private set; } = null!;

    public IReadOnlyDictionary<string, PatentRecord> Records { get; private set; } = new Dictionary<string, PatentRecord>();

    public LicensingActor? Actor { get; private set; }

    /// <summary>The signed-in organisation's live licence of this offer, if it has one.</summary>
    public LicenseOrder? Existing { get; private set; }

    /// <summary>A fresh key for the confirming form: posting the same form twice finds the same licence.</summary>
    public string RequestKey { get; } = Guid.NewGuid().ToString("N");

    public bool CanTake => Actor is { CanActForOrganization: true } a && a.Organization!.Id != Declaration.OrganizationId
        && a.Organization.Verification == VerificationStatus.Verified && Declaration.Status == DeclarationStatus.Published;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostTakeAsync(Guid id, string requestKey, bool accept)
    {
        if (await LoadAsync(id) is { } notFound) return notFound;
        if (Actor is null) return Challenge();
        if (!CanTake)
        {
            ModelState.AddModelError("", Actor.Organization?.Verification != VerificationStatus.Verified
                ? L["Only a verified organisation can take a licence: have it verified first."]
                : L["Only an owner or admin of another organisation can take this licence."]);
            return Page();
        }
        if (!accept)
        {
            ModelState.AddModelError("", L["Confirm that you accept the declared terms."]);
            return Page();
        }
        try
        {
            var (order, _) = await licenses.TakeAsync(Declaration, Actor.Organization!, Actor.UserId, requestKey);
            return Redirect($"/licensing/orders/{order.Id}");
        }
        catch (LicensingRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var declaration = await declarations.FindAsync(id);
        if (declaration is null || declaration.Status is not (DeclarationStatus.Published or DeclarationStatus.Withdrawn)) return NotFound();
        Declaration = declaration;
        Records = await index.GetManyAsync([.. declaration.Patents.Select(p => p.PatentId)]);
        Actor = await LicensingActor.ResolveAsync(User, db);
        if (Actor?.Organization is { } organization)
        {
            var key = LicenseOrder.OpenKeyFor(declaration.Id, organization.Id);
            Existing = await db.LicenseOrders.FirstOrDefaultAsync(o => o.OpenKey == key);
        }
        return null;
    }
}
