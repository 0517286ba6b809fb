using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Accounts;

public sealed class ConfirmEmailModel(AccountService accounts) : PageModel
{
    public bool Confirmed { get; private set; }

    public string LoginUrl { get; private set; } = "/account/login";

    public async Task<IActionResult> OnGetAsync(Guid userId, string? code, string? returnUrl)
    {
        if (string.IsNullOrEmpty(code)) return RedirectToPage("/Patents/Search");
        Confirmed = await accounts.ConfirmEmailAsync(userId, code);
        LoginUrl = Url.Page("/Accounts/Login", new { returnUrl = ReturnUrls.Safe(Url, returnUrl) })!;
        return Page();
    }
}
