using System.Text;
using CsvHelper;
using Search.Indexer.Records;

namespace Search.Indexer.Readers.ChineseExport;

/// <summary>
/// Reads CSV exports of Chinese patent databases (the 61-column 序号/申请日/公开号… layout and its
/// variants) and English exports of the same data (publication_number,title,ipc_subclasses …).
/// Encoding (BOM, else UTF-8 / GB18030 / UTF-16 / Big5 by content) and delimiter (comma, tab,
/// semicolon) are decided from the first 64 KB; the header row may follow title rows. Rows stream
/// through CsvHelper: memory does not grow with the file.
/// </summary>
public sealed class ChineseExportCsvReader : IPatentReader
{
    public const string FormatName = "cn-export-csv";

    public string Format => FormatName;

    /// <summary>True when the bytes decode to text whose first lines hold a known export header.</summary>
    public static bool LooksLike(ReadOnlySpan<byte> head) => ExportTextDetector.Detect(head, complete: false).IsReadable;

    public IEnumerable<ReadResult> Read(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        var head = new byte[ExportTextDetector.HeadLength];
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var format = ExportTextDetector.Detect(head.AsSpan(0, headLength), complete: headLength < head.Length);
        if (!format.IsReadable)
        {
            yield return FileRejection(sourceName, format.Problem!);
            yield break;
        }

        var encoding = format.Encoding!;
        var encodingName = ExportTextDetector.Name(encoding);
        using var input = new HeadThenRestStream(head, format.BomLength, headLength, stream);
        using var text = new StreamReader(input, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        CsvMalformedReason? malformed = null;
        using var reader = CsvReader.Create(text, ExportTextDetector.Options(format.Delimiter, m => malformed = m.Reason), leaveOpen: false);

        ChineseExportHeader? header = null;
        for (var records = 0; ; records++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            malformed = null;
            var (more, error) = TryRead(reader);
            if (error is not null)
            {
                yield return FileRejection(sourceName, RejectionReasons.CsvReadingStopped.With(RejectionArgument.Number(reader.LineNumber), RejectionArgument.FromParser(error)), header?.RawLine);
                yield break;
            }
            if (!more) break;
            var line = reader.LineNumber;
            var raw = reader.Current.ToString();
            var cells = ExportTextDetector.Cells(reader);

            if (header is null)
            {
                if (records >= ChineseExportColumns.HeaderSearchLines) break;
                header = ChineseExportColumns.TryMatchHeader(cells, raw);
                if (header is not null && !header.Has(ExportField.PublicationNumber) && !header.Has(ExportField.GrantNumber) && !header.Has(ExportField.ApplicationNumber))
                {
                    yield return FileRejection(sourceName, RejectionReasons.ExportNoNumberColumn.With(RejectionArgument.Number(line)), header.RawLine);
                    yield break;
                }
                continue;
            }

            if (cells.Length != header.Count && !OnlyBlankExtras(cells, header.Count) && raw.Contains('\n', StringComparison.Ordinal)
                && Resynchronise(raw, line, header, format.Delimiter) is { } lines)
            {
                // A broken quote swallowed the rows after it: reject the line that opened it and read
                // the swallowed lines on their own.
                foreach (var (lineCells, lineRaw, lineNumber) in lines)
                {
                    if (RowResult(lineCells, lineRaw, lineNumber, header, sourceName, encodingName, null) is { } r)
                        yield return r;
                }
                continue;
            }

            if (RowResult(cells, raw, line, header, sourceName, encodingName, malformed) is { } result)
                yield return result;
        }

        if (header is null)
            yield return FileRejection(sourceName, ChineseExportColumns.NoHeader);
    }

    private static (bool More, string? Error) TryRead(CsvReader reader)
    {
        try
        {
            return (reader.Read(), null);
        }
        catch (CsvFormatException ex)
        {
            return (false, ex.Message);
        }
    }

    private static ReadResult? RowResult(string[] cells, string raw, long line, ChineseExportHeader header, string sourceName, string encodingName, CsvMalformedReason? malformed)
    {
        if (cells.All(string.IsNullOrWhiteSpace)) return null; // blank rows (",,,") are not records
        RecordRejection Bad(string? field, RejectionReason reason) => new()
        {
            SourceFile = sourceName,
            Format = FormatName,
            Line = line,
            Field = field,
            Because = reason,
            Raw = raw,
            Header = header.RawLine,
        };

        if (cells.Length != header.Count && !OnlyBlankExtras(cells, header.Count))
        {
            var (found, expected) = (RejectionArgument.Number(cells.Length), RejectionArgument.Number(header.Count));
            return ReadResult.Bad(Bad(null, malformed is { } m && m != CsvMalformedReason.FieldCountMismatch
                ? RejectionReasons.CsvFieldCountBrokenQuote.With(found, expected, m.ToString())
                : RejectionReasons.CsvFieldCount.With(found, expected)));
        }
        for (var i = 0; i < cells.Length && i < header.Count; i++)
        {
            if (cells[i].Contains('\uFFFD', StringComparison.Ordinal))
                return ReadResult.Bad(Bad(header.Names[i], RejectionReasons.CsvInvalidBytes.With(encodingName, Shorten(cells[i]))));
        }
        var mapped = ChineseExportRowMapper.Map(header, cells, sourceName, FormatName, line);
        return mapped.Record is { } record ? ReadResult.Ok(record) : ReadResult.Bad(Bad(mapped.Field, mapped.Reason!));
    }

    /// <summary>
    /// When a multi-line record has the wrong number of fields and some of its later lines are whole
    /// rows on their own, the record is a broken quote that swallowed them: returns each physical
    /// line parsed alone. Null when it looks like one genuinely broken multi-line row.
    /// </summary>
    private static List<(string[] Cells, string Raw, long Line)>? Resynchronise(string raw, long line, ChineseExportHeader header, char delimiter)
    {
        var lines = raw.ReplaceLineEndings("\n").Split('\n');
        var result = new List<(string[], string, long)>(lines.Length);
        var wholeRows = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            string[] cells = [];
            using (var reader = CsvReader.Create(new StringReader(lines[i]), ExportTextDetector.Options(delimiter)))
            {
                if (reader.Read()) cells = ExportTextDetector.Cells(reader);
            }
            if (i > 0 && cells.Length == header.Count) wholeRows++;
            result.Add((cells, lines[i], line + i));
        }
        return wholeRows > 0 ? result : null;
    }

    private static bool OnlyBlankExtras(string[] cells, int expected) =>
        cells.Length > expected && cells.Skip(expected).All(string.IsNullOrWhiteSpace);

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private static ReadResult FileRejection(string sourceName, RejectionReason reason, string? header = null) =>
        ReadResult.Bad(new RecordRejection { SourceFile = sourceName, Format = FormatName, Because = reason, Header = header });

    /// <summary>The bytes already read for detection (after any BOM), then the rest of the source stream.</summary>
    private sealed class HeadThenRestStream(byte[] head, int start, int end, Stream rest) : Stream
    {
        private int _position = start;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < end)
            {
                var n = Math.Min(buffer.Length, end - _position);
                head.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            return rest.Read(buffer);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
