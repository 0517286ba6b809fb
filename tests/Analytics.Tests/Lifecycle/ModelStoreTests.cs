using Analytics.Chains;
using Analytics.Lifecycle;
using Analytics.Taxonomy;
using Analytics.Tests.Support;

namespace Analytics.Tests.Lifecycle;

/// <summary>The models folder as versions: written whole or not at all, one active pointer, the older layout migrated.</summary>
public sealed class ModelStoreTests : IDisposable
{
    private static readonly Lazy<ChainModel> Trained = new(() =>
        ChainModel.Train(ModelCorpus.Records().Where((_, i) => i % 2 == 0).ToList(), new ChainRules(IndustryTaxonomy.Default), new ChainModelOptions()));

    private readonly TempFolder _folder = new();

    private string Versions => Path.Combine(_folder.Path, ModelStore.VersionsFolder);

    [Fact]
    public void A_saved_version_is_complete_under_its_number_and_not_active_until_activated()
    {
        var store = new ModelStore(_folder.Path);

        var number = store.Save(Trained.Value);

        Assert.Equal(1, number);
        Assert.Equal(["0001"], Directory.GetDirectories(Versions).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(store.FolderOf(1), ChainModel.ClassifierFile)));
        Assert.Equal(1, store.Read(1)!.Version);
        Assert.Null(store.ActiveVersion());
        store.Activate(1);
        Assert.Equal(1, store.ActiveVersion());
        Assert.Equal(2, store.Save(Trained.Value));
        Assert.Equal(1, store.ActiveVersion());
    }

    [Fact]
    public void An_abandoned_temporary_folder_is_never_listed_and_is_removed_by_the_clean_up()
    {
        var store = new ModelStore(_folder.Path);
        store.Save(Trained.Value);
        // What a training killed while writing leaves: a temporary folder with a half-written manifest.
        var abandoned = Path.Combine(Versions, ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(abandoned);
        File.WriteAllText(Path.Combine(abandoned, ChainModel.ManifestFile), "{\"version\": 2, \"taxonomyVers");

        Assert.Equal([1], store.List().Select(v => v.Number));
        Assert.Equal(1, store.CleanUp());
        Assert.False(Directory.Exists(abandoned));
        Assert.Equal([1], store.List().Select(v => v.Number));
    }

    [Fact]
    public void A_temporary_folder_a_training_still_writes_is_left_alone_by_the_clean_up()
    {
        var store = new ModelStore(_folder.Path);
        var busy = Path.Combine(Versions, ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(busy);
        using (new FileStream(Path.Combine(busy, ".lock"), FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            Assert.Equal(0, store.CleanUp());
            Assert.True(Directory.Exists(busy));
        }
        Assert.Equal(1, store.CleanUp());
    }

    [Fact]
    public void A_model_saved_in_the_older_single_folder_layout_becomes_active_version_1()
    {
        Trained.Value.Save(_folder.Path);

        var analytics = new PatentAnalytics(new AnalyticsOptions { ModelsPath = _folder.Path }, IndustryTaxonomy.Default, FixedClock.At2026);
        using var model = analytics.LoadModel();

        Assert.Equal(1, analytics.Store.ActiveVersion());
        Assert.Equal(1, model.Manifest.Version);
        Assert.Equal(Trained.Value.Manifest.SeedsPerChain, model.Manifest.SeedsPerChain);
        Assert.False(File.Exists(Path.Combine(_folder.Path, ChainModel.ManifestFile)));
        Assert.False(File.Exists(Path.Combine(_folder.Path, ChainModel.ClassifierFile)));
    }

    [Fact]
    public void Activating_a_version_that_does_not_exist_is_refused_and_the_active_one_stays()
    {
        var analytics = new PatentAnalytics(new AnalyticsOptions { ModelsPath = _folder.Path }, IndustryTaxonomy.Default, FixedClock.At2026);
        analytics.Store.Activate(analytics.Store.Save(Trained.Value));

        Assert.Equal(ActivationRefusal.NoSuchVersion, analytics.Activate(7));
        Assert.Equal(1, analytics.Store.ActiveVersion());
    }

    [Fact]
    public void A_training_request_stays_until_it_is_completed_and_a_second_request_keeps_the_first()
    {
        var first = new ModelStore(_folder.Path).RequestTraining("operator@example.org", "asked on the page", FixedClock.At2026.GetUtcNow());
        new ModelStore(_folder.Path).RequestTraining("schedule", "weekly", FixedClock.At2026.GetUtcNow().AddHours(1));

        // A new store over the folder is what a restarted process sees.
        var restarted = new ModelStore(_folder.Path);
        Assert.Equal(first, restarted.PendingRequest());
        restarted.CompleteRequest();
        Assert.Null(new ModelStore(_folder.Path).PendingRequest());
    }

    public void Dispose() => _folder.Dispose();
}
