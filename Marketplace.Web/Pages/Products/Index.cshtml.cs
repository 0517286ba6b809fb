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

    public async Task<IActionResult> OnGetAsync(string? message)
    {
        if (await LoadAsync() is { } denied) return denied;
        Input.RevenueYear ??= DateTime.UtcNow.Year - 1;
        Message = message == "recorded" ? L["Product recorded and submitted for review."].Value : null;
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

    private async Task<IActionResult?> LoadAsync()
    {
        Actor = (await ProductActor.ResolveAsync(User, db))!;
        if (Actor.Enterprise is null) return Forbid();
        Products = await products.ForOrganizationAsync(Actor.Enterprise.Id);
        return null;
    }
}
