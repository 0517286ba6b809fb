using System.Globalization;
using Analytics.Chains;
using Analytics.HighValue;
using Analytics.Lifecycle;
using Analytics.Sleeping;
using Analytics.Taxonomy;
using Analytics.Uploads;
using Analytics.Value;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics;

/// <summary>Progress of a long Analytics job: a phase, records done, and the total when known.</summary>
public sealed record AnalyticsProgress(string Phase, long Done, long? Total);

/// <summary>What a labelling run did.</summary>
public sealed record LabelSummary(long Records, long WithChain, long ByRules, long ByModel, long HighValue, long HighValueUnknown, long WithValueIndex, TimeSpan Elapsed);

/// <summary>A sleeping patent in the report, with its value and the rules that made it sleep (or left it unknown).</summary>
public sealed record SleepingPatent(string Id, string? Title, string Owners, ValueScore Value, SleepingAssessment Assessment);

/// <summary>
/// The Analytics services the command line and the web application call: train the chain model,
/// label the patents in the index (chains, sub-topics, technology fields, high-value flags, value
/// index, sleeping flags) and screen for sleeping patents. Long jobs report progress and can be cancelled.
/// </summary>
public sealed partial class PatentAnalytics(AnalyticsOptions options, IndustryTaxonomy taxonomy, TimeProvider clock, IPledgeFinancingSource? pledgeFinancing = null)
{
    public AnalyticsOptions Options => options;
    public IndustryTaxonomy Taxonomy => taxonomy;

    /// <summary>
    /// Trains on every record of the index (or the given records) and saves the model as a new version in
    /// <see cref="AnalyticsOptions.ModelsPath"/>, activated when it passes validation (<see cref="TrainVersionAsync"/>).
    /// </summary>
    public async Task<ChainModelManifest> TrainAsync(IAsyncEnumerable<PatentRecord> records, IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default) =>
        (await TrainVersionAsync(records, progress, ct).ConfigureAwait(false)).Manifest;

    // Training needs only text and classification: keeping 100 k full records would hold abstracts and claims for nothing.
    private static PatentRecord Slim(PatentRecord r) => new()
    {
        PublicationNumber = r.PublicationNumber,
        Titles = r.Titles,
        Abstracts = r.Abstracts.Select(a => a.Text.Length > 400 ? a with { Text = a.Text[..400] } : a).ToList(),
        IpcCodes = r.IpcCodes,
    };

    /// <summary>Loads the active version (a new instance the caller disposes).</summary>
    public ChainModel LoadModel() =>
        Store.ActiveVersion() is { } version
            ? ChainModel.Load(Store.FolderOf(version), new ChainRules(taxonomy), options.Chains)
            : throw new FileNotFoundException($"No trained chain model in {options.ModelsPath}: run 'Analytics train' first.", Path.Combine(options.ModelsPath, ModelStore.ActiveFile));

    public HighValueAssessor HighValueAssessor()
    {
        PatentNumberLookup<AwardEntry>? awards = null;
        PatentNumberLookup<PledgeEntry>? pledges = null;
        if (!string.IsNullOrWhiteSpace(options.AwardsFile))
            awards = new PatentNumberLookup<AwardEntry>(Checked(OperatorLists.ReadAwards(options.AwardsFile)).Entries, a => a.PatentNumber);
        // The host's pledge register replaces the uploaded list; the list stays for the command line, which has no register.
        if (PledgeRegister() is { } register)
            pledges = register;
        else if (!string.IsNullOrWhiteSpace(options.PledgesFile))
            pledges = new PatentNumberLookup<PledgeEntry>(Checked(OperatorLists.ReadPledges(options.PledgesFile)).Entries, p => p.PatentNumber);
        return new HighValueAssessor(taxonomy, options.HighValue, clock, awards, pledges);
    }

    /// <summary>The host's pledge register by patent number, read now; null when the host has none (the command line).</summary>
    public PatentNumberLookup<PledgeEntry>? PledgeRegister() =>
        pledgeFinancing is null ? null : new PatentNumberLookup<PledgeEntry>(pledgeFinancing.Entries(), p => p.PatentNumber);

    /// <summary>An uploaded list with refused rows is not used half-way: the operator fixes it first.</summary>
    private static UploadResult<T> Checked<T>(UploadResult<T> result) =>
        result.Rejected.Count == 0 ? result
            : throw new InvalidDataException($"{result.Source}: {result.Rejected.Count} row(s) refused: " + string.Join("; ", result.Rejected.Take(10)));

    public SleepingPatentRules SleepingRules(SleepingPatentOptions? overrides = null)
    {
        HashSet<string>? implemented = null;
        if (!string.IsNullOrWhiteSpace(options.ImplementedFile))
        {
            implemented = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in TabularFile.Read(options.ImplementedFile))
            {
                var number = row.Get(["publication_number", "patent_number", "application_number", "公开号", "专利号", "申请号"]);
                if (number is null || !PatentNumber.TryParse(number, out var n))
                    throw new InvalidDataException($"{options.ImplementedFile}:{row.Line}: '{number}' is not a patent number");
                implemented.Add(n.Key);
            }
        }
        return new SleepingPatentRules(overrides ?? options.Sleeping, clock, implemented, PledgeRegister());
    }

    /// <summary>The value index over a population: one pass to learn the cohorts.</summary>
    public async Task<ValueIndex> BuildValueIndexAsync(IAsyncEnumerable<PatentRecord> records, IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default)
    {
        var index = new ValueIndex(options.Value, clock);
        await foreach (var r in records.WithCancellation(ct).ConfigureAwait(false))
        {
            index.Add(r);
            if (index.Count % 10_000 == 0) progress?.Report(new AnalyticsProgress("value cohorts", index.Count, null));
        }
        return index;
    }

    /// <summary>
    /// Labels every record in the index and writes it back in batches: chains (with reasons and
    /// confidences), sub-topics, technology fields, the high-value flag with its criteria, the value
    /// index, the sleeping flag and the <see cref="LabelVersion"/> they were made with. Two passes: the
    /// first learns the value cohorts, the second labels and writes the labels (<see cref="IPatentIndex.SetLabelsAsync"/>).
    /// </summary>
    public async Task<LabelSummary> LabelIndexAsync(IPatentIndex index, IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default)
    {
        var started = clock.GetTimestamp();
        var epoch = index.WriteEpoch;
        var total = (await index.GetStatsAsync(ct).ConfigureAwait(false)).Records;
        var values = await BuildValueIndexAsync(index.ExportAsync(ct), progress, ct).ConfigureAwait(false);
        using var model = LoadModel();
        var labeller = new RecordLabeller(model, HighValueAssessor(), SleepingRules(LabelledSleepingOptions()), values, LabelVersion(model.Manifest));
        // The pass has just learnt the cohorts of the whole index: arriving records are scored against them from now on.
        RememberCohorts(values);
        var batch = new List<PatentRecord>(options.BatchSize);
        var counts = new LabelCounter();
        await foreach (var r in index.ExportAsync(ct).WithCancellation(ct).ConfigureAwait(false))
        {
            batch.Add(r);
            if (batch.Count < options.BatchSize) continue;
            await FlushAsync().ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);
        await index.CommitSinceAsync(epoch, ct).ConfigureAwait(false);
        return counts.Summary(clock.GetElapsedTime(started));

        async Task FlushAsync()
        {
            await LabelAndWriteAsync(index, labeller, batch, counts, ct).ConfigureAwait(false);
            progress?.Report(new AnalyticsProgress("labelling", counts.Records, total));
        }
    }

    /// <summary>
    /// Labels <paramref name="batch"/> and writes only the labels and scores Analytics owns, applied to each record as
    /// stored when written: a label the marketplace wrote meanwhile (an open licence published during a pass) stays.
    /// The batch is emptied.
    /// </summary>
    private static async Task LabelAndWriteAsync(IPatentIndex index, RecordLabeller labeller, List<PatentRecord> batch, LabelCounter counts, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        await labeller.LabelAsync(batch, counts, ct).ConfigureAwait(false);
        var changes = new Dictionary<string, LabelChanges>(batch.Count, StringComparer.Ordinal);
        foreach (var r in batch) changes[r.Id] = LabelChanges.From(r, LabelNames.Written, LabelNames.WrittenScorePrefixes);
        await index.SetLabelsAsync(changes, ct).ConfigureAwait(false);
        batch.Clear();
    }

    /// <summary>Screens every record of the index with the sleeping rules and ranks the sleeping ones by value index, highest first.</summary>
    public async Task<IReadOnlyList<SleepingPatent>> SleepingReportAsync(IPatentIndex index, SleepingPatentOptions? rules = null, bool includeUnknown = false,
        IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default)
    {
        var values = await BuildValueIndexAsync(index.ExportAsync(ct), progress, ct).ConfigureAwait(false);
        var screen = SleepingRules(rules);
        var portfolio = rules ?? options.Sleeping;
        var found = new List<SleepingPatent>();
        long done = 0;
        await foreach (var r in index.ExportAsync(ct).WithCancellation(ct).ConfigureAwait(false))
        {
            if (!portfolio.InPortfolio(r))
            {
                ++done;
                continue;
            }
            var a = screen.Assess(r);
            if (a.Verdict == Finding.Met || (includeUnknown && a.Verdict == Finding.Unknown))
                found.Add(new SleepingPatent(r.Id, r.Title("zh"), string.Join("; ", r.Applicants.Select(p => p.Name)), values.Score(r), a));
            if (++done % 10_000 == 0) progress?.Report(new AnalyticsProgress("screening", done, values.Count));
        }
        return found.OrderBy(s => s.Assessment.Verdict == Finding.Met ? 0 : 1).ThenByDescending(s => s.Value.Index ?? -1).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }
}

/// <summary>Counts what a labelling run gave.</summary>
internal sealed class LabelCounter
{
    public long Records, WithChain, ByRules, ByModel, HighValue, HighValueUnknown, WithValueIndex;

    public LabelSummary Summary(TimeSpan elapsed) => new(Records, WithChain, ByRules, ByModel, HighValue, HighValueUnknown, WithValueIndex, elapsed);
}

/// <summary>Writes every Analytics label and score into records, batch by batch.</summary>
internal sealed class RecordLabeller
{
    private readonly ChainModel _model;
    private readonly HighValueAssessor _highValue;
    private readonly ValueIndex _values;

    private readonly SleepingPatentRules _sleeping;
    private readonly string _version;

    public RecordLabeller(ChainModel model, HighValueAssessor highValue, SleepingPatentRules sleeping, ValueIndex values, string version)
    {
        _model = model;
        _highValue = highValue;
        _sleeping = sleeping;
        _values = values;
        _version = version;
        values.Freeze();
    }

    /// <summary>The flag facets read "true" and "false" (the site, reports and matching look for "true"); "unknown" when the source cannot decide.</summary>
    public static string FlagValue(Finding finding) => finding switch
    {
        Finding.Met => "true",
        Finding.NotMet => "false",
        _ => "unknown",
    };

    /// <summary>
    /// <see cref="Label"/> on background threads, below the site's requests (<see cref="BackgroundWork"/>): a batch costs
    /// a core for a while, and no request waits on it.
    /// </summary>
    public Task LabelAsync(IReadOnlyList<PatentRecord> batch, LabelCounter counts, CancellationToken ct) =>
        BackgroundWork.Run(() => Label(batch, counts), ct);

    public void Label(IReadOnlyList<PatentRecord> batch, LabelCounter counts)
    {
        var labels = _model.Label(batch);
        var findings = new Finding[batch.Count];
        var indexed = new bool[batch.Count];
        Parallel.For(0, batch.Count, i =>
        {
            var r = batch[i];
            ChainModel.Apply(r, labels[i]);
            var hv = _highValue.Assess(r);
            findings[i] = hv.IsHighValue;
            r.Labels[LabelNames.HighValue] = [FlagValue(hv.IsHighValue)];
            r.Labels[LabelNames.HighValueReason] = [hv.ValidInvention.ToString(), .. hv.Criteria.Select(c => c.ToString())];
            r.Labels[LabelNames.Sleeping] = [FlagValue(_sleeping.Assess(r).Verdict)];
            r.Labels[LabelNames.Version] = [_version];
            var v = _values.Score(r);
            foreach (var key in r.Scores.Keys.Where(k => k.StartsWith(LabelNames.ValueIndex, StringComparison.Ordinal)).ToList())
                r.Scores.Remove(key);
            if (v.Index is not { } index) return;
            indexed[i] = true;
            r.Scores[LabelNames.ValueIndex] = index;
            r.Scores[LabelNames.ValueIndex + ":coverage"] = v.Coverage;
            foreach (var c in v.Components.Where(c => c.Percentile is not null))
                r.Scores[$"{LabelNames.ValueIndex}:{c.Component}"] = c.Percentile!.Value;
        });
        for (var i = 0; i < batch.Count; i++)
        {
            counts.Records++;
            if (labels[i].Chains.Count > 0) counts.WithChain++;
            if (labels[i].Chains.Any(c => c.Source != ChainEvidence.Model)) counts.ByRules++;
            else if (labels[i].Chains.Count > 0) counts.ByModel++;
            if (findings[i] == Finding.Met) counts.HighValue++;
            if (findings[i] == Finding.Unknown) counts.HighValueUnknown++;
            if (indexed[i]) counts.WithValueIndex++;
        }
    }
}

internal static class Formats
{
    public static string Percent(double x) => (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
