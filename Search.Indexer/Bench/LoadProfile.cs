using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Records;

namespace Search.Indexer.Bench;

/// <summary>
/// Where a load's time and an index's bytes go, measured outside the engine so the engine stays as it is: first a
/// whole load as <c>load</c> does it (its index's bytes by extension), then the corpus is read into memory
/// (reading and normalising), and each later phase runs alone on those records
/// (stored JSON, summary, document building, analysis per analyser), and the documents the engine builds are
/// indexed again with the engine's writer settings, whole and with one copy of the record left out at a time.
/// Holds the whole corpus in memory: use a corpus of some tens of thousands of records.
/// </summary>
public static class LoadProfile
{
    /// <summary>A variant of the engine's document: its name and the fields it leaves out.</summary>
    private sealed record Variant(string Name, Func<string, bool> Omit, bool Merges = true, bool ReopenEverySecond = false);

    /// <summary>The variant every other is compared with.</summary>
    public const string WholeDocument = "engine document";

    private static readonly Variant[] Variants =
    [
        new(WholeDocument, _ => false),
        new("engine document, merges off", _ => false, Merges: false),
        // The engine refreshes its searcher at most a second behind the writer (LuceneIndexOptions.MaxRefreshDelay),
        // also during a load: each refresh flushes the buffer as a small segment that later merges.
        new("engine document, reopened every second", _ => false, ReopenEverySecond: true),
        new("without stored JSON", f => f == LuceneFields.Json),
        new("without summary doc values", f => f == LuceneFields.Summary),
        new("without Chinese bigram fields", f => PatentFields.TextFamilies.Any(t => t.ChineseBigrams == f)),
        new("without SmartCn word fields", f => PatentFields.TextFamilies.Any(t => t.ChineseWords == f)),
        new("without facet doc values", f => f.StartsWith("fv_", StringComparison.Ordinal)),
        new("without facet keywords", f => f.StartsWith("f_", StringComparison.Ordinal)),
        // The same as the first, last: how far the machine and the warm runtime moved the figures meanwhile.
        new(WholeDocument + ", again", _ => false),
    ];

    public static async Task<ProfileFigures> RunAsync(string corpusPath, string workDir, int threads, Action<string> say, CancellationToken ct)
    {
        // A fixed cost of every load process, paid by whatever analyses Chinese first.
        var (_, dictionaries) = Measure(() =>
        {
            using var analyzers = new PatentAnalyzers();
            using var stream = analyzers.Chinese.GetTokenStream("title_zh", "一种锂电池的制备方法");
            stream.Reset();
            while (stream.IncrementToken())
            {
            }
            stream.End();
            return 0;
        });

        say("Loading through the loader and the engine, as `load` does …");
        var (asLoaded, load) = await LoadAsync(corpusPath, workDir, "engine index as loaded (cold process)", ct).ConfigureAwait(false);

        say("Reading and normalising …");
        var (records, read) = Measure(() => ReadAll(corpusPath));
        if (records.Count == 0) throw new InvalidOperationException($"No record read from {corpusPath}: is it a format the loader reads?");
        var phases = new List<PhaseFigure>
        {
            dictionaries.Named("SmartCn dictionaries and first analysis (once per process)", records.Count),
            load.Named("whole load: loader and engine, as `load`, cold process", records.Count),
            read.Named("read and normalise (reader)", records.Count),
        };

        say("Serialising and building documents …");
        var (_, json) = Measure(() => records.Sum(r => (long)RecordJson.Serialize(r).Length));
        phases.Add(json.Named("stored JSON (RecordJson.Serialize)", records.Count));
        var (_, summary) = Measure(() => records.Sum(r => (long)RecordJson.SerializeCompact(RecordSummary.Of(r)).Length));
        phases.Add(summary.Named("summary JSON (RecordSummary, compact)", records.Count));
        var (documents, build) = Measure(() => records.Select(PatentDocumentBuilder.Build).ToList());
        phases.Add(build.Named("whole document (PatentDocumentBuilder, incl. both JSONs)", records.Count));

        say("Analysing …");
        var tokens = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var analyzers = new PatentAnalyzers())
        {
            foreach (var (group, fields) in AnalyserGroups())
            {
                var (count, analysis) = Measure(() => Analyse(analyzers, documents, fields));
                tokens[group] = count;
                phases.Add(analysis.Named($"analysis: {group}", records.Count));
            }
        }

        var indexes = new List<VariantFigure> { asLoaded };
        // Untimed, so the first variant does not also pay for compiling the indexing code.
        await Task.Run(() => Index(Variants[0], records.Take(Math.Min(records.Count, 2_000)).ToList(), Path.Combine(workDir, "profile-index"), threads), ct).ConfigureAwait(false);
        foreach (var variant in Variants)
        {
            ct.ThrowIfCancellationRequested();
            say($"Indexing: {variant.Name} …");
            indexes.Add(await Task.Run(() => Index(variant, records, Path.Combine(workDir, "profile-index"), threads), ct).ConfigureAwait(false));
        }
        say("Loading again, warm …");
        var (asLoadedWarm, loadWarm) = await LoadAsync(corpusPath, workDir, "engine index as loaded (warm process)", ct).ConfigureAwait(false);
        indexes.Add(asLoadedWarm);
        phases.Add(loadWarm.Named("whole load: loader and engine, as `load`, warm process", records.Count));
        return new ProfileFigures
        {
            Records = records.Count,
            Threads = threads,
            MachineLoadAverage = BenchMachine.LoadAverage(),
            Phases = phases,
            Tokens = tokens,
            Indexes = indexes,
        };
    }

    /// <summary>A whole load into a fresh engine index through <see cref="PatentLoader"/>, and that index's bytes.</summary>
    private static async Task<(VariantFigure Index, Timing Timing)> LoadAsync(string corpusPath, string workDir, string name, CancellationToken ct)
    {
        var enginePath = Path.Combine(workDir, "profile-engine-index");
        if (System.IO.Directory.Exists(enginePath)) System.IO.Directory.Delete(enginePath, true);
        var (loaded, load) = await MeasureAsync(async () =>
        {
            using var engine = SearchEngines.Open(new SearchOptions { IndexPath = enginePath });
            var summary = await new PatentLoader(engine, DefaultReaders.Catalog)
                .LoadAsync([corpusPath], new LoadOptions { QuarantineFolder = Path.Combine(workDir, "profile-quarantine") }, null, ct).ConfigureAwait(false);
            return summary.Loaded;
        }).ConfigureAwait(false);
        var bytes = IndexFiles.BytesByExtension(enginePath);
        System.IO.Directory.Delete(enginePath, true);
        return (new VariantFigure
        {
            Name = name,
            Seconds = Math.Round(load.Wall.TotalSeconds, 2),
            CpuMillisecondsPerRecord = Math.Round(load.Cpu.TotalMilliseconds / Math.Max(1, loaded), 3),
            Megabytes = Math.Round(bytes.Values.Sum() / 1048576.0, 3),
            MegabytesByExtension = bytes.ToDictionary(b => b.Key, b => Math.Round(b.Value / 1048576.0, 3)),
        }, load);
    }

    private static List<PatentRecord> ReadAll(string corpusPath)
    {
        var detection = DefaultReaders.Catalog.Detect(corpusPath);
        if (detection.Reader is null) throw new InvalidOperationException($"No reader recognises {corpusPath}");
        using var stream = File.OpenRead(corpusPath);
        var records = new List<PatentRecord>();
        foreach (var result in detection.Reader.Create().Read(stream, Path.GetFileName(corpusPath)))
            if (result.Record is { } r) records.Add(r);
        return records;
    }

    /// <summary>Tokenised field names by the analyser that handles them, as <see cref="PatentAnalyzers"/> assigns them.</summary>
    private static IEnumerable<(string Group, Func<string, bool> Fields)> AnalyserGroups() =>
    [
        ("SmartCn words (*_zh)", f => PatentFields.TextFamilies.Any(t => t.ChineseWords == f)),
        ("CJK bigrams (*_zh_bi, names)", f => PatentFields.TextFamilies.Any(t => t.ChineseBigrams == f) || f is PatentFields.ApplicantText or PatentFields.InventorText),
        ("English (*_en)", f => PatentFields.TextFamilies.Any(t => t.English == f)),
    ];

    private static long Analyse(PatentAnalyzers analyzers, List<Document> documents, Func<string, bool> fields)
    {
        long count = 0;
        foreach (var doc in documents)
        {
            foreach (var field in doc.Fields)
            {
                if (!fields(field.Name) || field.GetStringValue() is not { } text) continue;
                using var stream = analyzers.PerField.GetTokenStream(field.Name, text);
                var term = stream.AddAttribute<ICharTermAttribute>();
                stream.Reset();
                while (stream.IncrementToken())
                    if (term.Length > 0) count++;
                stream.End();
            }
        }
        return count;
    }

    private static VariantFigure Index(Variant variant, List<PatentRecord> records, string path, int threads)
    {
        if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, true);
        using var analyzers = new PatentAnalyzers();
        PatentCodec.Register();
        // The engine's writer settings (LuceneIndex), except that every segment stays a set of separate files so
        // their sizes can be told apart; compound files only pack the same bytes into one.
        var config = new IndexWriterConfig(PatentAnalyzers.Version, analyzers.PerField)
        {
            OpenMode = OpenMode.CREATE,
            Codec = new PatentCodec(),
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = new LuceneIndexOptions().RamBufferSizeMB,
            MaxBufferedDocs = IndexWriterConfig.DISABLE_AUTO_FLUSH,
            UseCompoundFile = false,
            MergePolicy = variant.Merges ? new TieredMergePolicy { NoCFSRatio = 0 } : NoMergePolicy.NO_COMPOUND_FILES,
        };
        var ((add, close), total) = Measure(() =>
        {
            using var dir = FSDirectory.Open(path);
            var writer = new IndexWriter(dir, config);
            using var searchers = variant.ReopenEverySecond ? new SearcherManager(writer, true, null) : null;
            using var stopReopening = new CancellationTokenSource();
            var reopening = searchers is null ? Task.CompletedTask : Task.Run(async () =>
            {
                while (!stopReopening.IsCancellationRequested)
                {
                    try { await Task.Delay(TimeSpan.FromSeconds(1), stopReopening.Token).ConfigureAwait(false); }
                    catch (OperationCanceledException) { return; }
                    searchers.MaybeRefreshBlocking();
                }
            });
            var (_, adding) = Measure(() =>
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
                Parallel.ForEach(Partitioner.Create(records, loadBalance: true), parallel, record =>
                {
                    var doc = PatentDocumentBuilder.Build(record);
                    foreach (var name in doc.Fields.Select(f => f.Name).Where(variant.Omit).Distinct().ToList())
                        doc.RemoveFields(name);
                    writer.UpdateDocument(new Term(PatentFields.Id, record.Id), doc);
                });
                return 0;
            });
            // Commit flushes the last buffer; Dispose waits for the merges, as the peer's close() does.
            // Stopped and awaited before the writer closes, so no refresh runs against a closed writer; the searchers'
            // readers are released so the segments they held are deleted before the index is measured.
            stopReopening.Cancel();
            reopening.GetAwaiter().GetResult();
            searchers?.Dispose();
            var (_, closing) = Measure(() =>
            {
                writer.Commit();
                writer.Dispose();
                return 0;
            });
            return (adding, closing);
        });
        var bytes = IndexFiles.BytesByExtension(path);
        var figure = new VariantFigure
        {
            Name = variant.Name,
            Seconds = Math.Round(total.Wall.TotalSeconds, 2),
            CpuMillisecondsPerRecord = Math.Round(total.Cpu.TotalMilliseconds / records.Count, 3),
            AddCpuMillisecondsPerRecord = Math.Round(add.Cpu.TotalMilliseconds / records.Count, 3),
            CommitAndMergeCpuSeconds = Math.Round(close.Cpu.TotalSeconds, 2),
            Megabytes = Math.Round(bytes.Values.Sum() / 1048576.0, 3),
            MegabytesByExtension = bytes.ToDictionary(b => b.Key, b => Math.Round(b.Value / 1048576.0, 3)),
        };
        System.IO.Directory.Delete(path, true);
        return figure;
    }

    private readonly record struct Timing(TimeSpan Wall, TimeSpan Cpu)
    {
        public PhaseFigure Named(string name, int records) => new(name, Math.Round(Wall.TotalSeconds, 2), Math.Round(Cpu.TotalSeconds, 2),
            Math.Round(Cpu.TotalMilliseconds / records, 3));
    }

    private static async Task<(T Result, Timing Timing)> MeasureAsync<T>(Func<Task<T>> work)
    {
        var cpu = BenchMachine.ProcessorTime();
        var watch = Stopwatch.StartNew();
        var result = await work().ConfigureAwait(false);
        return (result, new Timing(watch.Elapsed, BenchMachine.ProcessorTime() - cpu));
    }

    private static (T Result, Timing Timing) Measure<T>(Func<T> work)
    {
        var cpu = BenchMachine.ProcessorTime();
        var watch = Stopwatch.StartNew();
        var result = work();
        return (result, new Timing(watch.Elapsed, BenchMachine.ProcessorTime() - cpu));
    }
}

/// <summary>One phase of the load, run alone over the whole corpus.</summary>
public sealed record PhaseFigure(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("cpu_seconds")] double CpuSeconds,
    [property: JsonPropertyName("cpu_ms_per_record")] double CpuMillisecondsPerRecord);

/// <summary>The engine's documents indexed whole or without one copy of the record.</summary>
public sealed record VariantFigure
{
    [JsonPropertyName("variant")] public required string Name { get; init; }
    [JsonPropertyName("seconds")] public double Seconds { get; init; }
    [JsonPropertyName("cpu_ms_per_record")] public double CpuMillisecondsPerRecord { get; init; }
    /// <summary>CPU of building and adding the documents (analysis, inversion, flushes as the buffer fills).</summary>
    [JsonPropertyName("add_cpu_ms_per_record")] public double AddCpuMillisecondsPerRecord { get; init; }
    /// <summary>CPU of the final commit and of waiting for merges.</summary>
    [JsonPropertyName("commit_and_merge_cpu_seconds")] public double CommitAndMergeCpuSeconds { get; init; }
    [JsonPropertyName("size_mb")] public double Megabytes { get; init; }
    [JsonPropertyName("size_mb_by_extension")] public required IReadOnlyDictionary<string, double> MegabytesByExtension { get; init; }
}

public sealed record ProfileFigures
{
    [JsonPropertyName("records")] public int Records { get; init; }
    [JsonPropertyName("indexing_threads")] public int Threads { get; init; }
    [JsonPropertyName("machine_load_average")] public string? MachineLoadAverage { get; init; }
    [JsonPropertyName("phases")] public required IReadOnlyList<PhaseFigure> Phases { get; init; }
    /// <summary>Tokens produced per analyser over the corpus.</summary>
    [JsonPropertyName("tokens")] public required IReadOnlyDictionary<string, long> Tokens { get; init; }
    [JsonPropertyName("indexes")] public required IReadOnlyList<VariantFigure> Indexes { get; init; }

    public async Task WriteTextAsync(TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        await w.WriteLineAsync(string.Create(inv, $"Load profile over {Records:N0} records (machine load average {MachineLoadAverage ?? "n/a"}), each phase alone:")).ConfigureAwait(false);
        foreach (var p in Phases)
            await w.WriteLineAsync(string.Create(inv, $"  {p.Phase,-64} {p.CpuMillisecondsPerRecord,7:F3} ms CPU/record  ({p.Seconds:F1} s wall)")).ConfigureAwait(false);
        await w.WriteLineAsync("Tokens: " + string.Join(", ", Tokens.Select(t => string.Create(inv, $"{t.Key} {t.Value:N0}")))).ConfigureAwait(false);
        var full = Indexes.FirstOrDefault(v => v.Name == LoadProfile.WholeDocument);
        await w.WriteLineAsync(string.Create(inv, $"Indexing with {Threads} threads (size by extension in MB; difference to the whole document):")).ConfigureAwait(false);
        foreach (var v in Indexes)
        {
            var delta = full is null || ReferenceEquals(v, full) ? "" : string.Create(inv, $" ({v.Megabytes - full.Megabytes:+0.0;-0.0;0.0} MB, {v.CpuMillisecondsPerRecord - full.CpuMillisecondsPerRecord:+0.000;-0.000} ms)");
            var parts = v.AddCpuMillisecondsPerRecord > 0 ? string.Create(inv, $" (add {v.AddCpuMillisecondsPerRecord:F3}, commit+merge {v.CommitAndMergeCpuSeconds:F1} s)") : "";
            await w.WriteLineAsync(string.Create(inv, $"  {v.Name,-42} {v.CpuMillisecondsPerRecord:F3} ms CPU/record{parts}, {v.Megabytes:F1} MB{delta}")).ConfigureAwait(false);
            await w.WriteLineAsync("      " + string.Join("  ", v.MegabytesByExtension.Select(e => string.Create(inv, $"{e.Key} {e.Value:F1}")))).ConfigureAwait(false);
        }
    }
}
