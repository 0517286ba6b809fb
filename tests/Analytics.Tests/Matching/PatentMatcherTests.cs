using Analytics.Chains;
using Analytics.Matching;
using Analytics.Matching.Evaluation;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Records;

namespace Analytics.Tests.Matching;

/// <summary>Every sample record in a Lucene index, chains labelled by the taxonomy's rules, and the matching model trained on them as the product trains it.</summary>
public sealed class MatchingIndexFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public MatchingIndexFixture()
    {
        var rules = new ChainRules(IndustryTaxonomy.Default);
        Records = Samples.All.Select(r => RecordJson.Deserialize(RecordJson.Serialize(r))).ToList();
        foreach (var r in Records)
        {
            var chains = rules.Apply(r).Select(c => c.ChainId).ToList();
            if (chains.Count > 0) r.Labels[LabelFacets.Chain] = chains;
        }
        Index = LuceneIndex.Open(_folder.Path);
        Index.UpsertAsync(Records).GetAwaiter().GetResult();
        Index.CommitAsync().GetAwaiter().GetResult();
        Matcher = new PatentMatcher(Index, new NeedAnalyzer(rules), models: new FixedMatchingModel(MatchingModel.Train(Records)));
    }

    public List<PatentRecord> Records { get; }
    public LuceneIndex Index { get; }
    public PatentMatcher Matcher { get; }

    public void Dispose()
    {
        Index.Dispose();
        _folder.Dispose();
    }
}

public sealed class PatentMatcherTests(MatchingIndexFixture fixture) : IClassFixture<MatchingIndexFixture>
{
    private static JudgedNeed Hand(string id)
    {
        using var stream = MatchingEvaluation.OpenShippedHandJudged();
        return MatchingEvaluation.LoadHandJudged(stream).Single(n => n.Id == "hand:" + id);
    }

    [Fact]
    public async Task Match_pv_cleaning_need_puts_judged_relevant_patents_on_top()
    {
        var judged = Hand("H1-pv-cleaning");
        var result = await fixture.Matcher.MatchAsync(judged.Need, 10);

        Assert.Equal(10, result.Candidates.Count);
        var hits = result.Candidates.Count(c => judged.Relevant.ContainsKey(c.Record.Id));
        Assert.True(hits >= 7, $"only {hits} of the top 10 were judged relevant: {string.Join(", ", result.Candidates.Select(c => c.Record.Titles[0].Text))}");
        Assert.Contains(result.Profile.Terms, t => t.Term == "光伏");
    }

    [Fact]
    public async Task Match_explains_each_candidate_with_matched_terms_marked_shared_classification_and_ranks()
    {
        var result = await fixture.Matcher.MatchAsync(Hand("H2-battery-thermal").Need, 5);

        foreach (var c in result.Candidates)
        {
            var e = c.Explanation;
            Assert.NotEmpty(e.MatchedTerms);
            var title = c.Record.Titles[0].Text;
            Assert.All(e.MatchedTerms.Where(t => title.Contains(t, StringComparison.OrdinalIgnoreCase)),
                t => Assert.Contains($"<mark>", e.TitleHtml, StringComparison.Ordinal));
            Assert.Equal(c.Score, e.Contributions.Values.Sum(), 9);
            Assert.NotEmpty(e.Ranks);
        }
        Assert.Contains(result.Candidates, c => c.Explanation.SharedIpc.Count > 0);
        Assert.Contains(result.Candidates, c => c.Explanation.Ranks.ContainsKey("bm25"));
        Assert.NotEmpty(result.NeedIpcGroups);
    }

    [Fact]
    public async Task Match_owner_type_and_status_filters_keep_only_matching_patents()
    {
        var need = Hand("H1-pv-cleaning").Need with { Filters = new MatchFilters { OwnerTypes = ["university"] } };
        var result = await fixture.Matcher.MatchAsync(need, 10);
        Assert.All(result.Candidates, c => Assert.Contains(c.Record.Applicants, a => a.Type == PartyType.University));

        var inForce = await fixture.Matcher.MatchAsync(Hand("H1-pv-cleaning").Need with { Filters = new MatchFilters { LegalStatuses = ["inForce"] } }, 10);
        Assert.All(inForce.Candidates, c => Assert.Equal(LegalStatus.InForce, c.Record.LegalStatus));
    }

    [Fact]
    public async Task Match_region_filter_by_place_in_the_address_or_province_code()
    {
        var withAddress = fixture.Records.First(r => r.Applicants.Any(a => a.Address?.Length > 3) && r.Titles.Count > 0);
        var place = withAddress.Applicants.First(a => a.Address?.Length > 3).Address![..3];
        var need = new TechnicalNeed { Title = withAddress.Titles[0].Text, Filters = new MatchFilters { Region = place } };
        var result = await fixture.Matcher.MatchAsync(need, 10);

        Assert.Contains(result.Candidates, c => c.Record.Id == withAddress.Id);
        Assert.All(result.Candidates, c => Assert.Contains(c.Record.Applicants, a => a.Address?.Contains(place, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Boosts_put_an_open_licensed_university_patent_ahead_of_its_twin()
    {
        var folder = new TempFolder();
        try
        {
            using var index = LuceneIndex.Open(folder.Path);
            PatentRecord Twin(string number, bool open) => new()
            {
                PublicationNumber = PatentNumber.Parse(number),
                Titles = [new LocalizedText("zh", "一种光伏板自动清扫机器人")],
                IpcCodes = ["H02S40/10"],
                Applicants = [new Party { Name = open ? "泉州示范大学" : "某某公司", Type = open ? PartyType.University : PartyType.Enterprise }],
                Labels = open ? new(StringComparer.Ordinal) { [LabelFacets.OpenLicense] = [LabelFacets.OpenLicenseAvailable] } : new(StringComparer.Ordinal),
            };
            // The plain twin sorts first by id, so only the boost can lift the other.
            await index.UpsertAsync([Twin("CN100000001A", open: false), Twin("CN200000002A", open: true)]);
            await index.CommitAsync();
            var matcher = new PatentMatcher(index, new NeedAnalyzer(new ChainRules(IndustryTaxonomy.Default)));
            var need = new TechnicalNeed { Title = "光伏板清扫机器人" };

            var plain = await matcher.MatchAsync(need, 2, MatchSignals.Bm25);
            var boosted = await matcher.MatchAsync(need, 2, MatchSignals.Bm25 | MatchSignals.Boosts);

            Assert.Equal("CN100000001A", plain.Candidates[0].Record.Id);
            Assert.Equal("CN200000002A", boosted.Candidates[0].Record.Id);
            Assert.True(boosted.Candidates[0].Explanation.OpenLicenseAvailable);
            Assert.True(boosted.Candidates[0].Explanation.UniversityOwned);
            Assert.True(boosted.Candidates[0].Explanation.Contributions.ContainsKey("boosts"));
        }
        finally
        {
            folder.Dispose();
        }
    }

    [Fact]
    public async Task Match_need_without_usable_words_returns_no_candidates()
    {
        var result = await fixture.Matcher.MatchAsync(new TechnicalNeed { Title = "一种 的 和", Description = "" });
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void Highlight_encodes_html_and_marks_longest_terms_without_nesting()
    {
        Assert.Equal("<mark>光伏板</mark>的&lt;清扫&gt;<mark>光伏</mark>", PatentMatcher.Highlight("光伏板的<清扫>光伏", ["光伏", "光伏板"]));
    }
}
