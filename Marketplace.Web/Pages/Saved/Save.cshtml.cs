using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Saved;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Saved;

/// <summary>Saves a search under a name (the search page's "Save this search" posts here; on a refusal the form shows why).</summary>
public sealed class SaveModel(SavedSearchService searches, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Query { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public bool Alerts { get; set; } = true;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await searches.SaveAsync(StaffAccess.UserId(User)!.Value, Name, Query, Alerts, HttpContext.RequestAborted);
            return Redirect("/saved?message=saved");
        }
        catch (SavedRuleException e)
        {
            ModelState.AddModelError(nameof(Name), L[e.Message, [.. e.Arguments]]);
            return Page();
        }
    }
}
