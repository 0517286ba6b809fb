using System.Globalization;
using System.Text;
using CsvHelper;

namespace Search.Indexer.Readers.ChineseExport;

/// <summary>How a CSV export is to be read, as decided from its first bytes; or why it cannot be.</summary>
internal sealed record ExportTextFormat(Encoding? Encoding, int BomLength, char Delimiter, int KnownColumns, RejectionReason? Problem)
{
    public bool IsReadable => Problem is null && Encoding is not null;
}

/// <summary>
/// Decides the encoding and delimiter of a CSV export from its content. A byte-order mark decides
/// the encoding; otherwise UTF-8, GB18030 (what Excel on a Chinese Windows writes), UTF-16 without
/// a mark and Big5 are each tried, and the decoding whose header row names the most known columns
/// wins, fewer undecodable bytes breaking ties, then that order.
/// </summary>
internal static class ExportTextDetector
{
    /// <summary>How much of the file is looked at; a header row is far shorter.</summary>
    public const int HeadLength = 64 * 1024;

    private static readonly char[] Delimiters = [',', '\t', ';'];

    static ExportTextDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Call before using code-page encodings (GB18030, Big5) anywhere.</summary>
    public static void EnsureCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    // Every decoder replaces undecodable bytes with U+FFFD so that a damaged row can be found and rejected.
    private static Encoding CodePage(int codePage) =>
        Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));

    private static IEnumerable<Encoding> Candidates()
    {
        yield return Utf8;
        yield return CodePage(54936); // GB18030
        yield return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
        yield return new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);
        yield return CodePage(950); // Big5
    }

    /// <param name="head">The first bytes of the file.</param>
    /// <param name="complete">True when <paramref name="head"/> is the whole file (its last line is whole).</param>
    public static ExportTextFormat Detect(ReadOnlySpan<byte> head, bool complete)
    {
        EnsureCodePages();
        if (head.IsEmpty) return Fail(RejectionReasons.ExportEmpty.With());
        if (ChineseExportExcelReader.LooksLike(head))
            return Fail(RejectionReasons.ExportIsExcel.With());

        var (bomEncoding, bomLength) = head switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Utf8, 3),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false, false), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false, false), 2),
            _ => ((Encoding?)null, 0),
        };
        var body = head[bomLength..];
        if (IsBlank(body, bomEncoding ?? Utf8)) return Fail(RejectionReasons.ExportEmpty.With());

        ExportTextFormat? best = null;
        var bestErrors = int.MaxValue;
        foreach (var encoding in bomEncoding is null ? Candidates() : [bomEncoding])
        {
            var text = encoding.GetString(body);
            // The head may end inside a character or a row: only whole lines are judged.
            var lastNewline = text.LastIndexOf('\n');
            if (lastNewline > 0 && !complete) text = text[..lastNewline];
            var errors = text.Count(c => c == '\uFFFD');
            foreach (var delimiter in Delimiters)
            {
                var known = BestHeaderScore(text, delimiter);
                if (known == 0) continue;
                if (best is null || known > best.KnownColumns || (known == best.KnownColumns && errors < bestErrors))
                {
                    best = new ExportTextFormat(encoding, bomLength, delimiter, known, null);
                    bestErrors = errors;
                }
            }
        }
        if (best is not null) return best;

        if (body.IndexOf((byte)0) >= 0 || ControlShare(body) > 0.1)
            return Fail(RejectionReasons.ExportBinary.With());
        return Fail(ChineseExportColumns.NoHeader);

        static ExportTextFormat Fail(RejectionReason problem) => new(null, 0, ',', 0, problem);
    }

    /// <summary>The number of known columns of the first header row found in the text, 0 when none.</summary>
    private static int BestHeaderScore(string text, char delimiter)
    {
        using var reader = CsvReader.Create(new StringReader(text), Options(delimiter));
        for (var i = 0; i < ChineseExportColumns.HeaderSearchLines && TryRead(reader); i++)
        {
            if (ChineseExportColumns.TryMatchHeader(Cells(reader), "") is { } header) return header.KnownCount;
        }
        return 0;
    }

    private static bool TryRead(CsvReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException)
        {
            return false;
        }
    }

    /// <summary>The largest record read: guards against an unclosed quote swallowing a whole large file.</summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    public static CsvReaderOptions Options(char delimiter, Action<CsvMalformedRecord>? onMalformed = null) => new()
    {
        Separator = delimiter,
        HasHeader = false,
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        MaxRecordSize = MaxRecordBytes,
        OnMalformedRecord = onMalformed,
    };

    /// <summary>The fields of the current record, empty fields as "".</summary>
    public static string[] Cells(CsvReader reader)
    {
        var cells = new string[reader.FieldCount];
        for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i) ?? "";
        return cells;
    }

    private static bool IsBlank(ReadOnlySpan<byte> body, Encoding encoding)
    {
        if (body.Length > 4096) return false;
        return string.IsNullOrWhiteSpace(encoding.GetString(body).Replace("\0", "", StringComparison.Ordinal));
    }

    private static double ControlShare(ReadOnlySpan<byte> body)
    {
        var sample = body[..Math.Min(body.Length, 4096)];
        var control = 0;
        foreach (var b in sample)
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D)) control++;
        return sample.Length == 0 ? 0 : (double)control / sample.Length;
    }

    public static string Name(Encoding encoding) => encoding switch
    {
        UTF8Encoding => "UTF-8",
        UnicodeEncoding => encoding.CodePage == 1201 ? "UTF-16BE" : "UTF-16LE",
        _ when encoding.CodePage == 54936 => "GB18030",
        _ when encoding.CodePage == 950 => "Big5",
        _ => encoding.WebName,
    };
}
