using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Accounts;

/// <summary>TOTP set-up. Operators and administrators are sent here after signing in without it.</summary>
public sealed class TwoFactorModel(IStringLocalizer<SharedResource> L, AccountService accounts, UserManager<MarketplaceUser> users) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }

    public string Key { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (ModelState.IsValid && await accounts.EnableTwoFactorAsync(user, Input.Code))
            return Required ? LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl)) : RedirectToPage();
        ModelState.AddModelError("", L["The code is wrong or has expired. Check the time on your phone and try the next code."]);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await accounts.DisableTwoFactorAsync(user))
            ModelState.AddModelError("", L["Operators and administrators must keep two-factor authentication."]);
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(MarketplaceUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (!Enabled) (Key, AuthenticatorUri) = await accounts.AuthenticatorSetupAsync(user);
    }
}
