using Search.Indexer.Loading;

namespace Search.Indexer.Cli;

/// <summary>The load summary as the CLI prints it: text for people, JSON (<c>--json</c>) for scripts.</summary>
public sealed record LoadReport(
    long Loaded, long Added, long Merged, long Unchanged, long Quarantined, string? QuarantinePath,
    int Files, int SkippedFiles, int FailedFiles, double Seconds, double RecordsPerSecond, IReadOnlyList<LoadReport.FileReport> PerFile)
{
    public sealed record FileReport(string Path, string? Format, long Loaded, long Added, long Merged, long Unchanged, long Quarantined, bool Skipped, string? Problem);

    public static LoadReport From(LoadSummary s) => new(
        s.Loaded, s.Added, s.Merged, s.Unchanged, s.Quarantined, s.QuarantinePath,
        s.Files.Count, s.SkippedFiles, s.FailedFiles, Math.Round(s.Elapsed.TotalSeconds, 2), Math.Round(s.RecordsPerSecond),
        s.Files.Select(f => new FileReport(f.Path, f.Format, f.Loaded, f.Added, f.Merged, f.Unchanged, f.Quarantined, f.Skipped, f.Problem)).ToList());

    public static async Task WriteTextAsync(LoadSummary s, TextWriter w)
    {
        foreach (var f in s.Files)
        {
            var what = f.Skipped ? "skipped (already loaded; --force reads it again)"
                : f.Problem is not null && f.Loaded == 0 ? $"NOT LOADED: {f.Problem}"
                : $"{f.Loaded:N0} loaded ({f.Added:N0} added, {f.Merged:N0} merged, {f.Unchanged:N0} unchanged), {f.Quarantined:N0} quarantined" + (f.Problem is null ? "" : $"; {f.Problem}");
            await w.WriteLineAsync($"{Path.GetFileName(f.Path)} [{f.Format ?? "?"}]: {what}").ConfigureAwait(false);
        }
        await w.WriteLineAsync(
            $"Total: {s.Loaded:N0} loaded ({s.Added:N0} added, {s.Merged:N0} merged, {s.Unchanged:N0} unchanged), {s.Quarantined:N0} quarantined, " +
            $"{s.Files.Count} files ({s.SkippedFiles} skipped, {s.FailedFiles} unreadable) in {s.Elapsed.TotalSeconds:F1} s, {s.RecordsPerSecond:N0} records/s").ConfigureAwait(false);
        if (s.QuarantinePath is not null)
            await w.WriteLineAsync($"Rejected records, with file, line and reason: {s.QuarantinePath} (fix the \"raw\" values and load this file again)").ConfigureAwait(false);
    }
}
