using Marketplace.Web.Accounts;
using Marketplace.Web.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Needs.Deals;

/// <summary>The operators' pipeline board: one column per stage; "mine" shows the deals assigned to the viewer.</summary>
public sealed class IndexModel(DealService deals) : PageModel
{
    public IReadOnlyList<DealRow> Rows { get; private set; } = [];

    public bool Mine { get; private set; }

    public async Task OnGetAsync(bool mine = false)
    {
        Mine = mine;
        Rows = await deals.BoardAsync(mine ? StaffAccess.UserId(User) : null);
    }
}
