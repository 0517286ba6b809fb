using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Organizations;

/// <summary>An organisation's page: profile, members and invitations, verification documents.</summary>
public sealed class DetailsModel(
    OrganizationService organizations,
    PeopleDirectory directory,
    UserManager<MarketplaceUser> users,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public Organization Organization { get; private set; } = null!;

    public IReadOnlyDictionary<Guid, (string Name, string Email)> People { get; private set; } = new Dictionary<Guid, (string, string)>();

    public bool CanEdit { get; private set; }

    public bool CanManageMembers { get; private set; }

    /// <summary>The signed-in person, when a member (they may leave).</summary>
    public Membership? OwnMembership { get; private set; }

    public string? Message { get; private set; }

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    /// <summary>Bound only by its own handler, so inviting does not validate it (and the other way round).</summary>
    public BankDetailsInput Bank { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, string? message)
    {
        var denied = await LoadAsync(id, OrganizationOperations.View);
        Message = message switch
        {
            "invited" => L["Invitation sent."].Value,
            "uploaded" => L["Document attached."].Value,
            "submitted" => L["Submitted for verification. An operator will review the documents."].Value,
            "role-changed" => L["Role changed."].Value,
            "removed" => L["Member removed."].Value,
            "bank-details" => L["Bank details saved."].Value,
            _ => null,
        };
        return denied ?? Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid id)
    {
        if (await LoadAsync(id, OrganizationOperations.ManageMembers) is { } denied) return denied;
        if (!ModelState.IsValid) return Page();
        var user = (await users.GetUserAsync(User))!;
        return await TryAsync(() => organizations.InviteAsync(Organization, user, Invite.Email, Invite.Role,
            token => Url.Page("/Organizations/Invitation", null, new { token }, Request.Scheme)!, StaffAccess.IsAdministrator(User)), "invited");
    }

    public async Task<IActionResult> OnPostBankDetailsAsync(Guid id)
    {
        if (await LoadAsync(id, OrganizationOperations.Edit) is { } denied) return denied;
        ModelState.Clear();
        Bank = new BankDetailsInput();
        await TryUpdateModelAsync(Bank, nameof(Bank));
        if (ModelState.IsValid && Organization.NormalizeAccountNumber(Bank.AccountNumber) is null)
            ModelState.AddModelError($"{nameof(Bank)}.{nameof(BankDetailsInput.AccountNumber)}", L["A bank account number has 8 to 30 digits."]);
        if (!ModelState.IsValid) return Page();
        return await TryAsync(() => organizations.SetBankDetailsAsync(Organization, Bank.PayeeName, Bank.BankName, Bank.AccountNumber), "bank-details");
    }

    /// <summary>Business licences and registration certificates arrive as scans or PDFs.</summary>
    private static readonly DocumentKind[] VerificationDocumentKinds = [DocumentKind.Pdf, DocumentKind.Png, DocumentKind.Jpeg];

    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? document)
    {
        if (await LoadAsync(id, OrganizationOperations.Edit) is { } denied) return denied;
        if (document is null || document.Length == 0)
        {
            ModelState.AddModelError("", L["Choose a file to attach."]);
            return Page();
        }
        var (content, _) = await PdfUploads.ReadAsync(document.OpenReadStream(), document.Length, Organization.MaxDocumentBytes, HttpContext.RequestAborted);
        var check = UploadContent.Check(content, Organization.MaxDocumentBytes, VerificationDocumentKinds);
        if (document.Length > Organization.MaxDocumentBytes || !check.Accepted)
        {
            var name = Path.GetFileName(document.FileName);
            ModelState.AddModelError("", document.Length > Organization.MaxDocumentBytes || check.Refusal == DocumentRefusal.TooLarge
                    ? L["{0} is larger than 5 MB, the most a document may have.", name]
                : check.Refusal == DocumentRefusal.Empty ? L["{0} is empty.", name]
                : check.Refusal == DocumentRefusal.UnsafeArchive ? L["{0} is an archive that expands too far or names files outside itself, so it is refused.", name]
                : L["{0} is not a {1} file by its content: a verification document must be one of these.", name, UploadContent.Names(VerificationDocumentKinds)]);
            return Page();
        }
        var user = (await users.GetUserAsync(User))!;
        // The stored type is the one the content proved, not what the browser declared.
        return await TryAsync(() => organizations.AttachDocumentAsync(Organization, user, document.FileName, UploadContent.ContentType(check.Kind!.Value), content), "uploaded");
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id)
    {
        if (await LoadAsync(id, OrganizationOperations.Edit) is { } denied) return denied;
        return await TryAsync(() => organizations.SubmitAsync(Organization), "submitted");
    }

    public async Task<IActionResult> OnPostChangeRoleAsync(Guid id, Guid userId, OrganizationRole role)
    {
        if (await LoadAsync(id, OrganizationOperations.ManageMembers) is { } denied) return denied;
        ModelState.Clear();
        var user = (await users.GetUserAsync(User))!;
        return await TryAsync(() => organizations.ChangeRoleAsync(Organization, user, userId, role, StaffAccess.IsAdministrator(User)), "role-changed");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid userId)
    {
        if (await LoadAsync(id, OrganizationOperations.ManageMembers) is { } denied) return denied;
        ModelState.Clear();
        var user = (await users.GetUserAsync(User))!;
        try
        {
            await organizations.RemoveMemberAsync(Organization, user, userId, StaffAccess.IsAdministrator(User));
        }
        catch (OrganizationRuleException ex)
        {
            ModelState.AddModelError("", L[ex.Message]);
            return Page();
        }
        // Whoever removed themselves can no longer see the organisation.
        return userId == user.Id
            ? RedirectToPage("/Organizations/Index", new { message = "left" })
            : RedirectToPage(new { id = Organization.Id, message = "removed" });
    }

    public async Task<IActionResult> OnPostLeaveAsync(Guid id)
    {
        if (await LoadAsync(id, OrganizationOperations.Leave) is { } denied) return denied;
        ModelState.Clear();
        var user = (await users.GetUserAsync(User))!;
        try
        {
            await organizations.LeaveAsync(Organization, user);
        }
        catch (OrganizationRuleException ex)
        {
            ModelState.AddModelError("", L[ex.Message]);
            return Page();
        }
        return RedirectToPage("/Organizations/Index", new { message = "left" });
    }

    private async Task<IActionResult> TryAsync(Func<Task> action, string message)
    {
        try
        {
            await action();
            return RedirectToPage(new { id = Organization.Id, message });
        }
        catch (OrganizationRuleException ex)
        {
            ModelState.AddModelError("", L[ex.Message]);
            return Page();
        }
    }

    /// <summary>Loads the organisation and checks the operation; null when allowed, else the answer to give.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation)
    {
        var organization = await organizations.FindAsync(id);
        if (organization is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, organization, operation)).Succeeded) return Forbid();
        Organization = organization;
        CanEdit = (await authorization.AuthorizeAsync(User, organization, OrganizationOperations.Edit)).Succeeded;
        CanManageMembers = (await authorization.AuthorizeAsync(User, organization, OrganizationOperations.ManageMembers)).Succeeded;
        OwnMembership = StaffAccess.UserId(User) is { } userId ? organization.MemberOf(userId) : null;
        People = await directory.FindAsync(organization.Members.Select(m => m.UserId));
        Bank = new BankDetailsInput { PayeeName = organization.PayeeName ?? "", BankName = organization.PayeeBank ?? "", AccountNumber = organization.PayeeAccountNumber ?? "" };
        return null;
    }
}

public sealed class InviteInput
{
    [Required(ErrorMessage = "Enter your colleague's e-mail address.")]
    [EmailAddress(ErrorMessage = "The e-mail address is not valid.")]
    [Display(Name = "Colleague's e-mail")]
    public string Email { get; set; } = "";

    [Display(Name = "Role")]
    public OrganizationRole Role { get; set; } = OrganizationRole.Member;
}

/// <summary>Where licensees pay bank transfers to; the account number is checked again by the organisation.</summary>
public sealed class BankDetailsInput
{
    [Required(ErrorMessage = "Enter the payee's name.")]
    [StringLength(Organization.MaxPayeeNameLength, ErrorMessage = "The payee's name and the bank may have at most 200 characters.")]
    [Display(Name = "Payee name")]
    public string PayeeName { get; set; } = "";

    [Required(ErrorMessage = "Enter the bank.")]
    [StringLength(Organization.MaxPayeeNameLength, ErrorMessage = "The payee's name and the bank may have at most 200 characters.")]
    [Display(Name = "Bank")]
    public string BankName { get; set; } = "";

    [Required(ErrorMessage = "A bank account number has 8 to 30 digits.")]
    [Display(Name = "Account number")]
    public string AccountNumber { get; set; } = "";
}
