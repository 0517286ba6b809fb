using Analytics.Chains;
using Search.Indexer.Records;

namespace Analytics.Tests.Lifecycle;

/// <summary>
/// A load labels the records new to the index before writing them, so each is written once; records merged into stored
/// ones are labelled after their commit, as before.
/// </summary>
public sealed class ArrivingLabelTests : IDisposable
{
    private readonly ModelCorpus _corpus = new();

    [Fact]
    public async Task New_records_are_written_labelled_as_the_stored_path_would_label_them_and_only_merged_ones_are_labelled_after_the_commit()
    {
        var records = ModelCorpus.Records();
        var stored = records.Where((_, i) => i % 2 == 0).ToList();
        await _corpus.LoadAsync(stored);
        var analytics = _corpus.Analytics();
        await analytics.TrainVersionAsync(_corpus.Index.ExportAsync());
        await analytics.LabelIndexAsync(_corpus.Index);
        using var labeller = await analytics.OpenArrivingLabellerAsync(_corpus.Index);

        // What a load's batch holds: records new to the index, and one merged into a stored record.
        var arriving = records.Where((_, i) => i % 2 == 1).Select(ModelCorpus.Copy).ToList();
        var merged = ModelCorpus.Copy(stored[0]);
        await labeller.LabelArrivingAsync(arriving);
        Assert.All(arriving, r => Assert.Equal(analytics.LabelVersion(analytics.CurrentModel().Manifest), r.Labels[LabelNames.Version].Single()));
        await _corpus.Index.UpsertDataAsync([.. arriving, merged]);
        await _corpus.Index.CommitAsync();

        // The commit hands every id on: only the merged record is labelled there.
        var ids = arriving.Select(r => r.Id).Append(merged.Id).Distinct(StringComparer.Ordinal).ToList();
        Assert.Equal(1, await labeller.LabelAsync(ids));
        await _corpus.Index.CommitAsync();
        var written = await LabelsAsync(ids);

        // Labelled again through the stored path (nothing is remembered now), every record keeps the labels it was written with.
        Assert.Equal(ids.Count, await labeller.LabelAsync(ids));
        await _corpus.Index.CommitAsync();
        Assert.Equal(written, await LabelsAsync(ids));
        Assert.Contains(written.Values, l => l.Contains(LabelNames.ValueIndex, StringComparison.Ordinal));
    }

    private async Task<Dictionary<string, string>> LabelsAsync(IReadOnlyCollection<string> ids)
    {
        var found = await _corpus.Index.GetManyAsync(ids);
        return found.ToDictionary(kv => kv.Key, kv =>
            string.Join(";", kv.Value.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={string.Join(",", l.Value)}"))
            + "|" + string.Join(";", kv.Value.Scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value:R}")));
    }

    public void Dispose() => _corpus.Dispose();
}
