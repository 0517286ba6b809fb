using System.Text.Json.Nodes;
using Analytics.Chains;
using Analytics.Lifecycle;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Search.Indexer;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics.Tests.Hosting;

/// <summary>
/// <see cref="PatentAnalytics.EnsureLabelledAsync"/>, what the web application runs at start: train when no
/// model fits, label everything, and on the next start do nothing unless records, models, taxonomy or settings changed.
/// </summary>
public sealed class IndexLabellingTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly IPatentIndex _index;

    public IndexLabellingTests()
    {
        _index = SearchEngines.Open(Path.Combine(_folder.Path, "index"));
    }

    private string Models => Path.Combine(_folder.Path, "models");

    private PatentAnalytics Analytics(Action<AnalyticsOptions>? configure = null, IndustryTaxonomy? taxonomy = null)
    {
        var options = new AnalyticsOptions { ModelsPath = Models, BatchSize = 500 };
        configure?.Invoke(options);
        return new PatentAnalytics(options, taxonomy ?? IndustryTaxonomy.Default, FixedClock.At2026);
    }

    private async Task LoadSamplesAsync()
    {
        // The same subset AnalyticsIndexTests trains on: every kind of sample, fewer of the 5,876 titles.
        await _index.UpsertAsync(Samples.All.Where((r, i) => i % 5 == 0 || r.Country != "CN" || r.Abstracts.Count > 0).ToList());
        await _index.CommitAsync();
    }

    [Fact]
    public async Task A_fresh_index_is_trained_on_then_every_record_gets_every_label_and_the_version()
    {
        await LoadSamplesAsync();
        var analytics = Analytics();

        var run = await analytics.EnsureLabelledAsync(_index);

        Assert.NotNull(run.Trained);
        Assert.True(File.Exists(Path.Combine(Models, ModelStore.VersionsFolder, "0001", ChainModel.ManifestFile)));
        var records = (await _index.GetStatsAsync()).Records;
        Assert.Equal(records, run.Labelled!.Records);
        var facets = (await _index.SearchAsync(new PatentQuery { Facets = [LabelFacets.Chain, LabelFacets.TechField, LabelFacets.HighValue, LabelFacets.Sleeping] })).Facets;
        Assert.NotEmpty(facets[LabelFacets.Chain]);
        Assert.NotEmpty(facets[LabelFacets.TechField]);
        Assert.Equal(records, facets[LabelFacets.HighValue].Sum(f => f.Count));
        Assert.All(facets[LabelFacets.HighValue].Concat(facets[LabelFacets.Sleeping]), f => Assert.Contains(f.Value, new[] { "true", "false", "unknown" }));
        // The research institute's granted, untouched utility models of the Chinese export (see the sleeping report test).
        Assert.Contains(facets[LabelFacets.Sleeping], f => f is { Value: "true", Count: >= 7 });
        var after = await analytics.CheckLabelsAsync(_index);
        Assert.False(after.NeedsLabelling, after.Reason);
        await foreach (var r in _index.ExportAsync())
            Assert.Equal([after.Version!], r.Labels[LabelNames.Version]);
    }

    [Fact]
    public async Task A_second_run_with_nothing_changed_neither_trains_nor_labels()
    {
        await LoadSamplesAsync();
        await Analytics().EnsureLabelledAsync(_index);
        var manifest = File.GetLastWriteTimeUtc(Path.Combine(Models, ModelStore.VersionsFolder, "0001", ChainModel.ManifestFile));

        var again = await Analytics().EnsureLabelledAsync(_index);

        Assert.Null(again.Trained);
        Assert.Null(again.Labelled);
        Assert.Equal(0, again.Check.Unlabelled);
        Assert.Equal(manifest, File.GetLastWriteTimeUtc(Path.Combine(Models, ModelStore.VersionsFolder, "0001", ChainModel.ManifestFile)));
    }

    [Fact]
    public async Task A_record_loaded_without_labels_gets_the_index_labelled_again_with_the_model_it_has()
    {
        await LoadSamplesAsync();
        await Analytics().EnsureLabelledAsync(_index);
        var fresh = Samples.Export("CN218751475U");
        fresh.Labels.Clear();
        await _index.UpsertAsync([fresh]);
        await _index.CommitAsync();

        var check = await Analytics().CheckLabelsAsync(_index);
        var run = await Analytics().EnsureLabelledAsync(_index);

        Assert.Equal(1, check.Unlabelled);
        Assert.True(check.NeedsLabelling);
        Assert.Null(run.Trained);
        Assert.NotNull(run.Labelled);
        Assert.Contains("digital-economy", (await _index.GetAsync("CN218751475U"))!.Labels[LabelFacets.Chain]);
    }

    [Fact]
    public async Task Other_high_value_settings_relabel_without_training()
    {
        await LoadSamplesAsync();
        await Analytics().EnsureLabelledAsync(_index);

        var changed = Analytics(o => o.HighValue.MaintainedYears = 12);
        var check = await changed.CheckLabelsAsync(_index);
        var run = await changed.EnsureLabelledAsync(_index);

        Assert.True(check.Outdated > 0, check.Reason);
        Assert.Null(run.Trained);
        Assert.NotNull(run.Labelled);
        Assert.False((await changed.CheckLabelsAsync(_index)).NeedsLabelling);
    }

    [Fact]
    public async Task A_new_taxonomy_version_trains_a_new_model_and_relabels()
    {
        await LoadSamplesAsync();
        await Analytics().EnsureLabelledAsync(_index);
        var before = (await Analytics().CheckLabelsAsync(_index)).Version;
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "taxonomy.json")))!;
        file["version"] = IndustryTaxonomy.Default.Version + "-edited";
        var edited = _folder.File("taxonomy.json");
        await File.WriteAllTextAsync(edited, file.ToJsonString());
        var taxonomy = IndustryTaxonomy.LoadFile(edited);

        var run = await Analytics(taxonomy: taxonomy).EnsureLabelledAsync(_index);

        Assert.Null(run.Check.Version);
        Assert.Equal(taxonomy.Version, run.Trained!.TaxonomyVersion);
        Assert.NotNull(run.Labelled);
        var after = await Analytics(taxonomy: taxonomy).CheckLabelsAsync(_index);
        Assert.False(after.NeedsLabelling, after.Reason);
        Assert.NotEqual(before, after.Version);
    }

    [Fact]
    public async Task An_empty_index_needs_nothing()
    {
        var run = await Analytics().EnsureLabelledAsync(_index);

        Assert.False(run.Check.NeedsLabelling);
        Assert.Null(run.Trained);
        Assert.False(Directory.Exists(Models));
    }

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }
}
