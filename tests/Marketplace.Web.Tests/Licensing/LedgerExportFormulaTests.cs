using ClosedXML.Excel;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>A licensee registers its own name: in the licensor's ledger export a name written as a formula must stay text, and the amounts numbers.</summary>
public sealed class LedgerExportFormulaTests
{
    private static LedgerRow Row(string counterparty) => new(
        "QZ-LIC-2026-000001", "licensor", counterparty, "CN-OL-2026-0001", "CN100000001A", "Effective", "Paid",
        new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1), 2_500m, 98.76m, 0m, null, null, Guid.NewGuid());

    [Theory]
    [MemberData(nameof(ExportFiles.FormulaLeads), MemberType = typeof(ExportFiles))]
    public void The_ledger_CSV_exports_a_counterparty_name_starting_with_a_formula_character_as_text(string lead)
    {
        var rows = ExportFiles.CsvRows(LedgerService.Csv([Row(ExportFiles.Formula(lead))]));

        Assert.Equal("Counterparty", rows[0][2]);
        Assert.Equal("'" + ExportFiles.Formula(lead), rows[1][2]);
        Assert.Equal(["2500.00", "98.76", "0.00"], rows[1][9..12]);
    }

    [Theory]
    [MemberData(nameof(ExportFiles.FormulaLeads), MemberType = typeof(ExportFiles))]
    public void The_ledger_Excel_sheet_exports_a_counterparty_name_starting_with_a_formula_character_as_text(string lead)
    {
        using var workbook = new XLWorkbook(new MemoryStream(LedgerService.Excel([Row(ExportFiles.Formula(lead))])));
        var sheet = workbook.Worksheet(1);

        Assert.Equal("Licences", sheet.Name);
        Assert.Equal("'" + ExportFiles.Formula(lead), sheet.Cell(2, 3).GetString());
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 11).DataType);
        Assert.Equal(98.76d, sheet.Cell(2, 11).GetDouble());
    }
}
