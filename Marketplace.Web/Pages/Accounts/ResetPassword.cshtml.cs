using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Accounts;

public sealed class ResetPasswordModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public IActionResult OnGet(string? email, string? code)
    {
        if (string.IsNullOrEmpty(code)) return RedirectToPage("/Accounts/ForgotPassword");
        Input = new ResetPasswordInput { Email = email ?? "", Code = code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await accounts.ResetPasswordAsync(Input.Email, Input.Code, Input.Password);
        if (result.Succeeded)
        {
            Done = true;
            return Page();
        }
        foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
        return Page();
    }
}
