using System.Globalization;

namespace Marketplace.Web.Exports;

/// <summary>The file formats of every table download: CSV for any tool, XLSX for spreadsheet users.</summary>
public enum TableFormat { Csv, Xlsx }

/// <summary>One cell of an exported table: text, or a number that a spreadsheet keeps numeric.</summary>
public readonly record struct TableCell
{
    private TableCell(string text, decimal? number)
    {
        Text = text;
        Number = number;
    }

    /// <summary>What a CSV file shows: the text as given, or the number in its invariant format.</summary>
    public string Text { get; }

    /// <summary>Set for numbers: an Excel sheet stores the value, not its text.</summary>
    public decimal? Number { get; }

    public static implicit operator TableCell(string? text) => new(text ?? "", null);

    /// <summary>A number, written into CSV with <paramref name="csvFormat"/> (e.g. <c>0.00</c>); an absent one is an empty cell.</summary>
    public static TableCell Of(decimal? number, string csvFormat) =>
        number is { } n ? new(n.ToString(csvFormat, CultureInfo.InvariantCulture), n) : new("", null);
}

/// <summary>A column: its header (localised by the caller, as users read it) and how a row gives its cell.</summary>
public sealed record TableColumn<T>(string Header, Func<T, TableCell> Value);

/// <summary>What the table exports share whatever their rows: content types, extensions and the formula rule.</summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Rows are handed on to the response every so many, so a long export leaves as it is written.</summary>
    internal const int RowsPerFlush = 200;

    public static string ContentType(TableFormat format) => format == TableFormat.Xlsx ? XlsxContentType : CsvContentType;

    public static string Extension(TableFormat format) => format == TableFormat.Xlsx ? "xlsx" : "csv";

    /// <summary>
    /// CSV/formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell starting with = + - @ as a
    /// formula, and one starting with TAB or CR after the whitespace is dropped; a leading apostrophe makes it
    /// text. Only text cells are changed: numbers are written by <see cref="TableCell.Of"/> from a decimal, so
    /// they cannot carry a formula, and a negative amount stays -12.50 (and numeric in Excel) instead of '-12.50.
    /// XLSX cells get the same apostrophe although Excel stores them as text: editing the cell or saving the
    /// sheet as CSV would otherwise bring the formula back, and one rule for both files is easier to trust.
    /// </summary>
    public static string Neutralize(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}

/// <summary>
/// The one way Marketplace.Web writes a table for download: columns with headers and a stream of rows, as
/// CSV (UTF-8 with BOM, RFC 4180, CRLF) or XLSX, both streamed row by row, text cells neutralised against
/// formula injection (<see cref="TableExport.Neutralize"/>). Search results, collections, contest results and
/// leads, the licence ledger and the deal pipeline all go through it.
/// </summary>
public sealed class TableExport<T>(string sheetName, IReadOnlyList<TableColumn<T>> columns)
{
    public IReadOnlyList<TableColumn<T>> Columns => columns;

    /// <summary>
    /// Writes the rows as they arrive and hands them on every <see cref="TableExport.RowsPerFlush"/> rows, so a
    /// 10,000-record export never sits in memory. Only asynchronous writes reach <paramref name="output"/>
    /// (Kestrel refuses synchronous ones): the writers fill a small buffer that is drained asynchronously.
    /// </summary>
    public async Task<int> WriteAsync(TableFormat format, IAsyncEnumerable<T> rows, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new DrainingStream(output);
        var n = 0;
        using (var sheet = Open(format, buffer))
        {
            sheet.Flush();
            await buffer.DrainAsync(cancellationToken);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                sheet.WriteRow(Cells(row));
                if (++n % TableExport.RowsPerFlush == 0)
                {
                    sheet.Flush();
                    await buffer.DrainAsync(cancellationToken);
                }
            }
        }
        await buffer.DrainAsync(cancellationToken);
        return n;
    }

    /// <summary>The whole file at once, for tables already in memory (a ledger, a pipeline, a contest's results).</summary>
    public byte[] ToArray(TableFormat format, IEnumerable<T> rows)
    {
        using var memory = new MemoryStream();
        using (var sheet = Open(format, memory))
        {
            foreach (var row in rows) sheet.WriteRow(Cells(row));
        }
        return memory.ToArray();
    }

    private ITableSheet Open(TableFormat format, Stream output)
    {
        var headers = columns.Select(c => c.Header).ToList();
        return format == TableFormat.Xlsx ? new XlsxTableSheet(output, sheetName, headers) : new CsvTableSheet(output, headers);
    }

    private TableCell[] Cells(T row)
    {
        var cells = new TableCell[columns.Count];
        for (var i = 0; i < cells.Length; i++) cells[i] = columns[i].Value(row);
        return cells;
    }
}

/// <summary>A file being written: the header is written when it opens, the end when it is disposed.</summary>
internal interface ITableSheet : IDisposable
{
    void WriteRow(IReadOnlyList<TableCell> cells);

    /// <summary>Pushes what is written so far to the underlying stream.</summary>
    void Flush();
}
