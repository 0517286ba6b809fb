using Analytics.Chains;
using Analytics.TechnologyFields;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics.Tests.Lifecycle;

/// <summary>Value cohorts are learnt once, and relearnt only when enough records arrived; then only the records whose value moved are relabelled.</summary>
public sealed class CohortRefreshTests : IDisposable
{
    private readonly ModelCorpus _corpus = new();

    private static (string Field, int? Year) CohortOf(PatentRecord r) =>
        (TechnologyFieldConcordance.Default.FieldsOf(r) is [var f, ..] ? f.NameEn : "(no field)", r.ApplicationDate?.Year);

    [Fact]
    public async Task Records_added_to_one_cohort_relabel_that_cohorts_records_and_no_others()
    {
        var records = ModelCorpus.Records();
        await _corpus.LoadAsync(records);
        // Each patent is ranked in its own field × year, so added records move only the patents of theirs.
        var analytics = _corpus.Analytics(o => o.Value.MinCohortSize = 1);
        await analytics.TrainVersionAsync(_corpus.Index.ExportAsync());
        await analytics.LabelIndexAsync(_corpus.Index);
        var unchanged = await analytics.RefreshCohortsIfChangedAsync(_corpus.Index);
        var before = await ValueScoresAsync();

        var cohort = records.Where(r => r.IpcCodes.Count > 0 && r.ApplicationDate is not null).GroupBy(CohortOf).OrderByDescending(g => g.Count()).First();
        var added = Enumerable.Range(0, (int)Math.Ceiling(records.Count * 0.06)).Select(i =>
        {
            var copy = ModelCorpus.Copy(cohort.ElementAt(i % cohort.Count()));
            copy.PublicationNumber = PatentNumber.Parse($"CN9{i:D8}A");
            // A wider IPC scope than anyone in the cohort, the first code (and so the field) kept.
            copy.IpcCodes = [.. copy.IpcCodes, "A01B1/00", "B01D1/00", "C01B1/00", "E04B1/00", "F16K1/00", "G06Q10/00"];
            return copy;
        }).ToList();
        await _corpus.LoadAsync(added);
        var refresh = await analytics.RefreshCohortsIfChangedAsync(_corpus.Index);
        var after = await ValueScoresAsync();

        Assert.False(unchanged.Refreshed, unchanged.Reason);
        Assert.True(refresh.Refreshed, refresh.Reason);
        var moved = before.Keys.Where(id => before[id] != after[id]).ToList();
        Assert.NotEmpty(moved);
        // A patent without a filing year is ranked in its field over all years, which the added records join too.
        Assert.All(moved, id => Assert.Contains(CohortOf(records.First(r => r.Id == id)), new[] { cohort.Key, (cohort.Key.Field, (int?)null) }));
        Assert.Equal(moved.Count, refresh.Relabelled);
        Assert.True(refresh.Relabelled < records.Count / 2, $"{refresh.Relabelled} of {records.Count} relabelled");
        // Records that arrived without labels are the load's to label, not the refresh's.
        Assert.All(added, r => Assert.Equal("", after[r.Id]));
        Assert.False((await analytics.RefreshCohortsIfChangedAsync(_corpus.Index)).Refreshed);
    }

    [Fact]
    public async Task A_load_labels_against_the_cached_cohorts_without_learning_them_again()
    {
        await _corpus.LoadAsync(ModelCorpus.Records());
        var analytics = _corpus.Analytics();
        await analytics.TrainVersionAsync(_corpus.Index.ExportAsync());
        await analytics.LabelIndexAsync(_corpus.Index);
        var cached = analytics.CachedCohorts;

        var labeller = await analytics.OpenArrivingLabellerAsync(_corpus.Index);
        await labeller.LabelAsync(["CN218751475U"]);

        Assert.NotNull(cached);
        Assert.Same(cached, analytics.CachedCohorts);
        Assert.Same(cached, await analytics.CohortsAsync(_corpus.Index));
    }

    private async Task<Dictionary<string, string>> ValueScoresAsync()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var r in _corpus.Index.ExportAsync())
            result[r.Id] = string.Join(";", r.Scores.Where(kv => kv.Key.StartsWith(LabelNames.ValueIndex, StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => $"{kv.Key}={kv.Value:R}"));
        return result;
    }

    public void Dispose() => _corpus.Dispose();
}
