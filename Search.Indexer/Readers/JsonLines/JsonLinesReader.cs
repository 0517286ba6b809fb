using System.Text;
using System.Text.Json;
using Search.Indexer.Records;

namespace Search.Indexer.Readers.JsonLines;

/// <summary>
/// Reads the product's JSON Lines export (see <see cref="JsonLinesWriter"/>) line by line. A line that
/// is not a record (invalid JSON, no publication number, a value of the wrong type) becomes a
/// rejection with its line number and text, and reading goes on; blank lines are skipped.
/// </summary>
/// <remarks>
/// Records come back exactly as written, provenance included: an export holds records already
/// loaded from their real sources, and that is what provenance describes. No <c>jsonl</c> entry is
/// added, so exporting and re-importing (or reloading a fixed quarantine) is a no-op for merging
/// rather than growing the provenance list on every round trip; the JSONL file and line of a bad
/// line are in its rejection.
/// </remarks>
public sealed class JsonLinesReader : IPatentReader
{
    public const string FormatName = "jsonl";

    // Stricter than writing: an explicit null where the record has a list or a required value is a bad line.
    private static readonly JsonSerializerOptions ReadOptions = new(RecordJson.Options) { RespectNullableAnnotations = true };

    public string Format => FormatName;

    public IEnumerable<ReadResult> Read(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        long line = 0;
        var any = false;
        while (reader.ReadLine() is { } text)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!any && text.Contains('\0', StringComparison.Ordinal))
            {
                yield return ReadResult.Bad(new RecordRejection { SourceFile = sourceName, Format = FormatName, Because = RejectionReasons.JsonLinesBinary.With() });
                yield break;
            }
            any = true;
            yield return ParseLine(text, sourceName, line);
        }
        if (!any)
            yield return ReadResult.Bad(new RecordRejection { SourceFile = sourceName, Format = FormatName, Because = RejectionReasons.JsonLinesEmpty.With() });
    }

    /// <summary>True when the first bytes start a JSON object that names a <c>publicationNumber</c> (after an optional BOM).</summary>
    public static bool LooksLike(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        var text = Encoding.UTF8.GetString(head).TrimStart();
        if (!text.StartsWith('{')) return false;
        var firstLine = text.Split('\n', 2)[0];
        return firstLine.Contains("\"publicationNumber\"", StringComparison.Ordinal);
    }

    internal static ReadResult ParseLine(string text, string sourceName, long line)
    {
        RecordRejection Bad(string? field, RejectionReason reason) => new()
        {
            SourceFile = sourceName,
            Format = FormatName,
            Line = line,
            Field = field,
            Because = reason,
            Raw = text,
        };

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return ReadResult.Bad(Bad(null, RejectionReasons.JsonInvalid.With(ex.BytePositionInLine is { } position ? RejectionArgument.Number(position + 1) : "", RejectionArgument.FromParser(FirstSentence(ex.Message)))));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ReadResult.Bad(Bad(null, RejectionReasons.JsonNotAnObject.With(Describe(root.ValueKind))));
            if (!TryGetProperty(root, "publicationNumber", out var number) || number.ValueKind == JsonValueKind.Null)
                return ReadResult.Bad(Bad("publicationNumber", RejectionReasons.JsonMissingNumber.With()));
            if (number.ValueKind != JsonValueKind.Object)
                return ReadResult.Bad(Bad("publicationNumber", RejectionReasons.JsonNumberNotAnObject.With(Describe(number.ValueKind))));
            foreach (var part in new[] { "country", "number" })
            {
                if (!TryGetProperty(number, part, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                    return ReadResult.Bad(Bad("publicationNumber." + part, RejectionReasons.JsonNumberPartEmpty.With(part)));
            }

            try
            {
                var record = root.Deserialize<PatentRecord>(ReadOptions)
                    ?? throw new JsonException("null record");
                return ReadResult.Ok(record);
            }
            catch (JsonException ex)
            {
                var path = ex.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : null;
                return ReadResult.Bad(Bad(path, path is null
                    ? RejectionReasons.JsonNotARecord.With(RejectionArgument.FromParser(FirstSentence(ex.Message)))
                    : RejectionReasons.JsonWrongValue.With(path, RejectionArgument.FromParser(FirstSentence(ex.Message)))));
            }
        }
    }

    // Property names are matched case-insensitively, as RecordJson (web defaults) does.
    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var p in element.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static RejectionArgument Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => RejectionReasons.JsonAnArray.With(),
        JsonValueKind.String => RejectionReasons.JsonAString.With(),
        JsonValueKind.Number => RejectionReasons.JsonANumber.With(),
        JsonValueKind.True or JsonValueKind.False => RejectionReasons.JsonABoolean.With(),
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    // System.Text.Json messages end with "Path: $.x | LineNumber: 0 | BytePositionInLine: 12."; the field says that already.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '.', '|');
    }
}
