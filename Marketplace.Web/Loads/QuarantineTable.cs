using System.Runtime.CompilerServices;
using System.Text.Json;
using Marketplace.Web.Exports;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Records;

namespace Marketplace.Web.Loads;

/// <summary>
/// One quarantined record as the table shows it: where it stood, which field, why (<paramref name="Reason"/> in English as
/// stored, <paramref name="Because"/> as a code and arguments to show in the reader's language), and the raw value to fix.
/// </summary>
public sealed record QuarantineRow(long Number, string SourceFile, string Format, long? Line, long? DocumentIndex, string? Field, string Reason, RejectionReason Because, string? Raw)
{
    /// <summary>Why, in the current request's language.</summary>
    public string ReasonIn(IStringLocalizer<SharedResource> l) => RejectionReasonText.Of(Because, Reason, l);
}

/// <summary>A page of the quarantine and how many entries there are in all.</summary>
public sealed record QuarantinePage(IReadOnlyList<QuarantineRow> Rows, long Total, int Page, int PageSize)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The quarantine files of a load, read back as rows (streamed: a large quarantine is never held whole), a page at
/// a time for the table or all of them for the CSV/Excel download, through the one table exporter.
/// </summary>
public sealed class QuarantineTable(LoadFolders folders)
{
    public const int PageSize = 50;

    public async Task<QuarantinePage> PageAsync(Guid jobId, int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var skip = (long)(page - 1) * PageSize;
        var rows = new List<QuarantineRow>(PageSize);
        long total = 0;
        await foreach (var row in RowsAsync(jobId, ct))
        {
            total++;
            if (total > skip && rows.Count < PageSize) rows.Add(row);
        }
        return new QuarantinePage(rows, total, page, PageSize);
    }

    public async IAsyncEnumerable<QuarantineRow> RowsAsync(Guid jobId, [EnumeratorCancellation] CancellationToken ct)
    {
        var folder = folders.QuarantineFolder(jobId);
        if (!Directory.Exists(folder)) yield break;
        long number = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "quarantine-*.jsonl").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan));
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                QuarantineEntry? e;
                try { e = JsonSerializer.Deserialize<QuarantineEntry>(line, RecordJson.Options); }
                catch (JsonException) { continue; } // a line cut short by a crash while it was written
                if (e is null) continue;
                yield return new QuarantineRow(++number, e.SourceFile, e.Format, e.Line, e.DocumentIndex, e.Field, e.Reason, e.Because, e.Raw);
            }
        }
    }

    /// <summary>
    /// The columns of the download, headed in the reader's language; the reason is in that language too, and its stable
    /// code (empty for entries stored before reasons had codes) lets tools that fix and re-upload rows sort them by kind.
    /// </summary>
    public static TableExport<QuarantineRow> Export(IStringLocalizer<SharedResource> L) => new("Quarantine",
    [
        new(L["File"], r => r.SourceFile),
        new(L["Format"], r => r.Format),
        new(L["Row"], r => TableCell.Of(r.Line, "0")),
        new(L["Document"], r => TableCell.Of(r.DocumentIndex, "0")),
        new(L["Field"], r => r.Field),
        new(L["Reason"], r => r.ReasonIn(L)),
        new(L["Reason key"], r => r.Because.Code == RejectionReasons.AsWritten.Code ? "" : r.Because.Code),
        new(L["Raw value"], r => r.Raw),
    ]);
}
