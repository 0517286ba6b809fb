using Analytics.Chains;
using Analytics.Matching;
using Analytics.Matching.Evaluation;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Records;

namespace Analytics.Tests.Matching;

public sealed class MatchingModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>
    /// A small corpus where 积灰 (a need's word) and 除尘 (the patents' word) occur in the same records often, and
    /// one photovoltaic patent says only 除尘: a need about 积灰 shares no word with it.
    /// </summary>
    private static List<PatentRecord> Corpus()
    {
        var records = new List<PatentRecord>();
        PatentRecord Record(int n, string title, string ipc) => new()
        {
            PublicationNumber = PatentNumber.Parse($"CN{100000000 + n}A"),
            Titles = [new LocalizedText("zh", title)],
            IpcCodes = [ipc],
        };
        for (var i = 0; i < 6; i++) records.Add(Record(i, $"光伏板积灰除尘刷{i}", "H02S40/10"));
        for (var i = 6; i < 12; i++) records.Add(Record(i, $"锂电池电解液添加剂{i}", "H01M10/0567"));
        for (var i = 12; i < 18; i++) records.Add(Record(i, $"茶叶杀青烘干机{i}", "A23F3/06"));
        records.Add(Record(50, "光伏组件除尘机器人", "H02S40/10"));
        return records;
    }

    private static readonly MatchingModelOptions Small = new() { MinDocumentFrequency = 2, MinCoOccurrence = 2, MaxDocumentShare = 0.5, MinRecordsPerSubclass = 2 };

    [Fact]
    public void Related_words_are_mined_from_records_that_share_them_and_survive_saving()
    {
        var model = MatchingModel.Train(Corpus(), Small);
        Assert.Contains(model.Related("积灰"), r => r.Term == "除尘");
        Assert.DoesNotContain(model.Related("积灰"), r => r.Term == "电解液");
        Assert.Equal("H02S", model.PredictSubclass("光伏板上积灰太多")?.Label);

        model.Save(_folder.File("model"));
        var loaded = MatchingModel.Load(_folder.File("model"))!;
        // Strengths are saved to four decimals.
        Assert.Equal(model.Related("积灰").Select(r => (r.Term, Math.Round(r.Strength, 4))), loaded.Related("积灰").Select(r => (r.Term, r.Strength)));
        Assert.Equal("H01M", loaded.PredictSubclass("电解液添加剂")?.Label);
        Assert.Equal(model.Manifest, loaded.Manifest);
        Assert.Null(MatchingModel.Load(_folder.File("none")));
    }

    [Fact]
    public async Task Related_retrieval_finds_a_patent_that_shares_no_word_with_the_need()
    {
        var corpus = Corpus();
        using var index = LuceneIndex.Open(_folder.File("index"));
        await index.UpsertAsync(corpus);
        await index.CommitAsync();
        var need = new TechnicalNeed { Title = "积灰", Description = "组件上积灰" };
        var analyzer = new NeedAnalyzer(new ChainRules(IndustryTaxonomy.Default));

        var plain = await new PatentMatcher(index, analyzer).MatchAsync(need, 20, MatchSignals.Bm25);
        var model = MatchingModel.Train(corpus, Small);
        var related = await new PatentMatcher(index, analyzer, new MatchingOptions { RelatedWeight = 1 }, new FixedMatchingModel(model)).MatchAsync(need, 20, MatchSignals.Bm25 | MatchSignals.Related);

        Assert.DoesNotContain(plain.Candidates, c => c.Record.Id == "CN100000050A");
        var found = Assert.Single(related.Candidates, c => c.Record.Id == "CN100000050A");
        Assert.Contains(SignalNames.Related, found.Explanation.Ranks.Keys);
        Assert.Contains(related.Profile.Terms, t => t.Term == "除尘" && t.SynonymOf == "积灰");
        Assert.Equal("H02S", related.Profile.PredictedIpc.Single().Label);
    }

    public void Dispose() => _folder.Dispose();
}
