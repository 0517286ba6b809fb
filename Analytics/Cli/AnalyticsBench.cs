using System.Diagnostics;
using Analytics.Chains;
using Analytics.Evaluation;
using Analytics.HighValue;
using Analytics.Taxonomy;
using Analytics.Value;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Records;

namespace Analytics.Cli;

/// <summary>The bench's figures.</summary>
public sealed record BenchFigures(int TrainRecords, double TrainSeconds, int LabelRecords, double LabelSeconds, double LabelRecordsPerSecond, double PeakMemoryMegabytes, int Cores)
{
    /// <summary>Processor seconds (all threads) of the training and of the labelling: on a shared machine, steadier than the elapsed time.</summary>
    public double TrainCpuSeconds { get; init; }
    public double LabelCpuSeconds { get; init; }
    /// <summary>The classifiers' trainer and features (<see cref="ClassifierSettings.Spec"/>).</summary>
    public string? Classifier { get; init; }
    /// <summary>The machine's load average (1, 5, 15 minutes) when the bench started and ended, where the system tells it (Linux).</summary>
    public string? LoadAtStart { get; init; }
    public string? LoadAtEnd { get; init; }
}

/// <summary>
/// Generates patents from the real samples (titles with their gold IPC from cn-titles-ipc, abstract
/// sentences, applicants from the exports), trains the chain model on some and labels many more —
/// rules, classifier, sub-topics, technology fields, high-value criteria and value index — in the
/// batches <c>label</c> uses. Writing to the search index is not timed here (Search.Indexer's bench
/// measures it).
/// </summary>
public sealed class AnalyticsBench
{
    private readonly List<TitledPatent> _titles;
    private readonly List<string> _sentences;
    private readonly List<Party> _applicants;
    private readonly List<PatentRecord>? _corpus;

    private AnalyticsBench(List<TitledPatent> titles, List<string> sentences, List<Party> applicants, List<PatentRecord>? corpus = null)
    {
        _titles = titles;
        _sentences = sentences;
        _applicants = applicants;
        _corpus = corpus;
    }

    /// <summary>
    /// A bench over the records of real files (e.g. the peers' generated 61-column Chinese export), read by the loader's
    /// readers: training takes the first records, labelling cycles through them all.
    /// </summary>
    public static AnalyticsBench FromFiles(IReadOnlyList<string> paths)
    {
        var corpus = EvaluationCorpus.Read(paths).Records.ToList();
        if (corpus.Count == 0) throw new InvalidDataException($"{string.Join(", ", paths)}: no records.");
        return new AnalyticsBench([], [], [], corpus);
    }

    public static AnalyticsBench FromSamples(string samplesFolder)
    {
        var titles = TitleIpcFile.Read(Path.Combine(samplesFolder, "cn-titles-ipc", "cn_titles_ipc.csv")).Rows.ToList();
        var sentences = new List<string>();
        var applicants = new List<Party>();
        foreach (var file in PatentLoader.ExpandPaths([samplesFolder]))
        {
            if (file.Name.Contains("titles", StringComparison.Ordinal)) continue;
            var detection = DefaultReaders.Catalog.Detect(file.FullName);
            if (detection.Reader is null) continue;
            using var stream = file.OpenRead();
            foreach (var result in detection.Reader.Create().Read(stream, file.Name))
            {
                if (result.Record is not { } r) continue;
                foreach (var a in r.Abstracts.Where(a => a.Language == "zh"))
                    sentences.AddRange(a.Text.Split('。', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 10));
                applicants.AddRange(r.Applicants.Where(a => a.Type != PartyType.Unknown));
            }
        }
        if (sentences.Count == 0 || applicants.Count == 0) throw new InvalidOperationException($"No Chinese abstracts or typed applicants under {samplesFolder}.");
        applicants.Add(new Party { Name = "泉州师范学院", Type = PartyType.University });
        applicants.Add(new Party { Name = "华侨大学", Type = PartyType.University });
        return new AnalyticsBench(titles, sentences, applicants);
    }

    /// <summary>The same <paramref name="count"/> records for the same seed, generated one at a time.</summary>
    public IEnumerable<PatentRecord> Records(int count, int seed)
    {
        if (_corpus is { } corpus)
        {
            for (var i = 0; i < count; i++) yield return corpus[i % corpus.Count];
            yield break;
        }
        var random = new Random(seed);
        LegalStatus[] statuses = [LegalStatus.InForce, LegalStatus.InForce, LegalStatus.InForce, LegalStatus.Pending, LegalStatus.Lapsed, LegalStatus.Expired];
        for (var i = 0; i < count; i++)
        {
            var t = _titles[random.Next(_titles.Count)];
            var filed = new DateOnly(2004 + random.Next(21), 1 + random.Next(12), 1 + random.Next(28));
            var status = statuses[random.Next(statuses.Length)];
            var granted = status != LegalStatus.Pending;
            var r = new PatentRecord
            {
                PublicationNumber = new PatentNumber("CN", (100_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), granted ? "B" : "A"),
                DocumentType = DocumentType.Invention,
                Stage = granted ? PublicationStage.Grant : PublicationStage.Application,
                Titles = [new LocalizedText("zh", t.Title)],
                Abstracts = [new LocalizedText("zh", _sentences[random.Next(_sentences.Count)] + "。" + _sentences[random.Next(_sentences.Count)] + "。")],
                IpcCodes = [.. t.IpcSubclasses],
                Applicants = [_applicants[random.Next(_applicants.Count)]],
                ApplicationDate = filed,
                GrantDate = granted ? filed.AddDays(300 + random.Next(1200)) : null,
                LegalStatus = status,
                Counts = new PatentCounts
                {
                    Citations = random.Next(20), CitedBy = random.Next(3) == 0 ? random.Next(15) : 0, FamilySize = 1 + (random.Next(8) == 0 ? random.Next(6) : 0),
                    Transfers = random.Next(10) == 0 ? 1 : 0, Licenses = random.Next(20) == 0 ? 1 : 0, Pledges = random.Next(25) == 0 ? 1 : 0,
                },
            };
            if (status is LegalStatus.Lapsed or LegalStatus.Expired) r.LapseDate = r.GrantDate!.Value.AddDays(365 + random.Next(3000));
            yield return r;
        }
    }

    public BenchFigures Run(int trainRecords, int labelRecords, int batchSize, string modelsFolder, IProgress<AnalyticsProgress>? progress, ClassifierSettings? classifier = null)
    {
        var taxonomy = IndustryTaxonomy.Default;
        var rules = new ChainRules(taxonomy);
        var options = new ChainModelOptions();
        if (classifier is not null)
        {
            options.ClassifierTrainer = classifier.Trainer;
            options.ClassifierIterations = classifier.Iterations;
            options.ClassifierL2 = classifier.L2;
            options.CharacterNgrams = classifier.CharacterNgrams;
            options.HashingBits = classifier.HashingBits;
            options.TitleWeight = classifier.TitleWeight;
        }
        var loadAtStart = LoadAverage();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        progress?.Report(new AnalyticsProgress("training", 0, trainRecords));
        using (var trained = ChainModel.Train(Records(trainRecords, 1), rules, options,
                   new Progress<string>(s => progress?.Report(new AnalyticsProgress(s, 0, trainRecords)))))
            trained.Save(modelsFolder);
        var trainSeconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var trainCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
        cpu = process.TotalProcessorTime;

        watch.Restart();
        var clock = TimeProvider.System;
        var values = new ValueIndex(new ValueIndexOptions(), clock);
        foreach (var r in Records(labelRecords, 2)) values.Add(r);
        using var model = ChainModel.Load(modelsFolder, rules, options);
        var analytics = new PatentAnalytics(new AnalyticsOptions { ModelsPath = modelsFolder }, taxonomy, clock);
        var labeller = new RecordLabeller(model, new HighValueAssessor(taxonomy, new HighValueOptions(), clock),
            analytics.SleepingRules(analytics.LabelledSleepingOptions()), values, analytics.LabelVersion(model.Manifest));
        var counts = new LabelCounter();
        var batch = new List<PatentRecord>(batchSize);
        foreach (var r in Records(labelRecords, 2))
        {
            batch.Add(r);
            if (batch.Count < batchSize) continue;
            labeller.Label(batch, counts);
            batch.Clear();
            progress?.Report(new AnalyticsProgress("labelling", counts.Records, labelRecords));
        }
        if (batch.Count > 0) labeller.Label(batch, counts);
        var labelSeconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return new BenchFigures(trainRecords, Math.Round(trainSeconds, 1), labelRecords, Math.Round(labelSeconds, 1), Math.Round(labelRecords / labelSeconds),
            Math.Round(process.PeakWorkingSet64 / 1048576.0), Environment.ProcessorCount)
        {
            TrainCpuSeconds = Math.Round(trainCpu, 1),
            LabelCpuSeconds = Math.Round((process.TotalProcessorTime - cpu).TotalSeconds, 1),
            Classifier = options.Classifier().Spec,
            LoadAtStart = loadAtStart,
            LoadAtEnd = LoadAverage(),
        };
    }

    private static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
