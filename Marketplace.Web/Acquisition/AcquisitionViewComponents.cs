using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Acquisition;

/// <summary>On a patent's page: the packages it is part of (read from the database, not from an index label).</summary>
public sealed class PatentPackagesViewComponent(PackageService packages) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string patentId)
    {
        var list = await packages.OfPatentAsync(patentId);
        return list.Count == 0 ? Content("") : View(list);
    }
}

/// <summary>In the licensing catalogue, beside open licences and transfer listings: packages matching the same words.</summary>
public sealed class PackageCatalogueViewComponent(PackageService packages) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? text) => View(await packages.CatalogueAsync(text));
}
