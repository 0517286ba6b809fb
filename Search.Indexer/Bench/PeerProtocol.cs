using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Loading;
using Search.Indexer.Readers;

namespace Search.Indexer.Bench;

/// <summary>
/// The peers' protocol (<c>../shared/bench-peers/README.md</c>) on the product: load a corpus file through the real
/// loader into a fresh Lucene index, timed to the final commit; one untimed warm-up pass (top 10); then per query a
/// timed top 10 with stored records and highlighting, and a timed top 10 with IPC-subclass and year facets; then a
/// pass with all seven bibliographic facets. The result cache is off, so every timed search does the whole work.
/// </summary>
public static class PeerProtocol
{
    /// <summary>The two facets the peers count.</summary>
    public static readonly IReadOnlyList<string> PeerFacets = [FacetFields.IpcSubclass, FacetFields.Year];

    public static async Task<PeerFigures> RunAsync(string corpusPath, IReadOnlyList<string> queries, string workDir, Action<string> say, CancellationToken ct)
    {
        var indexPath = Path.Combine(workDir, "index");
        if (System.IO.Directory.Exists(indexPath)) System.IO.Directory.Delete(indexPath, true);
        var catalog = DefaultReaders.Catalog;
        LoadSummary summary;
        TimeSpan loadCpu;
        var loadAverageBefore = BenchMachine.LoadAverage();
        using (var engine = SearchEngines.Open(new SearchOptions { IndexPath = indexPath, Lucene = { ResultCacheHits = 0 } }))
        {
            say($"Loading {corpusPath} …");
            var cpuBefore = BenchMachine.ProcessorTime();
            summary = await new PatentLoader(engine, catalog)
                .LoadAsync([corpusPath], new LoadOptions { QuarantineFolder = Path.Combine(workDir, "quarantine") }, null, ct).ConfigureAwait(false);
            loadCpu = BenchMachine.ProcessorTime() - cpuBefore;
        }
        var loadAverageAfter = BenchMachine.LoadAverage();
        if (summary.Loaded == 0)
            throw new InvalidOperationException($"No record of {corpusPath} loaded ({summary.Quarantined} quarantined): is it a format the loader reads?");

        // Reopened as a user's next process would; the load's writer and buffers are gone.
        using var index = SearchEngines.Open(new SearchOptions { IndexPath = indexPath, Lucene = { ResultCacheHits = 0 } });
        say($"Searching {queries.Count} queries …");
        var texts = queries.Select(BenchQueries.AllWordsRequired).ToList();
        foreach (var text in texts)
            await index.SearchAsync(Top10(text, []), ct).ConfigureAwait(false);

        var plain = new List<double>(texts.Count);
        var facets = new List<double>(texts.Count);
        var hits = new List<long>(texts.Count);
        foreach (var text in texts)
        {
            var watch = Stopwatch.StartNew();
            var top = await index.SearchAsync(Top10(text, []), ct).ConfigureAwait(false);
            plain.Add(watch.Elapsed.TotalMilliseconds);
            Touch(top);
            watch.Restart();
            var faceted = await index.SearchAsync(Top10(text, PeerFacets), ct).ConfigureAwait(false);
            facets.Add(watch.Elapsed.TotalMilliseconds);
            Touch(faceted);
            hits.Add(faceted.Total);
        }
        var all = await FacetComparison.MeasureAsync(index, texts, ct).ConfigureAwait(false);

        // What reports and the city dashboard do: one pass over every record's summary; and a pass over whole records
        // (export, label runs) beside it. One pass each, after the searches: compare only within one run.
        var scanSummary = await TimeScanAsync(index, RecordView.Summary, ct).ConfigureAwait(false);
        var scanFull = await TimeScanAsync(index, RecordView.Full, ct).ConfigureAwait(false);

        var sortedHits = hits.Order().ToList();
        var seconds = summary.Elapsed.TotalSeconds;
        return new PeerFigures
        {
            Records = summary.Loaded,
            Quarantined = summary.Quarantined,
            Segments = SegmentCount(indexPath),
            LoadSeconds = Math.Round(seconds, 2),
            RecordsPerSecond = (long)Math.Round(summary.Loaded / seconds),
            LoadCpuSeconds = Math.Round(loadCpu.TotalSeconds, 2),
            CpuMillisecondsPerRecord = Math.Round(loadCpu.TotalMilliseconds / summary.Loaded, 3),
            MachineLoadAverage = loadAverageBefore is null || loadAverageAfter is null ? null : $"{loadAverageBefore} -> {loadAverageAfter}",
            DatabaseMegabytes = Math.Round(IndexFiles.TotalBytes(indexPath) / 1048576.0, 1),
            BytesByExtension = IndexFiles.BytesByExtension(indexPath),
            ScanSummaryMs = scanSummary,
            ScanFullMs = scanFull,
            PeakRssMegabytes = BenchMachine.PeakResidentMegabytes(),
            P50Ms = Percentile(plain, 50),
            P99Ms = Percentile(plain, 99),
            P50FacetsMs = Percentile(facets, 50),
            P99FacetsMs = Percentile(facets, 99),
            P50AllFacetsMs = all.P50AllFacetsMs,
            P99AllFacetsMs = all.P99AllFacetsMs,
            P50NoFacetsBestOf3Ms = all.P50NoFacetsMs,
            P99NoFacetsBestOf3Ms = all.P99NoFacetsMs,
            Queries = queries.Count,
            ZeroHitQueries = hits.Count(h => h == 0),
            MedianHits = sortedHits.Count == 0 ? 0 : sortedHits[sortedHits.Count / 2],
            Hits = hits,
        };
    }

    private static async Task<double> TimeScanAsync(IPatentIndex index, RecordView view, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        long titles = 0;
        await foreach (var record in index.ScanAsync(view, ct).ConfigureAwait(false))
            titles += record.Titles.Count;
        if (titles == 0) throw new InvalidOperationException($"A {view} scan read no title");
        return Math.Round(watch.Elapsed.TotalMilliseconds, 1);
    }

    private static PatentQuery Top10(string text, IReadOnlyList<string> facets) => new() { Text = text, PageSize = 10, Facets = facets, Highlight = true };

    // The peers read each hit's stored title; the product's hits already carry their records, read back here so the
    // work cannot be skipped.
    private static void Touch(SearchResult result)
    {
        foreach (var hit in result.Hits)
            if (hit.Record.Titles.Count == 0 && hit.Record.Abstracts.Count == 0)
                throw new InvalidOperationException($"Hit {hit.Record.Id} came back without title or abstract");
    }

    /// <summary>The peers' percentile: the value at index min(n - 1, ⌊p/100 · n⌋) of the sorted times, to 0.01 ms.</summary>
    public static double Percentile(IReadOnlyCollection<double> times, double p)
    {
        if (times.Count == 0) return 0;
        var sorted = times.Order().ToList();
        return Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p / 100 * sorted.Count))], 2);
    }

    private static int SegmentCount(string indexPath)
    {
        PatentCodec.Register();
        using var dir = FSDirectory.Open(indexPath);
        var infos = new SegmentInfos();
        infos.Read(dir);
        return infos.Count;
    }
}

/// <summary>The peers' figures under the peers' JSON names (PeerLucene.java), plus the product's own extra rows.</summary>
public sealed record PeerFigures
{
    [JsonPropertyName("peer")] public string Peer { get; init; } = "product";
    [JsonPropertyName("engine")] public string Engine { get; init; } = "Lucene.NET " + LuceneVersion();
    [JsonPropertyName("records")] public long Records { get; init; }
    [JsonPropertyName("quarantined")] public long Quarantined { get; init; }
    [JsonPropertyName("segments")] public int Segments { get; init; }
    [JsonPropertyName("load_seconds")] public double LoadSeconds { get; init; }
    [JsonPropertyName("records_per_s")] public long RecordsPerSecond { get; init; }
    /// <summary>Process CPU (all threads) during the load, the figure that repeats on a shared machine.</summary>
    [JsonPropertyName("load_cpu_seconds")] public double LoadCpuSeconds { get; init; }
    [JsonPropertyName("cpu_ms_per_record")] public double CpuMillisecondsPerRecord { get; init; }
    /// <summary>One-minute load average before and after the load (Linux): other work competing for the cores.</summary>
    [JsonPropertyName("machine_load_average")] public string? MachineLoadAverage { get; init; }
    [JsonPropertyName("db_size_mb")] public double DatabaseMegabytes { get; init; }
    /// <summary>Bytes of the index by Lucene file extension, compound files opened (<see cref="IndexFiles.BytesByExtension"/>).</summary>
    [JsonPropertyName("index_bytes_by_extension")] public IReadOnlyDictionary<string, long> BytesByExtension { get; init; } = new Dictionary<string, long>();
    /// <summary>One pass over every record with <see cref="RecordView.Summary"/> (reports, the dashboard), after the searches.</summary>
    [JsonPropertyName("scan_summary_ms")] public double ScanSummaryMs { get; init; }
    /// <summary>One pass over every whole record (<see cref="RecordView.Full"/>), after the summary pass.</summary>
    [JsonPropertyName("scan_full_ms")] public double ScanFullMs { get; init; }
    [JsonPropertyName("peak_rss_mb")] public double PeakRssMegabytes { get; init; }
    [JsonPropertyName("p50_ms")] public double P50Ms { get; init; }
    [JsonPropertyName("p99_ms")] public double P99Ms { get; init; }
    [JsonPropertyName("p50_facets_ms")] public double P50FacetsMs { get; init; }
    [JsonPropertyName("p99_facets_ms")] public double P99FacetsMs { get; init; }
    /// <summary>Top 10 with all seven facets (no peer counts them), best of three per query beside the same without facets.</summary>
    [JsonPropertyName("p50_all_facets_ms")] public double P50AllFacetsMs { get; init; }
    [JsonPropertyName("p99_all_facets_ms")] public double P99AllFacetsMs { get; init; }
    /// <summary>The same queries' top 10 without facets, best of three like the all-facets figures: what counting every facet adds.</summary>
    [JsonPropertyName("p50_no_facets_best_of_3_ms")] public double P50NoFacetsBestOf3Ms { get; init; }
    [JsonPropertyName("p99_no_facets_best_of_3_ms")] public double P99NoFacetsBestOf3Ms { get; init; }
    [JsonPropertyName("queries")] public int Queries { get; init; }
    [JsonPropertyName("zero_hit_queries")] public int ZeroHitQueries { get; init; }
    [JsonPropertyName("median_hits")] public long MedianHits { get; init; }
    /// <summary>Hits per query, in query-file order.</summary>
    [JsonPropertyName("hits")] public IReadOnlyList<long> Hits { get; init; } = [];

    // The package version (4.8.0-beta…); the assembly version says 4.0.0.
    private static string? LuceneVersion() =>
        typeof(global::Lucene.Net.Util.Constants).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    public async Task WriteTextAsync(TextWriter w)
    {
        await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Load: {Records:N0} records ({Quarantined} quarantined) in {LoadSeconds:F1} s = {RecordsPerSecond:N0} records/s; CPU {LoadCpuSeconds:F1} s = {CpuMillisecondsPerRecord:F3} ms per record; machine load average {MachineLoadAverage ?? "n/a"}")).ConfigureAwait(false);
        await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Index: {DatabaseMegabytes:F1} MB in {Segments} segments; peak memory {PeakRssMegabytes:F0} MB")).ConfigureAwait(false);
        await w.WriteLineAsync(string.Join(", ", BytesByExtension.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value / 1048576.0:F2} MB")))).ConfigureAwait(false);
        await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Scan of every record: summaries {ScanSummaryMs:F0} ms, whole records {ScanFullMs:F0} ms")).ConfigureAwait(false);
        await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Top 10 ({Queries} queries, {ZeroHitQueries} without hits, median {MedianHits:N0} hits): p50 {P50Ms} ms, p99 {P99Ms} ms")).ConfigureAwait(false);
        await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Top 10 + IPC subclass and year: p50 {P50FacetsMs} ms, p99 {P99FacetsMs} ms; + all {FacetFields.All.Count} facets: p50 {P50AllFacetsMs} ms, p99 {P99AllFacetsMs} ms")).ConfigureAwait(false);
    }
}
