using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Saved;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Saved;

/// <summary>One of the person's collections: its patents (a page at a time), rename, delete, remove a patent, export.</summary>
public sealed class CollectionModel(CollectionService collections, IStringLocalizer<SharedResource> L) : PageModel
{
    public PatentCollection Collection { get; private set; } = null!;

    public IReadOnlyList<CollectionEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Math.Max(1, (Total + CollectionService.PageSize - 1) / CollectionService.PageSize);

    public string? Message { get; private set; }

    /// <summary>Where the person came from (a search), for the way back; local paths only.</summary>
    public string? ReturnUrl { get; private set; }

    private Guid Me => StaffAccess.UserId(User) ?? throw new InvalidOperationException("The /Saved folder requires a signed-in user.");

    // [FromQuery]: "page" is also the route value naming the Razor page, which model binding would offer first.
    public async Task<IActionResult> OnGetAsync(Guid id, string? message, string? returnUrl, [FromQuery] int? page)
    {
        if (!ModelState.IsValid || page < 1)
            return BadRequest($"page must be a whole number from 1 (got '{Request.Query["page"].LastOrDefault()}').");
        if (!await FindAsync(id)) return NotFound();
        PageNumber = page ?? 1;
        ReturnUrl = AddModel.IsLocal(returnUrl) ? returnUrl : null;
        Message = message switch
        {
            "created" => L["The collection was created."].Value,
            "added" => L["The patent was added to the collection."].Value,
            "removed" => L["The patent was removed from the collection."].Value,
            "renamed" => L["The collection was renamed."].Value,
            _ => null,
        };
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid id, string? name)
    {
        if (!await FindAsync(id)) return NotFound();
        try
        {
            await collections.RenameAsync(Collection, name, HttpContext.RequestAborted);
            return Redirect($"/collections/{id}?message=renamed");
        }
        catch (SavedRuleException e)
        {
            ModelState.AddModelError("name", L[e.Message, [.. e.Arguments]]);
            await LoadAsync();
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        if (!await FindAsync(id)) return NotFound();
        await collections.DeleteAsync(Collection, HttpContext.RequestAborted);
        return Redirect("/saved?message=collection-deleted");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, string? patentId)
    {
        if (!await FindAsync(id)) return NotFound();
        if (!await collections.RemoveAsync(Collection, patentId, HttpContext.RequestAborted))
        {
            ModelState.AddModelError("patentId", L["Patent: “{0}” is not in this collection.", patentId ?? ""]);
            await LoadAsync();
            return Page();
        }
        return Redirect($"/collections/{id}?message=removed");
    }

    private async Task<bool> FindAsync(Guid id)
    {
        var found = await collections.FindAsync(Me, id, HttpContext.RequestAborted);
        if (found is null) return false;
        Collection = found;
        return true;
    }

    private async Task LoadAsync()
    {
        Total = await collections.CountAsync(Collection, HttpContext.RequestAborted);
        Entries = await collections.PageAsync(Collection, PageNumber, HttpContext.RequestAborted);
    }
}
