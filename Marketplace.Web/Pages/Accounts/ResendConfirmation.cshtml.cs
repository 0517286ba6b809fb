using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Accounts;

/// <summary>Sends the confirmation link again; the same answer whether or not the address is registered.</summary>
public sealed class ResendConfirmationModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        await accounts.ResendConfirmationAsync(Input.Email,
            (userId, code) => Url.Page("/Accounts/ConfirmEmail", null, new { userId, code }, Request.Scheme)!);
        Sent = true;
        return Page();
    }
}
