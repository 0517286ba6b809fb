using System.Text;

namespace Marketplace.Web.Exports;

/// <summary>RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or line break.</summary>
internal sealed class CsvTableSheet : ITableSheet
{
    private readonly StreamWriter _writer;

    public CsvTableSheet(Stream output, IReadOnlyList<string> headers)
    {
        // UTF-8 with a byte-order mark: Excel on Chinese Windows reads the file as GBK without it.
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        WriteLine(headers.Select(TableExport.Neutralize));
    }

    public void WriteRow(IReadOnlyList<TableCell> cells) => WriteLine(cells.Select(c => c.Number is null ? TableExport.Neutralize(c.Text) : c.Text));

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();

    private void WriteLine(IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) _writer.Write(',');
            first = false;
            if (field.AsSpan().IndexOfAny(",\"\r\n") < 0) _writer.Write(field);
            else
            {
                _writer.Write('"');
                _writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                _writer.Write('"');
            }
        }
        _writer.WriteLine();
    }
}
