using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Accounts;

public sealed class LoginModel(IStringLocalizer<SharedResource> L, AccountService accounts) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var returnUrl = ReturnUrls.Safe(Url, ReturnUrl);
        switch (await accounts.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe))
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(returnUrl);
            case SignInOutcome.TwoFactorRequired:
                return RedirectToPage("/Accounts/LoginWith2fa", new { returnUrl, rememberMe = Input.RememberMe });
            case SignInOutcome.TwoFactorSetupRequired:
                return RedirectToPage("/Accounts/TwoFactor", new { required = true, returnUrl });
            case SignInOutcome.LockedOut:
                return RedirectToPage("/Accounts/Lockout");
            case SignInOutcome.EmailNotConfirmed:
                ModelState.AddModelError("", L["Confirm your e-mail address first: open the link we sent you."]);
                return Page();
            default:
                ModelState.AddModelError("", L["The e-mail address or the password is wrong."]);
                return Page();
        }
    }
}
