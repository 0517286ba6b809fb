using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Accounts;

public sealed class ForgotPasswordModel(AccountService accounts) : PageModel
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
        await accounts.SendPasswordResetAsync(Input.Email,
            code => Url.Page("/Accounts/ResetPassword", null, new { email = Input.Email, code }, Request.Scheme)!);
        Sent = true;
        return Page();
    }
}
