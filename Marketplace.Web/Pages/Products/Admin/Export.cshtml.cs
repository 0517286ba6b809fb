using Marketplace.Web.Exports;
using Marketplace.Web.Products;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Products.Admin;

/// <summary>Approved products in the national pilot platform's fields, as CSV or an Excel workbook.</summary>
public sealed class ExportModel(ProductService products) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? format)
    {
        var table = format == "xlsx" ? TableFormat.Xlsx : TableFormat.Csv;
        var bytes = ProductExport.ToArray(table, await products.ApprovedAsync());
        return File(bytes, TableExport.ContentType(table), $"patent-intensive-products.{TableExport.Extension(table)}");
    }
}
