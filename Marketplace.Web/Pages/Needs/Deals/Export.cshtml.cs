using Marketplace.Web.Exports;
using Marketplace.Web.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Needs.Deals;

/// <summary>The whole pipeline as CSV (UTF-8 with BOM) or an Excel workbook.</summary>
public sealed class ExportModel(DealService deals, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? format)
    {
        var rows = await deals.BoardAsync();
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return format switch
        {
            "csv" or null or "" => File(DealExport.Csv(rows), TableExport.CsvContentType, $"deals-{stamp}.csv"),
            "xlsx" => File(DealExport.Excel(rows), TableExport.XlsxContentType, $"deals-{stamp}.xlsx"),
            _ => BadRequest("format must be csv or xlsx."),
        };
    }
}
