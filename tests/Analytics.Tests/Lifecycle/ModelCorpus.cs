using Analytics.Lifecycle;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Search.Indexer;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics.Tests.Lifecycle;

/// <summary>A real Lucene index of sample patents in a temporary folder, and the models folder beside it.</summary>
public sealed class ModelCorpus : IDisposable
{
    private readonly TempFolder _folder = new();

    public ModelCorpus()
    {
        Index = SearchEngines.Open(System.IO.Path.Combine(_folder.Path, "index"));
    }

    public IPatentIndex Index { get; }

    public string Models => System.IO.Path.Combine(_folder.Path, "models");

    public string Path => _folder.Path;

    /// <summary>The subset the labelling tests use: every kind of sample, a fifth of the 5,876 titles.</summary>
    public static IReadOnlyList<PatentRecord> Records() =>
        Samples.All.Where((r, i) => i % 5 == 0 || r.Country != "CN" || r.Abstracts.Count > 0).Select(Copy).ToList();

    public static PatentRecord Copy(PatentRecord r) => RecordJson.Deserialize(RecordJson.Serialize(r));

    /// <summary>
    /// The same records with the texts of the records used for training rotated among them (the held-out fifth keeps
    /// its own): the rules still seed the same chains from the IPC codes, but the text a model learns says nothing.
    /// </summary>
    public static IReadOnlyList<PatentRecord> WithScrambledTrainingText()
    {
        var records = Records();
        var training = records.Where(r => !ModelEvaluation.IsHeldOut(r)).ToList();
        var texts = training.Select(r => (r.Titles, r.Abstracts)).ToList();
        for (var i = 0; i < training.Count; i++)
            (training[i].Titles, training[i].Abstracts) = texts[(i + training.Count / 2) % training.Count];
        return records;
    }

    public async Task LoadAsync(IReadOnlyList<PatentRecord> records)
    {
        await Index.UpsertAsync(records.ToList());
        await Index.CommitAsync();
    }

    public PatentAnalytics Analytics(Action<AnalyticsOptions>? configure = null)
    {
        var options = new AnalyticsOptions { ModelsPath = Models, BatchSize = 500 };
        configure?.Invoke(options);
        return new PatentAnalytics(options, IndustryTaxonomy.Default, FixedClock.At2026);
    }

    public static async IAsyncEnumerable<PatentRecord> Stream(IEnumerable<PatentRecord> records)
    {
        await Task.Yield();
        foreach (var r in records) yield return Copy(r);
    }

    public void Dispose()
    {
        Index.Dispose();
        _folder.Dispose();
    }
}
