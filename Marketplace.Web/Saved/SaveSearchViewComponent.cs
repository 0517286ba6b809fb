using Marketplace.Web.Accounts;
using Marketplace.Web.Patents;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Saved;

/// <summary>What the "save this search" control needs: the search in its canonical form, a name to suggest, and where to come back to.</summary>
public sealed record SaveSearchControl(bool SignedIn, string Query, string Name, string ReturnUrl);

/// <summary>
/// "Save this search" under the search results (with alerts on by default), or a sign-in link for visitors.
/// A component of Saved so that the search page does not depend on the saved-search feature's types.
/// </summary>
public sealed class SaveSearchViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(PatentSearchRequest request, string returnUrl) =>
        View(new SaveSearchControl(StaffAccess.UserId(UserClaimsPrincipal) is not null, SavedSearchService.Canonical(request), request.Text ?? "", returnUrl));
}
