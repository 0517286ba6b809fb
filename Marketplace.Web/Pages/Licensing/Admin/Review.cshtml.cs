using Marketplace.Web.Accounts;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Pages.Licensing.Admin;

/// <summary>Operators: review submitted declarations (publish or send back), approve doubtful portfolio claims, reconcile payments.</summary>
public sealed class ReviewModel(DeclarationService declarations, PortfolioService portfolio, LicenseService licenses, IOptions<LicensingOptions> licensing, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>Reconciliation asks Stripe; without a Stripe key there is nothing to reconcile with.</summary>
    public bool CanReconcile { get; } = licensing.Value.OnlinePaymentConfigured;

    public IReadOnlyList<OpenLicenseDeclaration> Submitted { get; private set; } = [];

    public IReadOnlyList<PortfolioClaim> PendingClaims { get; private set; } = [];

    public IReadOnlyList<ReconciliationLine>? Reconciliation { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message)
    {
        await LoadAsync();
        Message = message switch
        {
            "published" => L["Declaration published; the patents now show the open licence label in search."].Value,
            "sent-back" => L["Declaration sent back to the patentee."].Value,
            "claim" => L["Claim reviewed."].Value,
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, string reference, DateOnly? publishedOn) =>
        await ReviewAsync(id, d => declarations.PublishAsync(d, StaffAccess.UserId(User)!.Value, reference ?? "", publishedOn ?? DateOnly.FromDateTime(DateTime.UtcNow)), "published");

    public async Task<IActionResult> OnPostSendBackAsync(Guid id, string reasons) =>
        await ReviewAsync(id, d => declarations.SendBackAsync(d, StaffAccess.UserId(User)!.Value, reasons ?? ""), "sent-back");

    public async Task<IActionResult> OnPostClaimAsync(Guid claimId, bool approve, string? note)
    {
        try
        {
            await portfolio.ReviewClaimAsync(claimId, approve, StaffAccess.UserId(User)!.Value, note);
            return RedirectToPage(new { message = "claim" });
        }
        catch (LicensingRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            await LoadAsync();
            return Page();
        }
    }

    public async Task<IActionResult> OnPostReconcileAsync()
    {
        if (!CanReconcile) return NotFound();
        Reconciliation = await licenses.ReconcileAsync();
        await LoadAsync();
        return Page();
    }

    private async Task<IActionResult> ReviewAsync(Guid id, Func<OpenLicenseDeclaration, Task> action, string message)
    {
        var declaration = await declarations.FindAsync(id);
        if (declaration is null) return NotFound();
        try
        {
            await action(declaration);
            return RedirectToPage(new { message });
        }
        catch (LicensingRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        Submitted = await declarations.AwaitingReviewAsync();
        PendingClaims = await portfolio.PendingClaimsAsync();
    }
}
