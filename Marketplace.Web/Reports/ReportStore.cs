using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Reports;

namespace Marketplace.Web.Reports;

/// <summary>Where reports live: <c>Reports:StoragePath</c> (the data folder's <c>reports/</c> unless set).</summary>
public sealed class ReportStorageOptions
{
    public string StoragePath { get; set; } = Path.Combine(Search.Indexer.DataFolders.Root, "reports");
}

/// <summary>A report's state as the page shows it.</summary>
public enum ReportState { Queued, Running, Done, Failed }

/// <summary>Progress of one report: what it is doing, how many records it has read of how many.</summary>
public sealed record ReportProgress(string Id, ReportState State, string Phase, long Done, long? Total, string? Error, DateTimeOffset Requested);

/// <summary>
/// Generated reports on disk, one folder per id: the report as JSON, its PDF and workbook, and its charts as
/// SVG. The id is a hash of the scope and the index version, so the same request on the same data finds the
/// cached report and any change to the index gives a new one. Progress of reports under way is kept in memory.
/// </summary>
public sealed class ReportStore(ReportStorageOptions options)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ConcurrentDictionary<string, ReportProgress> _progress = new(StringComparer.Ordinal);

    public static string IdOf(ReportScope scope, string indexVersion) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope.Key() + "|" + indexVersion)))[..20];

    /// <summary>Ids are 20 lower-case hex characters; anything else is not looked up on disk.</summary>
    public static bool IsId(string id) => id.Length == 20 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private string Folder(string id) => Path.Combine(options.StoragePath, id);

    public bool Exists(string id) => IsId(id) && File.Exists(Path.Combine(Folder(id), "report.json"));

    public ReportProgress? Progress(string id) => _progress.TryGetValue(id, out var p) ? p : null;

    private readonly ConcurrentDictionary<string, TaskCompletionSource<ReportProgress>> _finished = new(StringComparer.Ordinal);

    internal void SetProgress(ReportProgress progress)
    {
        _progress[progress.Id] = progress;
        if (progress.State is ReportState.Done or ReportState.Failed) Finished(progress.Id).TrySetResult(progress);
    }

    /// <summary>Completes when the report is done or has failed (at once when it is already on disk).</summary>
    public Task<ReportProgress> WhenFinishedAsync(string id) =>
        Exists(id) && Progress(id) is not { State: ReportState.Queued or ReportState.Running }
            ? Task.FromResult(Progress(id) ?? new ReportProgress(id, ReportState.Done, "done", 0, null, null, DateTimeOffset.UtcNow))
            : Finished(id).Task;

    private TaskCompletionSource<ReportProgress> Finished(string id) =>
        _finished.GetOrAdd(id, _ => new TaskCompletionSource<ReportProgress>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Marks a report as queued unless it is already queued, running or done; false when it was.</summary>
    internal bool TryQueue(string id, DateTimeOffset now)
    {
        if (Exists(id)) return false;
        var added = _progress.TryAdd(id, new ReportProgress(id, ReportState.Queued, "queued", 0, null, null, now));
        if (added) return true;
        // A failed report may be asked for again.
        if (_progress.TryGetValue(id, out var p) && p.State == ReportState.Failed)
        {
            _finished.TryRemove(id, out _);
            _progress[id] = new ReportProgress(id, ReportState.Queued, "queued", 0, null, null, now);
            return true;
        }
        return false;
    }

    public async Task SaveAsync(string id, NavigationReport report, IReadOnlyList<ReportChart> charts, byte[] pdf, byte[] xlsx, CancellationToken ct)
    {
        var folder = Folder(id);
        var temporary = folder + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Path.Combine(temporary, "charts"));
        await File.WriteAllBytesAsync(Path.Combine(temporary, "report.pdf"), pdf, ct);
        await File.WriteAllBytesAsync(Path.Combine(temporary, "report.xlsx"), xlsx, ct);
        foreach (var c in charts)
            await File.WriteAllTextAsync(Path.Combine(temporary, "charts", c.Id + ".svg"), c.Svg, ct);
        await File.WriteAllTextAsync(Path.Combine(temporary, "charts.json"), JsonSerializer.Serialize(charts.Select(c => new ChartRef(c.Id, c.Title)), Json), ct);
        // report.json last: its presence means the report is complete.
        await File.WriteAllTextAsync(Path.Combine(temporary, "report.json"), JsonSerializer.Serialize(report, Json), ct);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.Move(temporary, folder);
    }

    public async Task<StoredReport?> LoadAsync(string id, CancellationToken ct = default)
    {
        if (!Exists(id)) return null;
        var folder = Folder(id);
        var report = JsonSerializer.Deserialize<NavigationReport>(await File.ReadAllTextAsync(Path.Combine(folder, "report.json"), ct), Json)!;
        var charts = JsonSerializer.Deserialize<List<ChartRef>>(await File.ReadAllTextAsync(Path.Combine(folder, "charts.json"), ct), Json) ?? [];
        return new StoredReport(id, report, charts);
    }

    /// <summary>A file of a stored report: <c>report.pdf</c>, <c>report.xlsx</c> or <c>charts/{chart}.svg</c>; null when absent.</summary>
    public string? FilePath(string id, string name)
    {
        if (!Exists(id)) return null;
        var path = Path.Combine(Folder(id), name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// A chart of a stored report in another language than the stored Chinese one (<c>charts/{chart}.{language}.svg</c>),
    /// drawn from the stored report the first time any of its charts is asked for in that language, so reports stored
    /// before other languages existed get them too. Null when the report or the chart does not exist.
    /// </summary>
    public async Task<string?> TranslatedChartPathAsync(string id, string chart, string language, Func<NavigationReport, IReadOnlyList<ReportChart>> draw,
        CancellationToken ct = default)
    {
        var name = Path.Combine("charts", $"{chart}.{language}.svg");
        if (FilePath(id, name) is { } drawn) return drawn;
        // Only a chart the report has: any other name draws nothing.
        if (FilePath(id, Path.Combine("charts", chart + ".svg")) is null || await LoadAsync(id, ct) is not { } stored) return null;
        foreach (var c in draw(stored.Report))
        {
            // Written aside and moved, so a request drawing the same charts at the same time never serves half a file.
            var target = Path.Combine(Folder(id), "charts", $"{c.Id}.{language}.svg");
            var temporary = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
            await File.WriteAllTextAsync(temporary, c.Svg, ct);
            File.Move(temporary, target, overwrite: true);
        }
        return FilePath(id, name);
    }

    /// <summary>The newest stored reports first.</summary>
    public async Task<IReadOnlyList<StoredReport>> RecentAsync(int count, CancellationToken ct = default)
    {
        if (!Directory.Exists(options.StoragePath)) return [];
        var ids = new DirectoryInfo(options.StoragePath).EnumerateDirectories()
            .Where(d => IsId(d.Name) && File.Exists(Path.Combine(d.FullName, "report.json")))
            .OrderByDescending(d => d.LastWriteTimeUtc).Take(count).Select(d => d.Name).ToList();
        var list = new List<StoredReport>();
        foreach (var id in ids)
            if (await LoadAsync(id, ct) is { } r) list.Add(r);
        return list;
    }

    public IReadOnlyList<ReportProgress> UnderWay() =>
        _progress.Values.Where(p => p.State is ReportState.Queued or ReportState.Running or ReportState.Failed).OrderByDescending(p => p.Requested).ToList();
}

public sealed record ChartRef(string Id, string Title);

public sealed record StoredReport(string Id, NavigationReport Report, IReadOnlyList<ChartRef> Charts);
