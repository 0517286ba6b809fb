using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Saved;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Saved;

/// <summary>
/// Adds a patent to one of the person's collections, or to a new one named inline. The search results
/// and the patent page post here; on a refusal this page shows the form again with the reason.
/// </summary>
public sealed class AddModel(CollectionService collections, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Patent { get; set; }

    [BindProperty]
    public Guid? CollectionId { get; set; }

    [BindProperty]
    public string? NewName { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<CollectionSummary> Collections { get; private set; } = [];

    private Guid Me => StaffAccess.UserId(User) ?? throw new InvalidOperationException("The /Saved folder requires a signed-in user.");

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    public async Task OnGetAsync() => Collections = await collections.ListAsync(Me, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            PatentCollection collection;
            if (CollectionId is not null && !string.IsNullOrWhiteSpace(NewName))
                throw new SavedRuleException("Collection: pick a collection or name a new one, not both.");
            if (CollectionId is { } existing)
            {
                var found = await collections.FindAsync(Me, existing, HttpContext.RequestAborted);
                if (found is null) return NotFound();
                collection = found;
            }
            else if (!string.IsNullOrWhiteSpace(NewName))
            {
                // The patent is checked before the collection is made, so a refusal leaves no empty collection behind.
                await collections.CheckPatentAsync(Patent, Note, HttpContext.RequestAborted);
                collection = await collections.CreateAsync(Me, NewName, HttpContext.RequestAborted);
            }
            else throw new SavedRuleException("Collection: pick a collection or enter a name for a new one.");

            await collections.AddAsync(collection, Patent, Note, HttpContext.RequestAborted);
            var back = IsLocal(ReturnUrl) ? "&returnUrl=" + Uri.EscapeDataString(ReturnUrl!) : "";
            return Redirect($"/collections/{collection.Id}?message=added{back}");
        }
        catch (SavedRuleException e)
        {
            ModelState.AddModelError("", L[e.Message, [.. e.Arguments]]);
            Collections = await collections.ListAsync(Me, HttpContext.RequestAborted);
            return Page();
        }
    }
}
