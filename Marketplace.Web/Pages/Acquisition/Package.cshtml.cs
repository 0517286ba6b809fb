using Marketplace.Web.Acquisition;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Acquisition;

/// <summary>A package's public page, as the catalogue shows it, and its one contract as a Chinese PDF.</summary>
public sealed class PackageModel(PackageService packages, IStringLocalizer<SharedResource> L) : PageModel
{
    public PatentPackage Package { get; private set; } = null!;

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? message)
    {
        if (await packages.FindAsync(id) is not { } package) return NotFound();
        Package = package;
        Notice = message == "created" ? L["Package created; it shows in the licensing catalogue and on each of its patents' pages."].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnGetContractAsync(Guid id)
    {
        if (await packages.FindAsync(id) is not { } package) return NotFound();
        return File(PackageContract.Pdf(package), "application/pdf", $"{package.Reference}.pdf");
    }
}
