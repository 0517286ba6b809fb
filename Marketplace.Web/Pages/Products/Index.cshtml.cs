using Marketplace.Web.Data;
using Marketplace.Web.Localization;
using Marketplace.Web.Products;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Products;

/// <summary>An enterprise's patent-intensive products: its records with their review state, and the form to record one.</summary>
[Authorize]
public sealed class IndexModel(MarketplaceDbContext db, ProductService products, IStringLocalizer<SharedResource> L) : PageModel
{
    public ProductActor Actor { get; private set; } = null!;

    public IReadOnlyList<PatentIntensiveProduct> Products { get; private set; } = [];

    [BindProperty]
    public ProductInput Input { get; set; } = new();

    public string? Message { get; private set; }

    /// <summary>The sent-back product the form corrects, or null when the form records a new one.</summary>
    public PatentIntensiveProduct? Correcting { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? message, Guid? correct)
    {
        if (await LoadAsync() is { } denied) return denied;
        Input.RevenueYear ??= DateTime.UtcNow.Year - 1;
        Message = message switch
        {
            "recorded" => L["Product recorded and submitted for review."].Value,
            "resubmitted" => L["Product corrected and resubmitted for review."].Value,
            _ => null,
        };
        if (correct is { } id && Actor.CanRecord)
        {
            Correcting = Products.FirstOrDefault(p => p.Id == id && p.Status == ProductStatus.SentBack);
            if (Correcting is null) return NotFound();
            Input = ProductInput.From(Correcting);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } denied) return denied;
        if (!Actor.CanRecord) return Forbid();
        try
        {
            await products.RecordAsync(Actor, Input);
            return RedirectToPage(new { message = "recorded" });
        }
        catch (ProductRuleException ex)
        {
            ModelState.AddModelError("Input." + ex.Field, L[ex.Template, [.. ex.Arguments]]);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostResubmitAsync(Guid id)
    {
        if (await LoadAsync() is { } denied) return denied;
        if (!Actor.CanRecord) return Forbid();
        // Only the enterprise's own products: another's is as absent as one that does not exist.
        if (Products.FirstOrDefault(p => p.Id == id) is not { } product) return NotFound();
        try
        {
            await products.ResubmitAsync(Actor, product, Input);
            return RedirectToPage(new { message = "resubmitted" });
        }
        catch (ProductRuleException ex)
        {
            ModelState.AddModelError("Input." + ex.Field, L[ex.Template, [.. ex.Arguments]]);
            Correcting = product;
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync()
    {
        Actor = (await ProductActor.ResolveAsync(User, db))!;
        if (Actor.Enterprise is null) return Forbid();
        Products = await products.ForOrganizationAsync(Actor.Enterprise.Id);
        return null;
    }
}
