using Search.Indexer.Loading;
using Search.Indexer.Normalization;
using Search.Indexer.Readers;
using Search.Indexer.Records;

namespace Analytics.Evaluation;

/// <summary>Which of a record's texts the models read.</summary>
public enum EvaluationText
{
    Title,
    TitleAbstract,
    /// <summary>Title, abstract and first claim: every text a record has.</summary>
    All,
}

/// <summary>One input file: the format the loader recognised and what it gave.</summary>
public sealed record EvaluationInputFile(string Path, string Format, int Records, int Rejected);

/// <summary>A record the evaluation can score: its text and its gold classification codes (main first).</summary>
public sealed record EvaluationItem(PatentRecord Record, string Text, IReadOnlyList<string> GoldCodes, bool GoldFromCpc)
{
    public string Id => Record.Id;
    public string Section => Classification.Section(GoldCodes[0]);
    public string Class => Classification.Class(GoldCodes[0]) ?? Section;
}

/// <summary>
/// The records of the evaluation, read by the loader's own readers (format detected by content, as
/// <c>Search.Indexer load</c> does): a file no reader recognises, or that a reader gives up on as a
/// whole, stops the evaluation with the file and the reason; single bad records are counted and
/// the first few quoted. A record met twice (the same export in two encodings) counts once.
/// </summary>
public sealed class EvaluationCorpus
{
    private const int QuotedRejections = 10;

    public required IReadOnlyList<EvaluationInputFile> Files { get; init; }
    /// <summary>Distinct records, in input order.</summary>
    public required IReadOnlyList<PatentRecord> Records { get; init; }
    public int Duplicates { get; init; }
    public int RejectedRecords { get; init; }
    public IReadOnlyList<string> FirstRejections { get; init; } = [];

    public static EvaluationCorpus Read(IEnumerable<string> paths, CancellationToken ct = default)
    {
        var given = paths.ToList();
        var files = PatentLoader.ExpandPaths(given);
        if (files.Count == 0)
            throw new InvalidDataException($"{string.Join(", ", given)}: no data files; expected patent data files (Chinese export CSV/Excel, USPTO XML, DOCDB XML, JSON Lines) or folders holding them.");
        var records = new List<PatentRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var summaries = new List<EvaluationInputFile>();
        var rejections = new List<string>();
        int duplicates = 0, rejected = 0;
        foreach (var file in files)
        {
            if (!file.Exists)
                throw new InvalidDataException($"{file.FullName}: file not found; expected a patent data file or a folder of them.");
            FormatDetection detection;
            try
            {
                detection = DefaultReaders.Catalog.Detect(file.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidDataException($"{file.FullName}: cannot be opened ({e.Message}).", e);
            }
            if (detection.Reader is null)
                throw new InvalidDataException($"{file.FullName}: {detection.Problem}.");

            int read = 0, bad = 0;
            using (var stream = file.OpenRead())
            {
                foreach (var result in detection.Reader.Create().Read(stream, file.Name, ct))
                {
                    if (result.Rejection is { } r)
                    {
                        // A rejection without a line or document is the reader giving up on the file as a whole.
                        if (r.Line is null && r.DocumentIndex is null)
                            throw new InvalidDataException($"{file.FullName}: cannot be read as {detection.Reader.Description}: {r.Reason}.");
                        bad++;
                        if (rejections.Count < QuotedRejections) rejections.Add(r.ToString());
                        continue;
                    }
                    if (result.Record is not { } record) continue;
                    read++;
                    if (seen.Add(record.Id)) records.Add(record);
                    else duplicates++;
                }
            }
            rejected += bad;
            summaries.Add(new EvaluationInputFile(file.FullName, detection.Reader.Format, read, bad));
        }
        return new EvaluationCorpus { Files = summaries, Records = records, Duplicates = duplicates, RejectedRecords = rejected, FirstRejections = rejections };
    }

    /// <summary>The records that have text and a gold classification, with the text the models read.</summary>
    public IReadOnlyList<EvaluationItem> Items(EvaluationText text)
    {
        var items = new List<EvaluationItem>();
        foreach (var r in Records)
        {
            var body = TextOf(r, text);
            if (body.Length == 0) continue;
            var fromCpc = r.IpcCodes.Count == 0;
            var codes = Valid(fromCpc ? r.CpcCodes : r.IpcCodes);
            if (codes.Count == 0) continue;
            items.Add(new EvaluationItem(r, body, codes, fromCpc));
        }
        return items;
    }

    /// <summary>The record's texts in every language, joined by line breaks: titles, then abstracts, then first claims as asked.</summary>
    public static string TextOf(PatentRecord record, EvaluationText text)
    {
        var parts = record.Titles.Select(t => t.Text);
        if (text >= EvaluationText.TitleAbstract) parts = parts.Concat(record.Abstracts.Select(a => a.Text));
        if (text >= EvaluationText.All) parts = parts.Concat(record.FirstClaims.Select(c => c.Text));
        return string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p))).Trim();
    }

    private static List<string> Valid(IEnumerable<string> codes)
    {
        var result = new List<string>();
        foreach (var c in codes)
            if (Classification.TryNormalize(c, out var code, out _) && code.Length >= 4 && !result.Contains(code))
                result.Add(code);
        return result;
    }
}
