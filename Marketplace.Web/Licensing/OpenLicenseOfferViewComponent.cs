using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Licensing;

/// <summary>On a patent's page: the open licence that offers it, if one is published.</summary>
public sealed class OpenLicenseOfferViewComponent(DeclarationService declarations) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string patentId)
    {
        var declaration = await declarations.PublishedForPatentAsync(patentId);
        return declaration is null ? Content("") : View(declaration);
    }
}
