using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Accounts;

/// <summary>Sign-out is a POST (with antiforgery), so a link on another site cannot sign anyone out.</summary>
public sealed class LogoutModel(AccountService accounts) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Patents/Search");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true) await accounts.SignOutAsync();
        return RedirectToPage("/Patents/Search");
    }
}
