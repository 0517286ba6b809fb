using System.Globalization;
using Marketplace.Web.Exports;

namespace Marketplace.Web.Needs;

/// <summary>The deal board as a spreadsheet: CSV or an Excel workbook.</summary>
public static class DealExport
{
    private static readonly TableExport<DealRow> Table = new("Deals",
    [
        new("Deal", r => r.Deal.Id.ToString()),
        new("Need", r => r.Title),
        new("Enterprise", r => r.Enterprise),
        new("Stage", r => r.Deal.Stage.ToString()),
        new("Agreement", r => r.Deal.Agreement?.ToString()),
        new("Contract number", r => r.Deal.ContractNumber),
        new("Licence reference", r => r.Deal.LicenseOrderId?.ToString()),
        new("Assigned operator", r => r.Operator),
        new("Due date", r => r.Deal.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("Updated (UTC)", r => r.Deal.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
        new("Source", r => r.Deal.Source.ToString()),
        new("Contract signed on", r => r.Deal.ContractSignedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ]);

    /// <summary>UTF-8 with BOM, so spreadsheet programs read the Chinese titles.</summary>
    public static byte[] Csv(IReadOnlyList<DealRow> rows) => Table.ToArray(TableFormat.Csv, rows);

    public static byte[] Excel(IReadOnlyList<DealRow> rows) => Table.ToArray(TableFormat.Xlsx, rows);
}
