using System.Text;
using CsvHelper;
using ExcelDataReader;

namespace Analytics.Uploads;

/// <summary>One data row of an uploaded table: its line (CSV) or row number (Excel, 1-based) and its cells by header name.</summary>
public sealed record TabularRow(long Line, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>The first non-blank cell among the given header names (Chinese and English spellings of one column).</summary>
    public string? Get(IEnumerable<string> names)
    {
        foreach (var n in names)
            if (Cells.TryGetValue(n, out var v) && !string.IsNullOrWhiteSpace(v)) return v.Trim();
        return null;
    }
}

/// <summary>
/// Reads the small tables operators upload (award lists, pledge registers, evaluation files): CSV in
/// UTF-8 (with or without BOM) or GB18030 as Excel on a Chinese Windows writes it, or the first sheet
/// of an .xlsx/.xls workbook. The first row is the header; header names compare case-insensitively.
/// </summary>
public static class TabularFile
{
    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IEnumerable<TabularRow> Read(string path) => Read(File.ReadAllBytes(path));

    /// <summary>A table uploaded through the browser, held in memory: the format is told by its first bytes, as for a file.</summary>
    public static IEnumerable<TabularRow> Read(byte[] bytes) =>
        bytes is [0x50, 0x4B, ..] or [0xD0, 0xCF, 0x11, 0xE0, ..] ? ReadExcel(bytes) : ReadCsv(Decode(bytes));

    internal static string Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..]) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(54936).GetString(bytes);
        }
    }

    private static IEnumerable<TabularRow> ReadCsv(string text)
    {
        using var csv = CsvReader.Create(new StringReader(text), new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, SkipEmptyLines = true }, leaveOpen: false);
        string[]? header = null;
        while (csv.Read())
        {
            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i) ?? "";
            if (header is null)
            {
                header = cells.Select(c => c.Trim()).ToArray();
                continue;
            }
            yield return Row(csv.LineNumber, header, cells);
        }
        if (header is null) throw new InvalidDataException("the file is empty: expected a header row");
    }

    private static IEnumerable<TabularRow> ReadExcel(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        string[]? header = null;
        long row = 0;
        while (reader.Read())
        {
            row++;
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            if (header is null)
            {
                header = cells.Select(c => c.Trim()).ToArray();
                continue;
            }
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            yield return Row(row, header, cells);
        }
        if (header is null) throw new InvalidDataException("the workbook's first sheet is empty: expected a header row");
    }

    private static TabularRow Row(long line, string[] header, string[] cells)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
            if (header[i].Length > 0) map.TryAdd(header[i], i < cells.Length ? cells[i] : "");
        return new TabularRow(line, map);
    }

    /// <summary>Fails with the expected names when none of a column's spellings is in the header.</summary>
    public static void Require(TabularRow first, string path, params string[][] columns)
    {
        foreach (var names in columns)
            if (!names.Any(first.Cells.ContainsKey))
                throw new InvalidDataException($"{path}: no column {string.Join(" / ", names)} in the header (found: {string.Join(", ", first.Cells.Keys)}).");
    }
}
