using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using Search.Indexer.Readers.ChineseExport;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.ChineseExport;

/// <summary>The real cn-export rows written to .xlsx read exactly as the CSV does.</summary>
public sealed class ChineseExportExcelReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static List<string[]> CsvRows(string path)
    {
        using var reader = CsvReader.Create(new StreamReader(path), new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i) ?? "";
            rows.Add(cells);
        }
        return rows;
    }

    /// <summary>
    /// Writes rows to a sheet starting at <paramref name="firstRow"/>. Digit-only values of up to nine
    /// digits (dates as 20221202, counts) become numbers, as Chinese databases write them to Excel.
    /// </summary>
    private string WriteWorkbook(string name, List<string[]> rows, int firstRow = 1, Action<IXLWorksheet>? before = null, string sheet = "专利")
    {
        using var workbook = new XLWorkbook();
        before?.Invoke(workbook.Worksheets.Add("说明"));
        var ws = workbook.Worksheets.Add(sheet);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var value = rows[r][c];
                var cell = ws.Cell(firstRow + r, c + 1);
                if (r > 0 && value.Length is > 0 and <= 9 && value.All(char.IsAsciiDigit))
                    cell.Value = long.Parse(value, CultureInfo.InvariantCulture);
                else
                    cell.SetValue(value);
            }
        }
        var path = _temp.File(name);
        workbook.SaveAs(path);
        return path;
    }

    private static void AssertSameRecords(List<PatentRecord> expected, List<PatentRecord> actual)
    {
        Assert.Equal(expected.Select(r => r.Id), actual.Select(r => r.Id));
        for (var i = 0; i < expected.Count; i++)
        {
            var e = RecordJson.Deserialize(RecordJson.Serialize(expected[i]));
            var a = RecordJson.Deserialize(RecordJson.Serialize(actual[i]));
            e.Provenance.Clear();
            a.Provenance.Clear();
            Assert.Equal(RecordJson.Serialize(e), RecordJson.Serialize(a));
        }
    }

    [Fact]
    public void An_xlsx_of_the_sample_reads_like_the_csv()
    {
        var csv = ExportReading.ReadCsv(ExportReading.CnExportUtf8);
        var path = WriteWorkbook("cn_export.xlsx", CsvRows(ExportReading.CnExportUtf8));

        var xlsx = ExportReading.ReadExcel(path);

        Assert.Empty(xlsx.Rejections);
        AssertSameRecords(csv.Records, xlsx.Records);
        Assert.Equal(new Provenance("cn_export.xlsx", "cn-export-xlsx", 2), xlsx.Records[0].Provenance.Single());
    }

    [Fact]
    public void A_header_below_a_title_row_on_a_later_sheet_is_found_and_lines_are_sheet_rows()
    {
        var csv = ExportReading.ReadCsv(ExportReading.CnExportUtf8);
        var path = WriteWorkbook("titled.xlsx", CsvRows(ExportReading.CnExportUtf8), firstRow: 3,
            before: notes => notes.Cell(1, 1).SetValue("本表由专利检索系统导出，共 10 条"));

        var xlsx = ExportReading.ReadExcel(path);

        Assert.Empty(xlsx.Rejections);
        AssertSameRecords(csv.Records, xlsx.Records);
        Assert.Equal(4, xlsx.Records[0].Provenance.Single().Line);
        Assert.Equal(13, xlsx.Records[^1].Provenance.Single().Line);
    }

    [Fact]
    public void A_title_row_above_the_header_on_the_same_sheet_is_skipped()
    {
        var rows = CsvRows(ExportReading.CnExportUtf8);
        List<string[]> withTitle = [["专利检索结果导出 2024-05-01"], [], .. rows];
        var path = WriteWorkbook("title-row.xlsx", withTitle);

        var xlsx = ExportReading.ReadExcel(path);

        Assert.Empty(xlsx.Rejections);
        Assert.Equal(10, xlsx.Records.Count);
        Assert.Equal(4, xlsx.Records[0].Provenance.Single().Line);
    }

    [Fact]
    public void A_bad_row_in_a_workbook_is_rejected_with_its_sheet_row_and_csv_text()
    {
        var rows = CsvRows(ExportReading.CnExportUtf8);
        rows[3][1] = "2021-13-45"; // 申请日 of the third data row, sheet row 4
        var path = WriteWorkbook("bad-date.xlsx", rows);

        var xlsx = ExportReading.ReadExcel(path);

        Assert.Equal(9, xlsx.Records.Count);
        var rejection = Assert.Single(xlsx.Rejections);
        Assert.Equal(4, rejection.Line);
        Assert.Equal("申请日", rejection.Field);
        Assert.Contains("'2021-13-45' is not a date", rejection.Reason, StringComparison.Ordinal);
        Assert.StartsWith("3,2021-13-45,20221004,20221004,中科大数据研究院,", rejection.Raw, StringComparison.Ordinal);
        Assert.StartsWith("序号,申请日,公开日,授权公告日,申请人,", rejection.Header, StringComparison.Ordinal);
        Assert.Equal("cn-export-xlsx", rejection.Format);
    }

    [Fact]
    public void A_workbook_without_a_known_header_is_one_rejection()
    {
        var path = WriteWorkbook("no-header.xlsx", [["名字", "年龄"], ["张三", "30"]]);

        var outcome = ExportReading.ReadExcel(path);

        Assert.Empty(outcome.Records);
        var rejection = Assert.Single(outcome.Rejections);
        Assert.Null(rejection.Line);
        Assert.Contains("no known column found in the first 20 lines", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_handed_to_the_excel_reader_is_one_rejection()
    {
        var outcome = ExportReading.ReadExcel(ExportReading.CnExportUtf8);

        Assert.Empty(outcome.Records);
        Assert.Contains("not an Excel workbook", Assert.Single(outcome.Rejections).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Looks_like_recognises_xlsx_and_xls_signatures_but_not_csv_or_other_zips()
    {
        var xlsx = File.ReadAllBytes(WriteWorkbook("sig.xlsx", [["公开号", "申请号"], ["CN218751475U", "CN202223220665.2"]]));
        byte[] ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        byte[] otherZip = [.. "PK\u0003\u0004"u8, .. "\0\0\0\0word/document.xml"u8];

        Assert.True(ChineseExportExcelReader.LooksLike(xlsx.AsSpan(0, Math.Min(xlsx.Length, 4096))));
        Assert.True(ChineseExportExcelReader.LooksLike(ole2));
        Assert.False(ChineseExportExcelReader.LooksLike(otherZip));
        Assert.False(ChineseExportExcelReader.LooksLike(File.ReadAllBytes(ExportReading.CnExportUtf8)));
        Assert.False(ChineseExportCsvReader.LooksLike(xlsx));
    }
}
