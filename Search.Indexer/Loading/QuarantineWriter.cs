using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Search.Indexer.Readers;
using Search.Indexer.Records;

namespace Search.Indexer.Loading;

/// <summary>
/// Writes every rejected record of a load to one JSON Lines file (source, line or document index,
/// field, reason, raw record). Each entry is flushed as it is written, so a crash keeps what was
/// reported. The file is created on the first rejection only; fix the <c>raw</c> values and load
/// the file again: the loader reads a quarantine file as input too (<see cref="QuarantineReader"/>).
/// </summary>
public sealed class QuarantineWriter : IDisposable
{
    private readonly string _folder;
    private readonly string _stamp;
    private StreamWriter? _writer;

    public QuarantineWriter(string folder, DateTimeOffset startedAt)
    {
        _folder = folder;
        _stamp = startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        FilePath = Path.Combine(folder, $"quarantine-{_stamp}.jsonl");
    }

    /// <summary>Where entries go; the file exists only if <see cref="Count"/> &gt; 0.</summary>
    public string FilePath { get; }

    public long Count { get; private set; }

    public void Write(RecordRejection rejection)
    {
        if (_writer is null)
        {
            Directory.CreateDirectory(_folder);
            var path = FilePath;
            for (var n = 2; File.Exists(path); n++)
                path = Path.Combine(_folder, $"quarantine-{_stamp}-{n}.jsonl");
            _writer = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        }
        _writer.WriteLine(JsonSerializer.Serialize(QuarantineEntry.From(rejection), RecordJson.Options));
        _writer.Flush();
        Count++;
    }

    public void Dispose() => _writer?.Dispose();
}

/// <summary>One line of a quarantine file.</summary>
public sealed record QuarantineEntry
{
    /// <summary>Marks the line as a quarantine entry, so the file is recognised when loaded again.</summary>
    public string Quarantine { get; init; } = "patent-record-rejection/1";
    public required string SourceFile { get; init; }
    public required string Format { get; init; }
    public long? Line { get; init; }
    public long? DocumentIndex { get; init; }
    public string? Field { get; init; }
    /// <summary>Why, in English, as the command line printed it.</summary>
    public required string Reason { get; init; }
    /// <summary>The stable code of the reason (<see cref="RejectionReasons"/>); absent in entries written before reasons had codes.</summary>
    public string? ReasonKey { get; init; }
    /// <summary>The values that fill the reason's template, so a reader may show it in another language.</summary>
    public IReadOnlyList<RejectionArgument>? ReasonArguments { get; init; }
    public string? Header { get; init; }
    public string? Raw { get; init; }

    /// <summary>The reason as code and arguments; an entry written before reasons had codes gives its English text as written.</summary>
    [JsonIgnore]
    public RejectionReason Because => ReasonKey is { } key ? new RejectionReason(key, ReasonArguments ?? []) : RejectionReason.Verbatim(Reason);

    public static QuarantineEntry From(RecordRejection r) => new()
    {
        SourceFile = r.SourceFile,
        Format = r.Format,
        Line = r.Line,
        DocumentIndex = r.DocumentIndex,
        Field = r.Field,
        Reason = r.Reason,
        ReasonKey = r.Because.Code,
        ReasonArguments = r.Because.Arguments.Count > 0 ? r.Because.Arguments : null,
        Header = r.Header,
        Raw = r.Raw,
    };
}
