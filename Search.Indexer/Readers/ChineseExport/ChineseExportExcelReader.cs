using System.Globalization;
using System.Text;
using ExcelDataReader;
using Search.Indexer.Records;

namespace Search.Indexer.Readers.ChineseExport;

/// <summary>
/// Reads Excel exports of Chinese patent databases (.xlsx, and legacy .xls as written by older
/// Excel and many CN databases) with ExcelDataReader: the first sheet whose first rows hold a known
/// header row (a title row above it is fine), mapped exactly as <see cref="ChineseExportCsvReader"/>
/// maps CSV. Lines in provenance and rejections are sheet row numbers (1-based); a rejection's
/// <c>Raw</c> and <c>Header</c> are the cells written as CSV lines, so a fixed row can be reloaded as CSV.
/// </summary>
public sealed class ChineseExportExcelReader : IPatentReader
{
    public const string XlsxFormat = "cn-export-xlsx";
    public const string XlsFormat = "cn-export-xls";

    /// <summary><c>cn-export-xlsx</c>; records read from a legacy workbook carry <c>cn-export-xls</c>.</summary>
    public string Format => XlsxFormat;

    private static ReadOnlySpan<byte> Ole2Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>True for a zip holding <c>xl/</c> entries (xlsx) or an OLE2 compound file (xls).</summary>
    public static bool LooksLike(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Ole2Signature)) return true;
        if (!head.StartsWith("PK\u0003\u0004"u8)) return false;
        // Local file headers name their entries in plain bytes; an xlsx has [Content_Types].xml and xl/… near the start.
        return head.IndexOf("xl/"u8) >= 0 || head.IndexOf("[Content_Types].xml"u8) >= 0;
    }

    public IEnumerable<ReadResult> Read(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        ExportTextDetector.EnsureCodePages();
        Stream? spill = null;
        try
        {
            var input = stream;
            if (!stream.CanSeek)
            {
                // ExcelDataReader needs to seek (a zip's directory is at its end): spill to a temporary file, not to memory.
                spill = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                stream.CopyTo(spill);
                spill.Position = 0;
                input = spill;
            }
            foreach (var result in ReadSeekable(input, sourceName, cancellationToken))
                yield return result;
        }
        finally
        {
            spill?.Dispose();
        }
    }

    private static IEnumerable<ReadResult> ReadSeekable(Stream stream, string sourceName, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var signature = new byte[8];
        var n = stream.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (n == 0)
        {
            yield return FileRejection(sourceName, XlsxFormat, RejectionReasons.ExportEmpty.With());
            yield break;
        }
        var format = signature.AsSpan(0, n).StartsWith(Ole2Signature) ? XlsFormat : XlsxFormat;
        if (!signature.AsSpan(0, n).StartsWith(Ole2Signature) && !signature.AsSpan(0, n).StartsWith("PK\u0003\u0004"u8))
        {
            yield return FileRejection(sourceName, format, RejectionReasons.ExcelNotWorkbook.With());
            yield break;
        }

        IExcelDataReader? reader = null;
        string? openError = null;
        try
        {
            reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { LeaveOpen = true, FallbackEncoding = Encoding.GetEncoding(936) });
        }
        catch (Exception ex) when (ex is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            openError = ex.Message;
        }
        if (reader is null)
        {
            yield return FileRejection(sourceName, format, RejectionReasons.ExcelCannotOpen.With(RejectionArgument.FromParser(openError)));
            yield break;
        }

        using (reader)
        {
            var sheets = new List<string>();
            do
            {
                sheets.Add(reader.Name);
                ChineseExportHeader? header = null;
                long rowNumber = 0;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (more, error) = TryRead(reader);
                    if (error is not null)
                    {
                        yield return FileRejection(sourceName, format, RejectionReasons.ExcelRowUnreadable.With(reader.Name, RejectionArgument.Number(rowNumber + 1), RejectionArgument.FromParser(error)));
                        yield break;
                    }
                    if (!more) break;
                    rowNumber++;
                    var cells = new string[reader.FieldCount];
                    for (var i = 0; i < cells.Length; i++) cells[i] = CellText(reader.GetValue(i));

                    if (header is null)
                    {
                        if (rowNumber > ChineseExportColumns.HeaderSearchLines) break;
                        var candidate = ChineseExportColumns.TryMatchHeader(TrimTrailingBlanks(cells), CsvLine.Join(TrimTrailingBlanks(cells)));
                        if (candidate is null) continue;
                        if (!candidate.Has(ExportField.PublicationNumber) && !candidate.Has(ExportField.GrantNumber) && !candidate.Has(ExportField.ApplicationNumber))
                        {
                            yield return FileRejection(sourceName, format, RejectionReasons.ExportNoNumberColumnInSheet.With(reader.Name, RejectionArgument.Number(rowNumber)), candidate.RawLine);
                            yield break;
                        }
                        header = candidate;
                        continue;
                    }

                    if (cells.All(string.IsNullOrWhiteSpace)) continue;
                    var mapped = ChineseExportRowMapper.Map(header, cells, sourceName, format, rowNumber);
                    if (mapped.Record is { } record)
                    {
                        yield return ReadResult.Ok(record);
                    }
                    else
                    {
                        yield return ReadResult.Bad(new RecordRejection
                        {
                            SourceFile = sourceName,
                            Format = format,
                            Line = rowNumber,
                            Field = mapped.Field,
                            Because = mapped.Reason!,
                            Raw = CsvLine.Join(cells.Take(Math.Max(header.Count, LastNonBlank(cells) + 1)).ToArray()),
                            Header = header.RawLine,
                        });
                    }
                }
                if (header is not null) yield break; // the first sheet with a header is the export
            }
            while (reader.NextResult());

            yield return FileRejection(sourceName, format, RejectionReasons.ExportNoHeaderInAnySheet.With(RejectionArgument.Number(ChineseExportColumns.HeaderSearchLines), string.Join(", ", sheets)));
        }
    }

    private static (bool More, string? Error) TryRead(IExcelDataReader reader)
    {
        try
        {
            return (reader.Read(), null);
        }
        catch (Exception ex) when (ex is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or IOException or FormatException or System.Xml.XmlException)
        {
            return (false, ex.Message);
        }
    }

    /// <summary>A cell as text the row mapper reads like CSV: integers without ".0", dates as yyyy-MM-dd.</summary>
    internal static string CellText(object? value) => value switch
    {
        null or DBNull => "",
        string s => s,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt when dt.TimeOfDay == TimeSpan.Zero => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static int LastNonBlank(string[] cells)
    {
        for (var i = cells.Length - 1; i >= 0; i--)
            if (!string.IsNullOrWhiteSpace(cells[i])) return i;
        return -1;
    }

    private static string[] TrimTrailingBlanks(string[] cells) => cells[..(LastNonBlank(cells) + 1)];

    private static ReadResult FileRejection(string sourceName, string format, RejectionReason reason, string? header = null) =>
        ReadResult.Bad(new RecordRejection { SourceFile = sourceName, Format = format, Because = reason, Header = header });
}

/// <summary>Writes cells as one RFC 4180 CSV line (for rejections of non-CSV sources).</summary>
internal static class CsvLine
{
    public static string Join(IReadOnlyList<string> cells)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var c = cells[i] ?? "";
            if (c.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(c.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
