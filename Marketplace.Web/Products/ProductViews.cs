using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Products;

/// <summary>On a patent's page: the approved patent-intensive products that embody it.</summary>
public sealed class PatentProductsViewComponent(ProductService products) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string patentId)
    {
        var approved = await products.ApprovedForPatentAsync(patentId);
        return approved.Count == 0 ? Content("") : View(approved);
    }
}

/// <summary>On the dashboard: approved patent-intensive products and their revenue by industry chain.</summary>
public sealed class ProductFiguresViewComponent(ProductService products) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await products.ByChainAsync());
}
