using Marketplace.Web.Needs;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Needs;

/// <summary>Enterprises title their needs and name themselves: in the deal pipeline export a value written as a formula must stay text.</summary>
public sealed class DealExportFormulaTests
{
    private static DealRow Row(string text) => new(Deal.Open(Guid.NewGuid(), null, DateTime.UtcNow), null, text, text, null);

    [Theory]
    [MemberData(nameof(ExportFiles.FormulaLeads), MemberType = typeof(ExportFiles))]
    public void The_deal_CSV_exports_a_need_title_and_enterprise_starting_with_a_formula_character_as_text(string lead)
    {
        var rows = ExportFiles.CsvRows(DealExport.Csv([Row(ExportFiles.Formula(lead))]));

        Assert.Equal(["Deal", "Need", "Enterprise"], rows[0][..3]);
        Assert.Equal("'" + ExportFiles.Formula(lead), rows[1][1]);
        Assert.Equal("'" + ExportFiles.Formula(lead), rows[1][2]);
    }

    [Theory]
    [MemberData(nameof(ExportFiles.FormulaLeads), MemberType = typeof(ExportFiles))]
    public void The_deal_Excel_sheet_exports_a_need_title_and_enterprise_starting_with_a_formula_character_as_text(string lead)
    {
        var rows = ExportFiles.XlsxRows(DealExport.Excel([Row(ExportFiles.Formula(lead))]));

        Assert.Equal(["Deal", "Need", "Enterprise"], rows[0][..3]);
        Assert.Equal("'" + ExportFiles.Formula(lead), rows[1][1]);
        Assert.Equal("'" + ExportFiles.Formula(lead), rows[1][2]);
    }
}
