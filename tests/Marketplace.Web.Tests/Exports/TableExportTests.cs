using System.Text;
using ClosedXML.Excel;
using Marketplace.Web.Exports;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Exports;

/// <summary>The one table exporter: RFC 4180 CSV with a BOM, streamed Excel, text cells neutralised against formula injection, numbers kept numeric.</summary>
public sealed class TableExportTests
{
    private sealed record Row(string Name, decimal? Amount);

    private static readonly TableExport<Row> Table = new("Rows",
    [
        new("Name", r => r.Name),
        new("Amount", r => TableCell.Of(r.Amount, "0.00")),
    ]);

    private static async IAsyncEnumerable<Row> Stream(IEnumerable<Row> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    [Fact]
    public void CSV_starts_with_a_BOM_ends_lines_with_CRLF_and_quotes_fields_with_commas_quotes_or_line_breaks()
    {
        var file = Table.ToArray(TableFormat.Csv, [new("plain", 1m), new("逗号,分隔", 2.5m), new("引号\"内\"", null), new("两行\n文本", 3m)]);

        Assert.Equal([0xEF, 0xBB, 0xBF], file[..3]);
        Assert.Equal("Name,Amount\r\nplain,1.00\r\n\"逗号,分隔\",2.50\r\n\"引号\"\"内\"\"\",\r\n\"两行\n文本\",3.00\r\n", Encoding.UTF8.GetString(file[3..]));
    }

    [Theory]
    [MemberData(nameof(ExportFiles.FormulaLeads), MemberType = typeof(ExportFiles))]
    public void A_CSV_text_cell_starting_with_a_formula_character_gets_a_leading_apostrophe(string lead)
    {
        var rows = ExportFiles.CsvRows(Table.ToArray(TableFormat.Csv, [new(ExportFiles.Formula(lead), null), new("合计" + lead + "1", null)]));

        Assert.Equal("'" + ExportFiles.Formula(lead), rows[1][0]);
        Assert.Equal("合计" + lead + "1", rows[2][0]);
    }

    [Theory]
    [MemberData(nameof(ExportFiles.FormulaLeads), MemberType = typeof(ExportFiles))]
    public void An_Excel_text_cell_starting_with_a_formula_character_gets_a_leading_apostrophe(string lead)
    {
        using var workbook = new XLWorkbook(new MemoryStream(Table.ToArray(TableFormat.Xlsx, [new(ExportFiles.Formula(lead), null), new("合计" + lead + "1", null)])));
        var sheet = workbook.Worksheet(1);

        Assert.Equal("'" + ExportFiles.Formula(lead), sheet.Cell(2, 1).GetString());
        Assert.False(sheet.Cell(2, 1).HasFormula);
        Assert.Equal("合计" + lead + "1", sheet.Cell(3, 1).GetString());
    }

    [Fact]
    public void Numbers_stay_numbers_in_both_formats_even_when_negative_while_the_same_text_is_neutralised()
    {
        Row[] rows = [new("-12.50", -12.5m), new("0", 0m)];

        var csv = ExportFiles.CsvRows(Table.ToArray(TableFormat.Csv, rows));
        using var workbook = new XLWorkbook(new MemoryStream(Table.ToArray(TableFormat.Xlsx, rows)));
        var sheet = workbook.Worksheet(1);

        Assert.Equal(["'-12.50", "-12.50"], csv[1]);
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 2).DataType);
        Assert.Equal(-12.5d, sheet.Cell(2, 2).GetDouble());
        Assert.Equal(XLDataType.Text, sheet.Cell(2, 1).DataType);
        Assert.Equal("'-12.50", sheet.Cell(2, 1).GetString());
        Assert.Equal(0d, sheet.Cell(3, 2).GetDouble());
    }

    [Fact]
    public void An_Excel_sheet_has_a_bold_header_and_a_name_Excel_accepts()
    {
        var table = new TableExport<Row>("高价值专利大赛[2026]: 初赛/复赛?*决赛\\总决赛 第一届泉州市高价值专利大赛", Table.Columns);

        using var workbook = new XLWorkbook(new MemoryStream(table.ToArray(TableFormat.Xlsx, [new("甲", 1m)])));
        var sheet = workbook.Worksheet(1);

        Assert.Equal("高价值专利大赛2026 初赛复赛决赛总决赛 第一届泉州市高价值", sheet.Name);
        Assert.Equal(["Name", "Amount"], [sheet.Cell(1, 1).GetString(), sheet.Cell(1, 2).GetString()]);
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.False(sheet.Cell(2, 1).Style.Font.Bold);
    }

    [Fact]
    public void Excel_drops_characters_XML_cannot_carry_and_keeps_spaces_and_line_breaks()
    {
        var rows = ExportFiles.XlsxRows(Table.ToArray(TableFormat.Xlsx, [new("控制\u0001字符\uFFFF", null), new(" 前后空格 ", null), new("两行\n文本", null)]));

        Assert.Equal(["控制字符", " 前后空格 ", "两行\n文本"], rows.Skip(1).Select(r => r[0]));
    }

    [Theory]
    [InlineData(TableFormat.Csv)]
    [InlineData(TableFormat.Xlsx)]
    public async Task Streaming_the_rows_gives_the_same_table_as_writing_them_at_once(TableFormat format)
    {
        var rows = Enumerable.Range(0, 450).Select(i => new Row(i % 2 == 0 ? "=A" + i : "第" + i + "行", -i)).ToList();
        using var streamed = new MemoryStream();

        var written = await Table.WriteAsync(format, Stream(rows), streamed, CancellationToken.None);

        Assert.Equal(450, written);
        Assert.Equal(ExportFiles.Rows(Table.ToArray(format, rows), format), ExportFiles.Rows(streamed.ToArray(), format));
        Assert.Equal(451, ExportFiles.Rows(streamed.ToArray(), format).Count);
    }
}
