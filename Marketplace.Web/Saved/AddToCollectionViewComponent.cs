using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Saved;

/// <summary>What the "add to collection" control needs: the patent, the person's collections, where to come back to, and its form.</summary>
public sealed record AddToCollectionControl(string PatentId, IReadOnlyList<CollectionSummary> Collections, string ReturnUrl, string FormId, bool FormElsewhere);

/// <summary>
/// "Add to collection" beside a patent: a choice of the person's collections or a new one named inline,
/// and an optional note, posting to /collections/add. Nothing for visitors who are not signed in.
/// With <c>formElsewhere</c> the controls point by <c>form=</c> at a form the page renders outside an enclosing form
/// (the search results sit inside the compare form, and forms cannot nest).
/// </summary>
public sealed class AddToCollectionViewComponent(CollectionService collections) : ViewComponent
{
    private const string CacheKey = "saved:collections";

    public async Task<IViewComponentResult> InvokeAsync(string patentId, string returnUrl, string formId, bool formElsewhere = false)
    {
        if (StaffAccess.UserId(UserClaimsPrincipal) is not { } me) return Content("");
        // One query per request, however many results show the control.
        if (HttpContext.Items[CacheKey] is not IReadOnlyList<CollectionSummary> mine)
        {
            mine = await collections.ListAsync(me, HttpContext.RequestAborted);
            HttpContext.Items[CacheKey] = mine;
        }
        return View(new AddToCollectionControl(patentId, mine, returnUrl, formId, formElsewhere));
    }
}
