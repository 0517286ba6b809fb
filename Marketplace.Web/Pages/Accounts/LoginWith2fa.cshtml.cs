using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Accounts;

public sealed class LoginWith2faModel(IStringLocalizer<SharedResource> L, AccountService accounts) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        switch (await accounts.TwoFactorSignInAsync(Input.Code, RememberMe))
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl));
            case SignInOutcome.LockedOut:
                return RedirectToPage("/Accounts/Lockout");
            default:
                ModelState.AddModelError("", L["The code is wrong or has expired. Sign in again if this repeats."]);
                return Page();
        }
    }
}
