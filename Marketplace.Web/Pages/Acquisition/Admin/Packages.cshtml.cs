using Marketplace.Web.Acquisition;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Acquisition.Admin;

/// <summary>Operators: the packages, and a new one from portfolio patents and/or high-value patents of one chain.</summary>
public sealed class PackagesModel(MarketplaceDbContext db, AcquisitionService acquisition, PackageService packages, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<PatentPackage> Packages { get; private set; } = [];

    public AcquisitionPortfolio Portfolio { get; private set; } = null!;

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Chain { get; set; }

    [BindProperty] public string? Description { get; set; }

    /// <summary>Patent numbers, one a line or separated by commas; prefilled from the portfolio's "in a package" link.</summary>
    [BindProperty(SupportsGet = true)] public string? Patents { get; set; }

    [BindProperty] public decimal? Price { get; set; }

    [BindProperty] public bool Negotiable { get; set; }

    [BindProperty] public PackageDeal Deal { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Negotiable && Price is null) ModelState.AddModelError(AcquisitionFields.Price, L["Give the asking price in yuan, or mark it negotiable."]);
        if (ModelState.IsValid)
        {
            var actor = (await LicensingActor.ResolveAsync(User, db))!;
            var numbers = (Patents ?? "").Split([',', '，', '、', ' ', '\n', '\r', ';', '；'], StringSplitOptions.RemoveEmptyEntries);
            try
            {
                var package = await packages.CreateAsync(actor, Name, Chain, Description, numbers, Negotiable ? null : AcquisitionLabels.Fen(Price), Deal);
                return Redirect(AcquisitionLinks.Package(package.Id) + "?message=created");
            }
            catch (AcquisitionRuleException ex)
            {
                ModelState.AddModelError(ex.Field, L.Localize(ex));
            }
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Packages = await packages.AllAsync();
        Portfolio = await acquisition.PortfolioAsync();
    }
}
