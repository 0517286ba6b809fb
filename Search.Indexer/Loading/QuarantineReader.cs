using System.Text;
using System.Text.Json;
using Search.Indexer.Readers;
using Search.Indexer.Records;

namespace Search.Indexer.Loading;

/// <summary>
/// Reads a quarantine file back: each entry's (fixed) raw record goes through the reader of its
/// original format, with the CSV header restored. Entries still bad are rejected again, pointing
/// at their line in the quarantine file; entries without a raw record (a whole file that could not
/// be read) are reported again as they were.
/// </summary>
public sealed class QuarantineReader(ReaderCatalog catalog) : IPatentReader
{
    public const string FormatName = "quarantine";

    public string Format => FormatName;

    public static bool LooksLike(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 512)]).TrimStart('\uFEFF');
        return text.StartsWith("{\"quarantine\":\"patent-record-rejection/", StringComparison.Ordinal);
    }

    public IEnumerable<ReadResult> Read(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            QuarantineEntry? entry;
            string? error = null;
            try
            {
                entry = JsonSerializer.Deserialize<QuarantineEntry>(line, RecordJson.Options);
            }
            catch (JsonException ex)
            {
                entry = null;
                error = ex.Message;
            }
            if (entry is null)
            {
                yield return ReadResult.Bad(new RecordRejection
                {
                    SourceFile = sourceName, Format = FormatName, Line = lineNumber, Because = RejectionReasons.QuarantineNotAnEntry.With(error ?? "empty"), Raw = line,
                });
                continue;
            }
            // Excel rows are quarantined as CSV text (cells joined), so they are read back as CSV.
            var replayFormat = entry.Format.StartsWith("cn-export-xls", StringComparison.Ordinal) ? "cn-export-csv" : entry.Format;
            var original = catalog.ForFormat(replayFormat);
            if (entry.Raw is null || original is null)
            {
                yield return ReadResult.Bad(Again(entry, sourceName, lineNumber,
                    original is null ? RejectionReasons.QuarantineUnknownFormat.With(entry.Format, entry.Because) : entry.Because, entry.Field));
                continue;
            }
            var text = entry.Header is null ? entry.Raw : entry.Header + "\n" + entry.Raw;
            using var inner = new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray());
            foreach (var result in original.Create().Read(inner, entry.SourceFile, cancellationToken))
            {
                if (result.Record is { } record)
                {
                    // The record's origin is still the original file; the quarantine line is noted beside it.
                    record.Provenance = [.. record.Provenance.Select(p => p with { Line = entry.Line ?? p.Line, DocumentIndex = entry.DocumentIndex ?? p.DocumentIndex }),
                        new Provenance(sourceName, FormatName, lineNumber)];
                    yield return result;
                }
                else if (result.Rejection is { } rej)
                {
                    yield return ReadResult.Bad(Again(entry, sourceName, lineNumber, rej.Because, rej.Field));
                }
            }
        }
    }

    // A rejection that stays in the original file's terms, so the next quarantine file can be
    // fixed and reloaded the same way; the reason says where in this quarantine file it stood.
    private static RecordRejection Again(QuarantineEntry entry, string quarantineFile, long line, RejectionReason reason, string? field) => new()
    {
        SourceFile = entry.SourceFile,
        Format = entry.Format,
        Line = entry.Line,
        DocumentIndex = entry.DocumentIndex,
        Field = field,
        Because = RejectionReasons.QuarantineStillBad.With(reason, Path.GetFileName(quarantineFile), RejectionArgument.Number(line)),
        Header = entry.Header,
        Raw = entry.Raw,
    };
}
