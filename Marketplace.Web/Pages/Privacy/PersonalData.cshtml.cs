using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Localization;
using Marketplace.Web.Privacy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Privacy;

/// <summary>One's own personal data: download it as JSON, or delete the account (PIPL Art. 45 and 47).</summary>
public sealed class PersonalDataModel(
    IStringLocalizer<SharedResource> L,
    UserManager<MarketplaceUser> users,
    SignInManager<MarketplaceUser> signIn,
    PersonalDataExport export,
    AccountDeletion deletion,
    AuditLog audit) : PageModel
{
    [BindProperty]
    public DeletionInput Input { get; set; } = new();

    public string Email { get; private set; } = "";

    public bool NeedsAuthenticatorCode { get; private set; }

    public IReadOnlyList<OwnershipBlocker> Blockers { get; private set; } = [];

    /// <summary>Set once the account is gone: what was kept, under which pseudonym.</summary>
    public DeletionOutcome? Deleted { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var json = await export.JsonAsync(user, HttpContext.RequestAborted);
        await audit.WriteAsync(AuditActions.PersonalDataDownloaded, subject: user.Email, userId: user.Id, userName: user.Email);
        return File(json, "application/json", $"personal-data-{DateTime.UtcNow:yyyyMMdd}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!Input.Confirm) ModelState.AddModelError($"{nameof(Input)}.{nameof(DeletionInput.Confirm)}", L["Tick the box to confirm that you want to delete your account."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var outcome = await deletion.DeleteAsync(user, Input.Password, Input.Code, HttpContext.RequestAborted);
        switch (outcome.Refusal)
        {
            case DeletionRefusal.WrongPassword:
                ModelState.AddModelError($"{nameof(Input)}.{nameof(DeletionInput.Password)}", L["The password is wrong. Your account was not deleted."]);
                break;
            case DeletionRefusal.WrongAuthenticatorCode:
                ModelState.AddModelError($"{nameof(Input)}.{nameof(DeletionInput.Code)}", L["The code is wrong or has expired. Your account was not deleted."]);
                break;
            case DeletionRefusal.LockedOut:
                await signIn.SignOutAsync();
                return RedirectToPage("/Accounts/Lockout");
            case DeletionRefusal.OnlyOwner:
                ModelState.AddModelError("", L["Your account was not deleted: you are the only owner of an organisation that still has members or open obligations. Make another member an owner, or close what is open, then try again."]);
                break;
            default:
                await signIn.SignOutAsync();
                // The rest of this response (the layout's account menu) must see the visitor the person has become.
                HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
                Deleted = outcome;
                return Page();
        }
        await LoadAsync(user);
        Blockers = outcome.Blockers.Count > 0 ? outcome.Blockers : Blockers;
        return Page();
    }

    private async Task LoadAsync(MarketplaceUser user)
    {
        Email = user.Email ?? "";
        NeedsAuthenticatorCode = await deletion.NeedsAuthenticatorCodeAsync(user);
        Blockers = await deletion.BlockersAsync(user.Id, HttpContext.RequestAborted);
    }

    public sealed class DeletionInput
    {
        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Authenticator code")]
        public string? Code { get; set; }

        [Display(Name = "I understand that my account is deleted for good")]
        public bool Confirm { get; set; }
    }
}
