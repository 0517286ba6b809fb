using Search.Indexer.Records;

namespace Search.Indexer.Readers;

/// <summary>
/// Reads one source format as a stream of records and rejects, never holding the whole file in
/// memory. A bad record yields a <see cref="RecordRejection"/> and reading goes on; only an
/// unreadable file as a whole (wrong format, unsupported encoding) ends the sequence early, with
/// a rejection that says so.
/// </summary>
public interface IPatentReader
{
    /// <summary>Short format name used in provenance and messages, e.g. <c>uspto-xml</c>.</summary>
    string Format { get; }

    /// <param name="stream">The file's content, positioned at its start.</param>
    /// <param name="sourceName">The file name recorded in provenance and quarantine entries.</param>
    IEnumerable<ReadResult> Read(Stream stream, string sourceName, CancellationToken cancellationToken = default);
}

/// <summary>Either a record or a rejection, with its position in the source.</summary>
public readonly record struct ReadResult(PatentRecord? Record, RecordRejection? Rejection)
{
    public static ReadResult Ok(PatentRecord record) => new(record, null);
    public static ReadResult Bad(RecordRejection rejection) => new(null, rejection);
}

/// <summary>
/// A record the reader could not accept: where it is (file, line or document index), which field,
/// what was expected, and the raw record so it can be fixed and loaded again.
/// </summary>
public sealed record RecordRejection
{
    public required string SourceFile { get; init; }
    public required string Format { get; init; }
    public long? Line { get; init; }
    public long? DocumentIndex { get; init; }
    public string? Field { get; init; }
    /// <summary>Why, as a code and arguments the web translates.</summary>
    public required RejectionReason Because { get; init; }
    /// <summary>Why, in English, for the command line and logs.</summary>
    public string Reason => Because.ToString();
    /// <summary>The record as it stood in the source (a CSV row, an XML document, a JSON line).</summary>
    public string? Raw { get; init; }
    /// <summary>For CSV sources: the header line, so a quarantined row can be reloaded on its own.</summary>
    public string? Header { get; init; }

    public string Location => Line is { } l ? $"{SourceFile}:{l}" : DocumentIndex is { } d ? $"{SourceFile} document {d}" : SourceFile;

    public override string ToString() => Field is null ? $"{Location}: {Reason}" : $"{Location}: {Field}: {Reason}";
}
