using System.Globalization;
using Analytics.Chains;
using Analytics.Lifecycle;
using Analytics.Value;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics;

/// <summary>What a training did: the version it wrote, whether validation activated it, and why.</summary>
public sealed record TrainingOutcome(ChainModelManifest Manifest, bool Activated, string Reason);

/// <summary>Value cohorts learnt from the index: the frozen value index, how many records it was learnt from, and when.</summary>
public sealed record ValueCohorts(ValueIndex Values, long Records, DateTimeOffset ComputedAt);

/// <summary>What a cohort refresh did: nothing (not enough changed), or relearn the cohorts and relabel the records whose value index moved.</summary>
public sealed record CohortRefresh(bool Refreshed, long Records, long Relabelled, string Reason);

/// <summary>Why an activation was refused.</summary>
public enum ActivationRefusal
{
    None,
    NoSuchVersion,
    OtherTaxonomy,
}

public sealed partial class PatentAnalytics
{
    private readonly Lock _gate = new();
    private ModelStore? _store;
    private (int Version, ChainModel Model)? _current;
    private ValueCohorts? _cohorts;
    private Task<ValueCohorts>? _cohortsBuilding;

    /// <summary>The versions in <see cref="AnalyticsOptions.ModelsPath"/> (an older single-model folder becomes version 1 on first use).</summary>
    public ModelStore Store
    {
        get
        {
            lock (_gate) return _store ??= new ModelStore(options.ModelsPath);
        }
    }

    /// <summary>
    /// Trains a candidate on the records (less the held-out fifth, <see cref="ModelEvaluation.IsHeldOut"/>), measures it
    /// and the active version on the same held-out records, saves it as the next version with its figures, and activates
    /// it unless <see cref="ModelValidation"/> finds a figure below the active one's. The active version serves meanwhile.
    /// </summary>
    public async Task<TrainingOutcome> TrainVersionAsync(IAsyncEnumerable<PatentRecord> records, IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default)
    {
        var training = new List<PatentRecord>();
        var heldOut = new List<PatentRecord>();
        DateOnly? earliest = null, latest = null;
        await foreach (var r in records.WithCancellation(ct).ConfigureAwait(false))
        {
            if (r.ApplicationDate is { } filed)
            {
                if (earliest is null || filed < earliest) earliest = filed;
                if (latest is null || filed > latest) latest = filed;
            }
            (ModelEvaluation.IsHeldOut(r) ? heldOut : training).Add(Slim(r));
            var read = training.Count + heldOut.Count;
            if (read % 10_000 == 0) progress?.Report(new AnalyticsProgress("reading", read, null));
        }
        var total = training.Count + heldOut.Count;
        progress?.Report(new AnalyticsProgress("training", 0, total));
        var rules = new ChainRules(taxonomy);
        using var model = ChainModel.Train(training, rules, options.Chains,
            new Progress<string>(s => progress?.Report(new AnalyticsProgress(s, 0, total))));
        ct.ThrowIfCancellationRequested();

        progress?.Report(new AnalyticsProgress("evaluating", 0, heldOut.Count));
        var figures = ModelEvaluation.Measure(model, heldOut);
        int? activeVersion = null;
        ModelFigures? baseline = null;
        if (TrainedManifest() is { } activeManifest)
        {
            // The same held-out records for both: neither model was trained on them.
            using var active = ChainModel.Load(Store.FolderOf(activeManifest.Version), rules, options.Chains);
            baseline = ModelEvaluation.Measure(active, heldOut);
            activeVersion = activeManifest.Version;
        }
        var (passed, reason) = new ModelValidation(options.ValidationTolerance).Judge(figures, baseline, activeVersion);
        model.Describe(m => m with
        {
            RecordsRead = total,
            EarliestFiling = earliest,
            LatestFiling = latest,
            Evaluation = figures,
            ComparedWithVersion = activeVersion,
            ComparedWith = baseline,
            Validation = reason,
            PassedValidation = passed,
        });
        ct.ThrowIfCancellationRequested();
        var number = Store.Save(model);
        // Matching's related words and IPC-subclass classifier travel with the version (ADR-026); written before activation.
        Matching.MatchingModel.Train(training, clock: clock).Save(Path.Combine(Store.FolderOf(number), Matching.MatchingModel.FolderName));
        if (passed) Store.Activate(number);
        progress?.Report(new AnalyticsProgress(passed ? "saved and activated" : "saved, not activated", total, total));
        return new TrainingOutcome(model.Manifest, passed, reason);
    }

    /// <summary>
    /// Makes a saved version the active one (a rollback, or a candidate validation kept back). Labelling picks it up
    /// for the next record; records labelled by another version read as outdated until they are labelled again.
    /// </summary>
    public ActivationRefusal Activate(int version)
    {
        if (Store.Read(version) is not { } manifest) return ActivationRefusal.NoSuchVersion;
        if (manifest.TaxonomyVersion != taxonomy.Version) return ActivationRefusal.OtherTaxonomy;
        Store.Activate(version);
        return ActivationRefusal.None;
    }

    /// <summary>
    /// The active version, loaded once and shared: reloaded when the active pointer changes (here or in another
    /// process). The previous instance is not disposed, since a labelling may still hold it; it is collected with its last user.
    /// </summary>
    public ChainModel CurrentModel()
    {
        var version = Store.ActiveVersion()
            ?? throw new FileNotFoundException($"No trained chain model in {options.ModelsPath}: run 'Analytics train' first.", Path.Combine(options.ModelsPath, ModelStore.ActiveFile));
        lock (_gate)
        {
            if (_current is { } c && c.Version == version) return c.Model;
            var model = ChainModel.Load(Store.FolderOf(version), new ChainRules(taxonomy), options.Chains);
            _current = (version, model);
            return model;
        }
    }

    /// <summary>The cached value cohorts, or null when none were learnt in this process yet.</summary>
    public ValueCohorts? CachedCohorts
    {
        get
        {
            lock (_gate) return _cohorts;
        }
    }

    /// <summary>The cached value cohorts, learnt from the whole index the first time they are needed (once, however many ask at the same time).</summary>
    public Task<ValueCohorts> CohortsAsync(IPatentIndex index, IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_cohorts is { } cached) return Task.FromResult(cached);
            return _cohortsBuilding ??= LearnCohortsAsync(index, progress, ct);
        }
    }

    private async Task<ValueCohorts> LearnCohortsAsync(IPatentIndex index, IProgress<AnalyticsProgress>? progress, CancellationToken ct)
    {
        // Off the caller's lock before anything can finish, so the task is stored before it clears itself.
        await Task.Yield();
        try
        {
            return RememberCohorts(await BuildValueIndexAsync(index.ExportAsync(ct), progress, ct).ConfigureAwait(false));
        }
        finally
        {
            lock (_gate) _cohortsBuilding = null;
        }
    }

    private ValueCohorts RememberCohorts(ValueIndex values)
    {
        values.Freeze();
        var cohorts = new ValueCohorts(values, values.Count, clock.GetUtcNow());
        lock (_gate) _cohorts = cohorts;
        return cohorts;
    }

    /// <summary>
    /// Relearns the value cohorts when the index's record count has moved by at least
    /// <see cref="AnalyticsOptions.CohortRefreshShare"/> of the count they were learnt from (or none are cached yet),
    /// then relabels only the records whose value index or components moved.
    /// </summary>
    public async Task<CohortRefresh> RefreshCohortsIfChangedAsync(IPatentIndex index, IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default)
    {
        if (CachedCohorts is { } cached)
        {
            var records = (await index.GetStatsAsync(ct).ConfigureAwait(false)).Records;
            var changed = Math.Abs(records - cached.Records);
            var threshold = Math.Max(1, (long)Math.Ceiling(cached.Records * options.CohortRefreshShare));
            if (changed < threshold)
                return new CohortRefresh(false, records, 0, string.Create(CultureInfo.InvariantCulture,
                    $"{changed} records added or removed since the cohorts were learnt from {cached.Records}; they are relearnt at {threshold}"));
        }
        return await RefreshCohortsAsync(index, progress, ct).ConfigureAwait(false);
    }

    /// <summary>Relearns the value cohorts from the whole index and relabels the labelled records whose value index or components moved.</summary>
    public async Task<CohortRefresh> RefreshCohortsAsync(IPatentIndex index, IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default)
    {
        var epoch = index.WriteEpoch;
        var values = await BuildValueIndexAsync(index.ExportAsync(ct), progress, ct).ConfigureAwait(false);
        values.Freeze();
        var model = CurrentModel();
        var labeller = new RecordLabeller(model, HighValueAssessor(), SleepingRules(LabelledSleepingOptions()), values, LabelVersion(model.Manifest));
        var counts = new LabelCounter();
        var batch = new List<PatentRecord>(options.BatchSize);
        await foreach (var r in index.ExportAsync(ct).WithCancellation(ct).ConfigureAwait(false))
        {
            // A record never labelled has no value index to move: loads and the full labelling label it.
            if (!r.Labels.ContainsKey(LabelNames.Version) || !ValueMoved(r, values.Score(r))) continue;
            batch.Add(r);
            if (batch.Count >= options.BatchSize) await FlushAsync().ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);
        await index.CommitSinceAsync(epoch, ct).ConfigureAwait(false);
        RememberCohorts(values);
        return new CohortRefresh(true, values.Count, counts.Records, string.Create(CultureInfo.InvariantCulture,
            $"cohorts relearnt from {values.Count} records; {counts.Records} whose value index moved were relabelled"));

        async Task FlushAsync()
        {
            await LabelAndWriteAsync(index, labeller, batch, counts, ct).ConfigureAwait(false);
            progress?.Report(new AnalyticsProgress("relabelling moved values", counts.Records, null));
        }
    }

    /// <summary>Whether the scores a record carries differ from the value score it gets now (the index, its coverage or a component).</summary>
    internal static bool ValueMoved(PatentRecord record, ValueScore now)
    {
        var fresh = new Dictionary<string, double>(StringComparer.Ordinal);
        if (now.Index is { } index)
        {
            fresh[LabelNames.ValueIndex] = index;
            fresh[LabelNames.ValueIndex + ":coverage"] = now.Coverage;
            foreach (var c in now.Components.Where(c => c.Percentile is not null))
                fresh[$"{LabelNames.ValueIndex}:{c.Component}"] = c.Percentile!.Value;
        }
        var stored = record.Scores.Where(kv => kv.Key.StartsWith(LabelNames.ValueIndex, StringComparison.Ordinal)).ToList();
        if (stored.Count != fresh.Count) return true;
        // Scores are rounded to four places when written: a difference below that is the storage, not a move.
        return stored.Any(kv => !fresh.TryGetValue(kv.Key, out var v) || Math.Abs(v - kv.Value) > 1e-6);
    }
}
