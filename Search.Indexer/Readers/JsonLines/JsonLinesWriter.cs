using System.Text;
using Search.Indexer.Records;

namespace Search.Indexer.Readers.JsonLines;

/// <summary>
/// Writes records as JSON Lines: one <see cref="RecordJson"/> object per line, <c>\n</c> line ends,
/// UTF-8 without BOM. The product's lossless export format, read back by <see cref="JsonLinesReader"/>.
/// </summary>
public sealed class JsonLinesWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;

    /// <summary>Writes to a stream, UTF-8 without BOM; the stream stays open when <paramref name="leaveOpen"/>.</summary>
    public JsonLinesWriter(Stream stream, bool leaveOpen = false)
    {
        _writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 1 << 16, leaveOpen);
        _ownsWriter = true;
    }

    /// <summary>Writes to a caller-owned text writer (its encoding is the caller's choice); it is flushed, not closed.</summary>
    public JsonLinesWriter(TextWriter writer)
    {
        _writer = writer;
        _ownsWriter = false;
    }

    /// <summary>Records written so far.</summary>
    public long Count { get; private set; }

    public void Write(PatentRecord record)
    {
        // The serializer escapes line breaks inside strings, so one record is always one line.
        _writer.Write(RecordJson.Serialize(record));
        _writer.Write('\n');
        Count++;
    }

    public void WriteAll(IEnumerable<PatentRecord> records)
    {
        foreach (var record in records) Write(record);
    }

    public void Flush() => _writer.Flush();

    public void Dispose()
    {
        if (_ownsWriter) _writer.Dispose();
        else _writer.Flush();
    }
}
