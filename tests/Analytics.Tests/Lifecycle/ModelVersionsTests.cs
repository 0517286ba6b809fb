using Analytics.Chains;
using Analytics.Taxonomy;
using Search.Indexer.Engine;

namespace Analytics.Tests.Lifecycle;

/// <summary>
/// Training writes versions that validation activates or keeps back, a newly active version labels the next record
/// without a restart, and a rollback brings the previous version's labels back. Real Lucene, real training.
/// </summary>
public sealed class ModelVersionsTests : IDisposable
{
    private readonly ModelCorpus _corpus = new();

    [Fact]
    public async Task A_candidate_whose_figures_fall_below_the_active_ones_is_kept_but_not_activated()
    {
        await _corpus.LoadAsync(ModelCorpus.Records());
        var analytics = _corpus.Analytics();
        var first = await analytics.TrainVersionAsync(_corpus.Index.ExportAsync());

        var worse = await analytics.TrainVersionAsync(ModelCorpus.Stream(ModelCorpus.WithScrambledTrainingText()));

        Assert.True(first.Activated);
        Assert.False(worse.Activated, worse.Reason);
        Assert.Equal(2, worse.Manifest.Version);
        Assert.Equal(1, analytics.Store.ActiveVersion());
        Assert.Equal([2, 1], analytics.Store.List().Select(v => v.Number));
        var kept = analytics.Store.Read(2)!;
        Assert.False(kept.PassedValidation);
        Assert.Equal(1, kept.ComparedWithVersion);
        // Both measured on the same held-out records of the candidate's corpus.
        Assert.Equal(kept.Evaluation!.ChainHeldOut, kept.ComparedWith!.ChainHeldOut);
        Assert.Equal(kept.Evaluation.FieldHeldOut, kept.ComparedWith.FieldHeldOut);
        Assert.True(kept.Evaluation.ChainPrecision * kept.Evaluation.ChainCoverage < kept.ComparedWith.ChainPrecision * kept.ComparedWith.ChainCoverage);
    }

    [Fact]
    public async Task Each_version_carries_its_taxonomy_training_data_and_held_out_figures()
    {
        await _corpus.LoadAsync(ModelCorpus.Records());

        var outcome = await _corpus.Analytics().TrainVersionAsync(_corpus.Index.ExportAsync());

        var m = outcome.Manifest;
        Assert.Equal(IndustryTaxonomy.Default.Version, m.TaxonomyVersion);
        Assert.Equal((await _corpus.Index.GetStatsAsync()).Records, m.RecordsRead);
        Assert.True(m.EarliestFiling < m.LatestFiling);
        Assert.True(m.FieldTrainingRecords > 0);
        Assert.InRange(m.Evaluation!.ChainPrecision, 0.01, 1);
        Assert.InRange(m.Evaluation.ChainCoverage, 0.01, 1);
        Assert.InRange(m.Evaluation.FieldAccuracy!.Value, 0.01, 1);
        Assert.InRange(m.Evaluation.FieldMacroF1!.Value, 0.01, 1);
        Assert.True(m.Evaluation.ChainHeldOut > 50);
        Assert.InRange(m.Evaluation.SectionAccuracy!.Value, 0.01, 1);
        Assert.True(m.Evaluation.SectionHeldOut >= m.Evaluation.FieldHeldOut);
        Assert.InRange(m.Evaluation.WithoutChainCoverage!.Value, 0, 1);
        Assert.True(m.Evaluation.WithoutChainHeldOut > 0);
        Assert.Equal(new Analytics.Chains.ChainModelOptions().Classifier().Spec, m.Classifier);
        Assert.NotNull(m.ChainThreshold);
        Assert.True(m.SectionTrainingRecords > 0);
        // What the store lists is what was trained: the figures travel in the saved version.
        var listed = _corpus.Analytics().Store.List().Single(v => v.Number == m.Version).Manifest;
        Assert.Equal((m.Evaluation, m.Classifier, m.ChainThreshold, m.RecordsRead, m.LatestFiling), (listed.Evaluation, listed.Classifier, listed.ChainThreshold, listed.RecordsRead, listed.LatestFiling));
        Assert.Null(m.ComparedWithVersion);
    }

    [Fact]
    public async Task A_better_candidate_is_activated_and_the_next_record_is_labelled_with_it_without_a_restart()
    {
        await _corpus.LoadAsync(ModelCorpus.Records());
        var analytics = _corpus.Analytics();
        await analytics.TrainVersionAsync(ModelCorpus.Stream(ModelCorpus.WithScrambledTrainingText()));
        var labeller = await analytics.OpenArrivingLabellerAsync(_corpus.Index);
        await labeller.LabelAsync(["CN218751475U"]);
        await _corpus.Index.CommitAsync();
        var before = await _corpus.Index.GetAsync("CN218751475U");

        var better = await analytics.TrainVersionAsync(_corpus.Index.ExportAsync());
        await labeller.LabelAsync(["CN218751475U"]);
        await _corpus.Index.CommitAsync();
        var after = await _corpus.Index.GetAsync("CN218751475U");

        Assert.True(better.Activated, better.Reason);
        Assert.Equal(2, analytics.Store.ActiveVersion());
        Assert.Equal([analytics.LabelVersion(analytics.Store.Read(1)!)], before!.Labels[LabelNames.Version]);
        Assert.Equal([analytics.LabelVersion(better.Manifest)], after!.Labels[LabelNames.Version]);
        Assert.NotEqual(before.Labels[LabelNames.Version], after.Labels[LabelNames.Version]);
    }

    [Fact]
    public async Task Rolling_back_and_relabelling_restores_the_previous_versions_labels()
    {
        await _corpus.LoadAsync(ModelCorpus.Records());
        var analytics = _corpus.Analytics();
        await analytics.TrainVersionAsync(_corpus.Index.ExportAsync());
        await analytics.LabelIndexAsync(_corpus.Index);
        var first = await LabelsAsync();
        // Another seed gives other sub-topics and model labels; a tolerance of 1 lets it through whatever it measures.
        var second = _corpus.Analytics(o => { o.ValidationTolerance = 1; o.Chains.Seed = 7; });
        Assert.True((await second.TrainVersionAsync(_corpus.Index.ExportAsync())).Activated);
        await second.LabelIndexAsync(_corpus.Index);
        var changed = await LabelsAsync();

        Assert.Equal(ActivationRefusal.None, analytics.Activate(1));
        await analytics.LabelIndexAsync(_corpus.Index);
        var rolledBack = await LabelsAsync();

        Assert.NotEqual(first, changed);
        Assert.Equal(first, rolledBack);
        Assert.Equal(1, analytics.Store.ActiveVersion());
    }

    // Every record's Analytics labels, as one comparable text per record.
    private async Task<Dictionary<string, string>> LabelsAsync()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var r in _corpus.Index.ExportAsync())
            result[r.Id] = string.Join(" | ", LabelNames.Written.Select(n => n + "=" + string.Join(",", r.Labels.GetValueOrDefault(n) ?? [])));
        return result;
    }

    public void Dispose() => _corpus.Dispose();
}
