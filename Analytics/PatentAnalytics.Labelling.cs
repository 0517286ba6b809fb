using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Analytics.Chains;
using Analytics.HighValue;
using Analytics.Sleeping;
using Analytics.Value;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics;

/// <summary>
/// Where the labels of an index stand: how many records it holds, how many carry no labels, how many of a
/// sample were labelled with other models or settings, and the <see cref="PatentAnalytics.LabelVersion"/>
/// the current model gives (null when no usable model is trained yet).
/// </summary>
public sealed record LabelCheck(long Records, long Unlabelled, int Outdated, string? Version, string Reason)
{
    /// <summary>Whether <see cref="PatentAnalytics.EnsureLabelledAsync"/> has work to do.</summary>
    public bool NeedsLabelling => Records > 0 && (Version is null || Unlabelled > 0 || Outdated > 0);
}

/// <summary>What <see cref="PatentAnalytics.EnsureLabelledAsync"/> did: nothing (<see cref="Labelled"/> null), or train (when no model fit) and label.</summary>
public sealed record LabelRun(LabelCheck Check, ChainModelManifest? Trained, LabelSummary? Labelled);

public sealed partial class PatentAnalytics
{
    /// <summary>
    /// Raised whenever labelling writes something new or writes it differently, so that indexes labelled
    /// by older code are labelled again. 2: the flags read true/false/unknown, sleeping and the version are written.
    /// </summary>
    public const int LabelSchema = 2;

    /// <summary>Records read to tell whether labels were made with the current version: labelling writes every record, so a few tell.</summary>
    public const int VersionSampleSize = 50;

    /// <summary>The manifest of the active version in <see cref="AnalyticsOptions.ModelsPath"/> when it is trained on the current taxonomy; null otherwise.</summary>
    public ChainModelManifest? TrainedManifest() =>
        // A damaged manifest reads as none (the store leaves it out): training writes a new version.
        Store.ActiveVersion() is { } version && Store.Read(version) is { } manifest && manifest.TaxonomyVersion == taxonomy.Version ? manifest : null;

    /// <summary>
    /// A short fingerprint of what labels depend on: the labelling code (<see cref="LabelSchema"/>), the
    /// taxonomy version, the model (when it was trained) and the settings and operator lists the rules read.
    /// Written into every record; a start finds records with another one and labels again.
    /// </summary>
    public string LabelVersion(ChainModelManifest manifest)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{LabelSchema}|{taxonomy.Version}|{manifest.TaxonomyVersion}|{manifest.TrainedAt.ToUnixTimeMilliseconds()}|{manifest.Seed}|{manifest.TrainingRecords}|")
            .Append(JsonSerializer.Serialize(new { options.HighValue, options.Value, Sleeping = LabelledSleepingOptions() }))
            .Append('|').Append(ListStamp(options.AwardsFile))
            .Append('|').Append(pledgeFinancing is null ? ListStamp(options.PledgesFile) : PledgeStamp(pledgeFinancing.Entries()))
            .Append('|').Append(ListStamp(options.ImplementedFile));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    // Registered pledges count by what criterion 4 reads of them, so registering or changing one labels the index again.
    private static string PledgeStamp(IReadOnlyList<PledgeEntry> entries) =>
        string.Join(";", entries.Select(e => $"{e.PatentNumber}={e.AmountCny.ToString(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal));

    // An operator's list counts by its content, which its size and time of writing stand for cheaply.
    private static string ListStamp(string? path) =>
        string.IsNullOrWhiteSpace(path) ? "" : File.Exists(path) ? $"{Path.GetFullPath(path)}:{new FileInfo(path).Length}:{File.GetLastWriteTimeUtc(path).Ticks}" : path;

    /// <summary>
    /// The sleeping rules the labels use: without a list of implemented patents (<see cref="AnalyticsOptions.ImplementedFile"/>)
    /// the no-implementation rule could only ever be unknown and would leave every patent undecided, so it is
    /// left out, as <c>Analytics report-sleeping</c> does.
    /// </summary>
    public SleepingPatentOptions LabelledSleepingOptions() => options.Sleeping.ForImplementedList(options.ImplementedFile);

    /// <summary>
    /// Reads where the index's labels stand, cheaply: one search counting the high-value facet (every
    /// labelled record has one value in it) and reading <see cref="VersionSampleSize"/> records' version.
    /// </summary>
    public async Task<LabelCheck> CheckLabelsAsync(IPatentIndex index, CancellationToken ct = default)
    {
        var result = await index.SearchAsync(new PatentQuery
        {
            PageSize = VersionSampleSize,
            Facets = [LabelFacets.HighValue],
            FacetSize = 10,
            Highlight = false,
        }, ct).ConfigureAwait(false);
        var labelled = result.Facets.TryGetValue(LabelFacets.HighValue, out var values) ? values.Sum(v => v.Count) : 0;
        var unlabelled = Math.Max(0, result.Total - labelled);
        var manifest = TrainedManifest();
        if (result.Total == 0) return new LabelCheck(0, 0, 0, manifest is null ? null : LabelVersion(manifest), "the index is empty");
        if (manifest is null)
            return new LabelCheck(result.Total, unlabelled, 0, null, $"no model trained on taxonomy {taxonomy.Version} in {options.ModelsPath}");
        var version = LabelVersion(manifest);
        var outdated = result.Hits.Count(h => h.Record.Labels.ContainsKey(LabelNames.HighValue) && !IsVersion(h.Record, version));
        var reason = (unlabelled, outdated) switch
        {
            (> 0, _) => $"{unlabelled} of {result.Total} records have no labels",
            (_, > 0) => $"{outdated} of {result.Hits.Count} records read were labelled with other models, taxonomy or settings",
            _ => $"all {result.Total} records are labelled (version {version})",
        };
        return new LabelCheck(result.Total, unlabelled, outdated, version, reason);
    }

    private static bool IsVersion(PatentRecord r, string version) =>
        r.Labels.TryGetValue(LabelNames.Version, out var v) && v.Contains(version, StringComparer.Ordinal);

    /// <summary>
    /// Brings the index's labels up to date, as <c>Analytics train</c> then <c>Analytics label</c> would: when no
    /// model fits the taxonomy it trains one on the records of the index, then labels every record. Does nothing
    /// when every record already carries labels of the current <see cref="LabelVersion"/>, so a restart is cheap.
    /// </summary>
    public async Task<LabelRun> EnsureLabelledAsync(IPatentIndex index, IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default)
    {
        var check = await CheckLabelsAsync(index, ct).ConfigureAwait(false);
        if (!check.NeedsLabelling) return new LabelRun(check, null, null);
        ChainModelManifest? trained = null;
        if (check.Version is null) trained = await TrainAsync(index.ExportAsync(ct), progress, ct).ConfigureAwait(false);
        var summary = await LabelIndexAsync(index, progress, ct).ConfigureAwait(false);
        return new LabelRun(check, trained, summary);
    }

    /// <summary>
    /// A labeller for records as they arrive (a load labels each committed batch with it): trains a chain model on
    /// the index first when none fits the taxonomy, and scores value against the cached cohorts (computed once, then
    /// refreshed by <see cref="RefreshCohortsIfChangedAsync"/>) instead of reading the whole index for each load.
    /// Each batch is labelled with the model active at that moment, so a newly activated version applies to the next batch.
    /// </summary>
    public async Task<ArrivingRecordLabeller> OpenArrivingLabellerAsync(IPatentIndex index, IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default)
    {
        if (TrainedManifest() is null) await TrainAsync(index.ExportAsync(ct), progress, ct).ConfigureAwait(false);
        await CohortsAsync(index, progress, ct).ConfigureAwait(false);
        return new ArrivingRecordLabeller(this, index, HighValueAssessor(), SleepingRules(LabelledSleepingOptions()), options.BatchSize);
    }
}

/// <summary>
/// Labels given records of an index with every Analytics label and score, as <see cref="PatentAnalytics.LabelIndexAsync"/>
/// would, writing only those labels (<see cref="IPatentIndex.SetLabelsAsync"/>). Visible after the index's next refresh,
/// durable after its next commit. Records new to the index are labelled before they are written instead
/// (<see cref="LabelArrivingAsync"/>), so they are written once. One load uses one; its two calls may overlap (a load
/// labels its next batch while it commits the last), so they take turns.
/// </summary>
public sealed class ArrivingRecordLabeller : IDisposable
{
    private readonly PatentAnalytics _analytics;
    private readonly IPatentIndex _index;
    private readonly HighValueAssessor _highValue;
    private readonly SleepingPatentRules _sleeping;
    private readonly int _batchSize;
    private readonly LabelCounter _counts = new();
    private RecordLabeller? _labeller;
    private ChainModel? _model;
    private ValueIndex? _values;
    private readonly SemaphoreSlim _turn = new(1, 1);
    // Labelled on arrival and not yet handed back by their commit: LabelAsync skips them once.
    private readonly HashSet<string> _labelledOnArrival = new(StringComparer.Ordinal);

    internal ArrivingRecordLabeller(PatentAnalytics analytics, IPatentIndex index, HighValueAssessor highValue, SleepingPatentRules sleeping, int batchSize)
    {
        _analytics = analytics;
        _index = index;
        _highValue = highValue;
        _sleeping = sleeping;
        _batchSize = Math.Max(1, batchSize);
    }

    /// <summary>Records labelled so far.</summary>
    public long Labelled => _counts.Records;

    /// <summary>
    /// Sets every label and score on records about to be written for the first time, in place (nothing is written
    /// here): the write that adds them carries their labels. <see cref="LabelAsync"/> then skips them once.
    /// </summary>
    public async Task LabelArrivingAsync(IReadOnlyList<PatentRecord> records, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await _turn.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var labeller = await CurrentAsync(ct).ConfigureAwait(false);
            await labeller.LabelAsync(records, _counts, ct).ConfigureAwait(false);
            foreach (var r in records) _labelledOnArrival.Add(r.Id);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Labels the stored records with these ids (ids not in the index, and records labelled on arrival since, are
    /// skipped); returns how many were labelled here.
    /// </summary>
    public async Task<int> LabelAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await _turn.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await LabelStoredAsync(ids.Distinct(StringComparer.Ordinal).Where(id => !_labelledOnArrival.Remove(id)).ToList(), ct).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<int> LabelStoredAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var done = 0;
        foreach (var chunk in ids.Chunk(_batchSize))
        {
            var stored = await _index.GetManyAsync(chunk, ct).ConfigureAwait(false);
            var batch = stored.Values.ToList();
            if (batch.Count == 0) continue;
            var labeller = await CurrentAsync(ct).ConfigureAwait(false);
            await labeller.LabelAsync(batch, _counts, ct).ConfigureAwait(false);
            var changes = new Dictionary<string, LabelChanges>(batch.Count, StringComparer.Ordinal);
            foreach (var r in batch) changes[r.Id] = LabelChanges.From(r, LabelNames.Written, LabelNames.WrittenScorePrefixes);
            await _index.SetLabelsAsync(changes, ct).ConfigureAwait(false);
            done += batch.Count;
        }
        return done;
    }

    // The active model and the cached cohorts, as they are now: a swap or a refresh applies from the next batch on.
    private async Task<RecordLabeller> CurrentAsync(CancellationToken ct)
    {
        var model = _analytics.CurrentModel();
        var values = (await _analytics.CohortsAsync(_index, null, ct).ConfigureAwait(false)).Values;
        if (_labeller is null || !ReferenceEquals(model, _model) || !ReferenceEquals(values, _values))
        {
            _labeller = new RecordLabeller(model, _highValue, _sleeping, values, _analytics.LabelVersion(model.Manifest));
            _model = model;
            _values = values;
        }
        return _labeller;
    }

    /// <summary>The model belongs to <see cref="PatentAnalytics"/>, which swaps it when a version is activated: only the turn is released.</summary>
    public void Dispose() => _turn.Dispose();
}
