using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Products;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Products.Admin;

/// <summary>Operators: review recorded products (approve, or send back with a reason) and export the approved ones.</summary>
public sealed class ReviewModel(ProductService products, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<PatentIntensiveProduct> Submitted { get; private set; } = [];

    public IReadOnlyList<PatentIntensiveProduct> Approved { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message)
    {
        await LoadAsync();
        Message = message switch
        {
            "approved" => L["Product approved; it now shows on its patents' pages."].Value,
            "sent-back" => L["Product sent back to the enterprise."].Value,
            _ => null,
        };
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id) =>
        ReviewAsync(id, p => products.ApproveAsync(p, StaffAccess.UserId(User)!.Value), "approved");

    public Task<IActionResult> OnPostSendBackAsync(Guid id, string? reason) =>
        ReviewAsync(id, p => products.SendBackAsync(p, StaffAccess.UserId(User)!.Value, reason), "sent-back");

    private async Task<IActionResult> ReviewAsync(Guid id, Func<PatentIntensiveProduct, Task> action, string message)
    {
        var product = await products.FindAsync(id);
        if (product is null) return NotFound();
        try
        {
            await action(product);
            return RedirectToPage(new { message });
        }
        catch (ProductRuleException ex)
        {
            ModelState.AddModelError("", L[ex.Template, [.. ex.Arguments]]);
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        Submitted = await products.AwaitingReviewAsync();
        Approved = await products.ApprovedAsync();
    }
}
