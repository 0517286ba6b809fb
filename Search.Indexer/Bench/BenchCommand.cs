using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Loading;
using Search.Indexer.Records;

namespace Search.Indexer.Bench;

/// <summary>
/// <c>bench --records N</c>: builds an N-record corpus from the shipped samples, loads it into a
/// fresh index through the real reader and loader, then runs a fixed query set. Prints load rate,
/// size, peak memory and search latency with and without facets, and Chinese recall against
/// substring matching. <c>bench --corpus FILE --queries FILE</c> runs the peers' protocol instead
/// (<see cref="PeerProtocol"/>) on any loadable corpus and query file; <c>--profile</c> profiles the load
/// (<see cref="LoadProfile"/>).
/// </summary>
public static class BenchCommand
{
    /// <summary>The fixed query set: Chinese and English words and phrases, fields, IPC prefixes, dates.</summary>
    public static readonly string[] Queries =
    [
        "电池", "锂电池", "无人机", "传感器", "排水", "储能", "图像识别", "光伏组件", "半导体", "新能源汽车", "茶叶", "鞋底", "陶瓷", "纺织",
        "控制系统", "数据处理方法", "\"检测装置\"", "电池 AND 充电", "无人机 OR 飞行器", "装置 NOT 方法",
        "battery", "\"solar cell\"", "semiconductor wafer", "machine learning", "garment", "sensor AND signal", "vehicle",
        "applicant:大学", "applicant:研究院", "ipc:H01M", "ipc:G06F", "ipc:A01", "ipc:H01L21", "ipc:B64U20/80",
        "pd:[2018 TO 2020]", "电池 AND pd:[2015 TO 2022]", "ipc:G06F AND 数据", "status:inForce AND 装置", "type:utilityModel AND 结构", "ad:>=2020",
    ];

    /// <summary>Two- and three-character Chinese words whose recall is checked against plain substring matching.</summary>
    public static readonly string[] RecallProbes = ["排水", "储能", "电池", "无人机", "传感器", "光伏", "茶叶", "鞋底", "陶瓷", "图像"];

    public static Command Build(TextWriter stdout)
    {
        var records = new Option<int>("--records") { Description = "Corpus size when the corpus is built from the samples", DefaultValueFactory = _ => 100_000 };
        var corpus = new Option<string?>("--corpus") { Description = "Corpus file in any format the loader reads (export CSV or Excel, USPTO/DOCDB XML, JSON Lines) instead of one built from the samples" };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON" };
        var samples = new Option<string?>("--samples") { Description = "Folder of sample patents to recombine (default: the repository's samples/ folder)" };
        var work = new Option<string?>("--work") { Description = "Working folder for the corpus and index (default: a new temporary folder, deleted afterwards)" };
        var queries = new Option<string?>("--queries")
        {
            Description = "Query file, one query per line, every word required (the peers' protocol and JSON keys); or, without a file, how many of the fixed queries to time (default 1000)",
        };
        var profile = new Option<bool>("--profile") { Description = "Instead of timing searches, profile the load: time per phase and index size per field copy (reads the corpus into memory)" };
        var compareReads = new Option<string[]>("--compare-reads")
        {
            Description = "Instead of loading, time reads (summary scan, whole-record scan, lookups by id) of existing index folders in one process, rounds alternating",
            AllowMultipleArgumentsPerToken = true,
        };
        var seed = new Option<int>("--seed") { Description = "Random seed of the corpus", DefaultValueFactory = _ => 42 };
        var facetsOver = new Option<string?>("--facets-over")
        {
            Description = "Instead of loading, time the --queries FILE (queries as typed) with every facet and without any over an existing index folder: what facet counting costs",
        };
        var cmd = new Command("bench", "Measure load rate, index size, peak memory and search latency on a corpus file or one built from the real samples")
        {
            records, corpus, json, samples, work, queries, profile, seed, compareReads, facetsOver,
        };
        cmd.SetAction(async (result, ct) =>
        {
            if (result.GetValue(facetsOver) is { } facetIndex)
            {
                var facetQueries = result.GetValue(queries);
                if (!Directory.Exists(facetIndex) || facetQueries is null || !File.Exists(facetQueries))
                {
                    await Console.Error.WriteLineAsync($"--facets-over needs an index folder (got '{facetIndex}') and --queries FILE.").ConfigureAwait(false);
                    return 2;
                }
                var asJsonFacets = result.GetValue(json);
                var lines = File.ReadLines(facetQueries).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
                var facetFigures = await FacetComparison.RunAsync(facetIndex, lines, s => { if (!asJsonFacets) stdout.WriteLine(s); }, ct).ConfigureAwait(false);
                await WriteAsync(stdout, facetFigures, asJsonFacets, facetFigures.WriteTextAsync).ConfigureAwait(false);
                return 0;
            }
            if (result.GetValue(compareReads) is { Length: > 0 } folders)
            {
                var missing = folders.FirstOrDefault(f => !Directory.Exists(f));
                if (missing is not null)
                {
                    await Console.Error.WriteLineAsync($"--compare-reads: no folder '{missing}'.").ConfigureAwait(false);
                    return 2;
                }
                var asJsonReads = result.GetValue(json);
                var reads = await ReadComparison.RunAsync(folders, s => { if (!asJsonReads) stdout.WriteLine(s); }, ct).ConfigureAwait(false);
                await WriteAsync(stdout, reads, asJsonReads, w => ReadComparison.WriteTextAsync(w, reads)).ConfigureAwait(false);
                return 0;
            }
            var n = result.GetValue(records);
            var corpusFile = result.GetValue(corpus);
            var queriesValue = result.GetValue(queries);
            var queryFile = queriesValue is not null && File.Exists(queriesValue) ? queriesValue : null;
            var queryCount = 1_000;
            if (queriesValue is not null && queryFile is null && !int.TryParse(queriesValue, NumberStyles.None, CultureInfo.InvariantCulture, out queryCount))
            {
                await Console.Error.WriteLineAsync($"--queries: no file '{queriesValue}' (and it is not a number of queries).").ConfigureAwait(false);
                return 2;
            }
            if (n < 1 || queryCount < 1)
            {
                await Console.Error.WriteLineAsync("--records and --queries must be at least 1.").ConfigureAwait(false);
                return 2;
            }
            if (corpusFile is not null && !File.Exists(corpusFile))
            {
                await Console.Error.WriteLineAsync($"--corpus: no file '{corpusFile}'.").ConfigureAwait(false);
                return 2;
            }
            if (corpusFile is not null && queryFile is null && !result.GetValue(profile))
            {
                await Console.Error.WriteLineAsync("--corpus needs --queries FILE (one query per line), or --profile.").ConfigureAwait(false);
                return 2;
            }
            var samplesPath = result.GetValue(samples) ?? SamplesFolder.Find();
            if (corpusFile is null && (samplesPath is null || !Directory.Exists(samplesPath)))
            {
                await Console.Error.WriteLineAsync("No samples folder found; pass --samples DIR (the repository's samples/ folder) or --corpus FILE.").ConfigureAwait(false);
                return 2;
            }
            var asJson = result.GetValue(json);
            var workDir = result.GetValue(work);
            var temporary = workDir is null;
            workDir ??= Path.Combine(Path.GetTempPath(), "patent-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(workDir);
            void Say(string s)
            {
                if (!asJson) stdout.WriteLine(s);
            }
            try
            {
                if (corpusFile is null && queryFile is null && !result.GetValue(profile))
                {
                    var figures = await RunAsync(samplesPath!, workDir, n, queryCount, result.GetValue(seed), json: asJson, stdout, ct).ConfigureAwait(false);
                    await WriteAsync(stdout, figures, asJson, figures.WriteTextAsync).ConfigureAwait(false);
                    return 0;
                }
                corpusFile ??= BuildCorpus(samplesPath!, workDir, n, result.GetValue(seed), Say);
                if (result.GetValue(profile))
                {
                    var threads = new LuceneIndexOptions().IndexingThreads;
                    var figures = await LoadProfile.RunAsync(corpusFile, workDir, threads, Say, ct).ConfigureAwait(false);
                    await WriteAsync(stdout, figures, asJson, figures.WriteTextAsync).ConfigureAwait(false);
                }
                else
                {
                    var figures = await PeerProtocol.RunAsync(corpusFile, BenchQueries.Read(queryFile!), workDir, Say, ct).ConfigureAwait(false);
                    await WriteAsync(stdout, figures, asJson, figures.WriteTextAsync).ConfigureAwait(false);
                }
                return 0;
            }
            finally
            {
                if (temporary)
                    try { Directory.Delete(workDir, recursive: true); } catch (IOException) { }
            }
        });
        return cmd;
    }

    private static async Task WriteAsync<T>(TextWriter stdout, T figures, bool json, Func<TextWriter, Task> text)
    {
        if (json)
            await stdout.WriteLineAsync(JsonSerializer.Serialize(figures, new JsonSerializerOptions(RecordJson.Options) { WriteIndented = true })).ConfigureAwait(false);
        else
            await text(stdout).ConfigureAwait(false);
    }

    private static string BuildCorpus(string samplesPath, string workDir, int records, int seed, Action<string> say)
    {
        var corpus = BenchCorpus.FromSamples(samplesPath, Readers.DefaultReaders.Catalog);
        var path = Path.Combine(workDir, $"bench-{records}.csv");
        say($"Building a {records:N0}-record corpus from {corpus.SampleRecords:N0} sample records …");
        corpus.Write(path, records, seed, RecallProbes);
        return path;
    }

    public static async Task<BenchFigures> RunAsync(string samplesPath, string workDir, int records, int queryCount, int seed, bool json, TextWriter log, CancellationToken ct)
    {
        void Say(string s)
        {
            if (!json) log.WriteLine(s);
        }

        var catalog = Readers.DefaultReaders.Catalog;
        var corpus = BenchCorpus.FromSamples(samplesPath, catalog);
        var corpusPath = Path.Combine(workDir, $"bench-{records}.csv");
        Say($"Building a {records:N0}-record corpus from {corpus.SampleRecords:N0} sample records …");
        var substringCounts = corpus.Write(corpusPath, records, seed, RecallProbes);
        var corpusBytes = new FileInfo(corpusPath).Length;

        var indexPath = Path.Combine(workDir, "index");
        if (Directory.Exists(indexPath)) Directory.Delete(indexPath, true);
        // No result cache: the bench repeats its queries, and is about what the engine does for a query it has not seen.
        using var engine = SearchEngines.Open(new SearchOptions { IndexPath = indexPath, Lucene = { ResultCacheHits = 0 } });
        var loader = new PatentLoader(engine, catalog);
        Say($"Loading {corpusBytes / 1048576.0:F0} MB …");
        // CPU time is reported beside wall time: on a shared machine it is the figure that repeats.
        var loadAverageBefore = BenchMachine.LoadAverage();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var summary = await loader.LoadAsync([corpusPath], new LoadOptions { QuarantineFolder = Path.Combine(workDir, "quarantine") }, null, ct).ConfigureAwait(false);
        var loadCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var loadAverageAfter = BenchMachine.LoadAverage();
        var stats = await engine.GetStatsAsync(ct).ConfigureAwait(false);

        // Warm up once over the set, then time.
        foreach (var text in Queries)
            await engine.SearchAsync(new PatentQuery { Text = text, Facets = FacetFields.All }, ct).ConfigureAwait(false);
        var withFacets = await TimeAsync(engine, queryCount, FacetFields.All, ct).ConfigureAwait(false);
        var without = await TimeAsync(engine, queryCount, [], ct).ConfigureAwait(false);

        var recall = new List<RecallFigure>();
        foreach (var probe in RecallProbes)
        {
            var hits = await engine.SearchAsync(new PatentQuery { Text = probe, PageSize = 1, Highlight = false }, ct).ConfigureAwait(false);
            recall.Add(new RecallFigure(probe, substringCounts[probe], hits.Total));
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new BenchFigures
        {
            Records = records,
            Loaded = summary.Loaded,
            Quarantined = summary.Quarantined,
            LoadSeconds = Math.Round(summary.Elapsed.TotalSeconds, 2),
            RecordsPerSecond = Math.Round(summary.Loaded / summary.Elapsed.TotalSeconds),
            MegabytesPerSecond = Math.Round(corpusBytes / 1048576.0 / summary.Elapsed.TotalSeconds, 2),
            LoadCpuSeconds = Math.Round(loadCpu.TotalSeconds, 1),
            CpuMillisecondsPerRecord = Math.Round(loadCpu.TotalMilliseconds / Math.Max(1, summary.Loaded), 3),
            MachineLoadAverage = loadAverageBefore is null || loadAverageAfter is null ? null : $"{loadAverageBefore} -> {loadAverageAfter}",
            CorpusMegabytes = Math.Round(corpusBytes / 1048576.0, 1),
            IndexMegabytes = Math.Round(stats.SizeBytes / 1048576.0, 1),
            PeakMemoryMegabytes = Math.Round(self.PeakWorkingSet64 / 1048576.0),
            Queries = queryCount,
            WithFacets = withFacets,
            WithoutFacets = without,
            Recall = recall,
        };
    }

    private static async Task<LatencyFigures> TimeAsync(IPatentIndex engine, int count, IReadOnlyList<string> facets, CancellationToken ct)
    {
        var times = new double[count];
        long totalHits = 0;
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            var r = await engine.SearchAsync(new PatentQuery { Text = Queries[i % Queries.Length], Facets = facets, Highlight = true }, ct).ConfigureAwait(false);
            times[i] = watch.Elapsed.TotalMilliseconds;
            totalHits += r.Total;
        }
        Array.Sort(times);
        return new LatencyFigures(Percentile(times, 0.50), Percentile(times, 0.99), Math.Round(times[^1], 2), Math.Round(times.Average(), 2), totalHits / count);
    }

    private static double Percentile(double[] sorted, double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
}

public sealed record LatencyFigures(double P50Ms, double P99Ms, double MaxMs, double MeanMs, long MeanHits);

/// <summary>Hits of the engine for a Chinese word against records that contain it as a substring.</summary>
public sealed record RecallFigure(string Query, long SubstringMatches, long EngineHits)
{
    public double Ratio => SubstringMatches == 0 ? 1 : Math.Round((double)EngineHits / SubstringMatches, 3);
}

public sealed record BenchFigures
{
    public int Records { get; init; }
    public long Loaded { get; init; }
    public long Quarantined { get; init; }
    public double LoadSeconds { get; init; }
    public double RecordsPerSecond { get; init; }
    public double MegabytesPerSecond { get; init; }
    /// <summary>Process CPU time (all threads) spent during the load.</summary>
    public double LoadCpuSeconds { get; init; }
    public double CpuMillisecondsPerRecord { get; init; }
    /// <summary>One-minute load average before and after the load (Linux), e.g. "0.3 -> 2.1" on 2 cores.</summary>
    public string? MachineLoadAverage { get; init; }
    public double CorpusMegabytes { get; init; }
    public double IndexMegabytes { get; init; }
    public double PeakMemoryMegabytes { get; init; }
    public int Queries { get; init; }
    public required LatencyFigures WithFacets { get; init; }
    public required LatencyFigures WithoutFacets { get; init; }
    public required IReadOnlyList<RecallFigure> Recall { get; init; }

    public async Task WriteTextAsync(TextWriter w)
    {
        await w.WriteLineAsync($"Load: {Loaded:N0} of {Records:N0} records in {LoadSeconds:F1} s = {RecordsPerSecond:N0} records/s, {MegabytesPerSecond:F1} MB/s ({CorpusMegabytes:F0} MB corpus, {Quarantined} quarantined)").ConfigureAwait(false);
        await w.WriteLineAsync($"Load CPU: {LoadCpuSeconds:F1} s = {CpuMillisecondsPerRecord:F3} ms per record; machine load average {MachineLoadAverage ?? "n/a"}").ConfigureAwait(false);
        await w.WriteLineAsync($"Index: {IndexMegabytes:F0} MB; peak memory {PeakMemoryMegabytes:N0} MB").ConfigureAwait(false);
        await w.WriteLineAsync($"Search ({Queries:N0} queries) with facets: p50 {WithFacets.P50Ms} ms, p99 {WithFacets.P99Ms} ms, max {WithFacets.MaxMs} ms").ConfigureAwait(false);
        await w.WriteLineAsync($"Search without facets: p50 {WithoutFacets.P50Ms} ms, p99 {WithoutFacets.P99Ms} ms, max {WithoutFacets.MaxMs} ms").ConfigureAwait(false);
        await w.WriteLineAsync("Chinese recall against substring matching: " + string.Join(", ", Recall.Select(r => $"{r.Query} {r.EngineHits:N0}/{r.SubstringMatches:N0}"))).ConfigureAwait(false);
    }
}

/// <summary>Finds the repository's samples/ folder from the working or application folder upwards.</summary>
public static class SamplesFolder
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Marketplace.sln"))) return candidate;
            }
        }
        return null;
    }
}
