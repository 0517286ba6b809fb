using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Organizations;

public sealed class CreateModel(OrganizationService organizations, UserManager<MarketplaceUser> users, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty]
    public CreateOrganizationInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var (organization, error) = await organizations.CreateAsync(user, Input.Name, Input.Type, Input.CreditCode);
        if (organization is not null) return RedirectToPage("/Organizations/Details", new { id = organization.Id });
        ModelState.AddModelError("Input.CreditCode", L[error!]);
        return Page();
    }
}

public sealed class CreateOrganizationInput
{
    [Required(ErrorMessage = "Enter the organisation's name.")]
    [StringLength(200, ErrorMessage = "The name is too long.")]
    [Display(Name = "Name of the organisation")]
    public string Name { get; set; } = "";

    [Display(Name = "Type")]
    public OrganizationType Type { get; set; } = OrganizationType.Enterprise;

    [Required(ErrorMessage = "Enter the unified social credit code.")]
    [Display(Name = "Unified social credit code")]
    public string CreditCode { get; set; } = "";
}
