using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;

namespace Search.Indexer.Bench;

/// <summary>
/// Read costs of existing indices side by side in one process (<c>bench --compare-reads DIR…</c>), so that indices
/// written by different versions (another codec, another summary form) can be weighed on a machine whose speed changes
/// from one minute to the next: rounds alternate between the indices and each figure is the best of its rounds.
/// </summary>
public static class ReadComparison
{
    private const int Rounds = 3;
    private const int Lookups = 2_000;

    public static async Task<IReadOnlyList<ReadFigures>> RunAsync(IReadOnlyList<string> indexPaths, Action<string> say, CancellationToken ct)
    {
        var indices = indexPaths.Select(LuceneIndex.OpenReadOnly).ToList();
        try
        {
            var ids = new List<List<string>>();
            foreach (var index in indices)
            {
                var all = new List<string>();
                await foreach (var r in index.ScanAsync(RecordView.Summary, ct).ConfigureAwait(false)) all.Add(r.Id);
                var random = new Random(42);
                ids.Add(Enumerable.Range(0, Lookups).Select(_ => all[random.Next(all.Count)]).ToList());
            }
            var best = indices.Select(_ => (Summary: double.MaxValue, Full: double.MaxValue, Get: double.MaxValue)).ToArray();
            for (var round = 0; round < Rounds; round++)
            {
                for (var i = 0; i < indices.Count; i++)
                {
                    say($"Round {round + 1}: {indexPaths[i]}");
                    var summary = await ScanAsync(indices[i], RecordView.Summary, ct).ConfigureAwait(false);
                    var full = await ScanAsync(indices[i], RecordView.Full, ct).ConfigureAwait(false);
                    var watch = Stopwatch.StartNew();
                    foreach (var id in ids[i])
                        if (await indices[i].GetAsync(id, ct).ConfigureAwait(false) is null) throw new InvalidOperationException($"{id} vanished");
                    var get = watch.Elapsed.TotalMilliseconds;
                    best[i] = (Math.Min(best[i].Summary, summary), Math.Min(best[i].Full, full), Math.Min(best[i].Get, get));
                }
            }
            return indexPaths.Select((path, i) => new ReadFigures
            {
                Index = path,
                Records = indices[i].GetStatsAsync(ct).Result.Records,
                ScanSummaryMs = Math.Round(best[i].Summary, 1),
                ScanFullMs = Math.Round(best[i].Full, 1),
                GetMicroseconds = Math.Round(best[i].Get * 1000 / Lookups, 1),
            }).ToList();
        }
        finally
        {
            foreach (var index in indices) index.Dispose();
        }
    }

    private static async Task<double> ScanAsync(LuceneIndex index, RecordView view, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        long titles = 0;
        await foreach (var record in index.ScanAsync(view, ct).ConfigureAwait(false)) titles += record.Titles.Count;
        if (titles == 0) throw new InvalidOperationException($"A {view} scan read no title");
        return watch.Elapsed.TotalMilliseconds;
    }

    public static async Task WriteTextAsync(TextWriter w, IReadOnlyList<ReadFigures> figures)
    {
        foreach (var f in figures)
        {
            await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{f.Index}: {f.Records:N0} records; scan summaries {f.ScanSummaryMs:F0} ms, whole records {f.ScanFullMs:F0} ms; one record by id {f.GetMicroseconds:F0} µs (best of {Rounds})")).ConfigureAwait(false);
        }
    }
}

/// <summary>Best-of-rounds read times of one index (<see cref="ReadComparison"/>).</summary>
public sealed record ReadFigures
{
    [JsonPropertyName("index")] public string Index { get; init; } = "";
    [JsonPropertyName("records")] public long Records { get; init; }
    [JsonPropertyName("scan_summary_ms")] public double ScanSummaryMs { get; init; }
    [JsonPropertyName("scan_full_ms")] public double ScanFullMs { get; init; }
    /// <summary>Mean time of a lookup by id (term query, then the stored record inflated and parsed), as for each hit shown.</summary>
    [JsonPropertyName("get_us")] public double GetMicroseconds { get; init; }
}
