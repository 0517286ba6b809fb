using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Accounts;

public sealed class RegisterModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var returnUrl = ReturnUrls.Safe(Url, ReturnUrl);
        var result = await accounts.RegisterAsync(Input.Email, Input.DisplayName, Input.Password,
            (userId, code) => Url.Page("/Accounts/ConfirmEmail", null, new { userId, code, returnUrl }, Request.Scheme)!);
        if (result.Succeeded) return RedirectToPage("/Accounts/RegisterConfirmation", new { email = Input.Email });
        foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
        return Page();
    }
}
