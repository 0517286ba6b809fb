using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Engine;

/// <summary>
/// Facet counts of very large hit sets from a sample, when the query allows it: 6,000 generated records (one document
/// type, 20 applicants of 300 each) against an exact limit of 200 hits.
/// </summary>
public sealed class LuceneFacetEstimateTests : IAsyncLifetime
{
    private const int Records = 6_000;
    private readonly TempFolder _folder = new();
    private LuceneIndex _index = null!;

    public async Task InitializeAsync()
    {
        _index = new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path, ExactFacetCountHits = 200, ResultCacheHits = 0 });
        await _index.UpsertAsync(SampleRecords.Generated(Records).ToList());
        await _index.CommitAsync();
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private static PatentQuery Everything(bool estimate) => new()
    {
        Facets = [FacetFields.DocumentType, FacetFields.Applicant], FacetSize = 50, PageSize = 1, EstimateLargeFacetCounts = estimate,
    };

    [Fact]
    public async Task Without_leave_to_estimate_every_hit_is_counted_and_the_result_says_the_counts_are_exact()
    {
        var result = await _index.SearchAsync(Everything(estimate: false));

        Assert.False(result.FacetCountsEstimated);
        Assert.Equal(Records, Assert.Single(result.Facets[FacetFields.DocumentType]).Count);
        Assert.All(result.Facets[FacetFields.Applicant], v => Assert.Equal(300, v.Count));
    }

    [Fact]
    public async Task Above_the_exact_limit_the_counts_are_estimated_close_to_the_truth_and_marked_as_estimates()
    {
        var result = await _index.SearchAsync(Everything(estimate: true));

        Assert.True(result.FacetCountsEstimated);
        Assert.Equal(Records, result.Total);
        // About 1,000 of the 6,000 hits are counted; the estimate of a value every hit has is within a few per cent.
        Assert.InRange(Assert.Single(result.Facets[FacetFields.DocumentType]).Count, Records * 0.8, Records * 1.2);
        Assert.Equal(20, result.Facets[FacetFields.Applicant].Count);
        Assert.InRange(result.Facets[FacetFields.Applicant].Sum(v => v.Count), Records * 0.8, Records * 1.2);
    }

    [Fact]
    public async Task The_same_query_on_the_same_index_gives_the_same_estimates()
    {
        var first = await _index.SearchAsync(Everything(estimate: true));
        var second = await _index.SearchAsync(Everything(estimate: true) with { Page = 2 });

        Assert.Equal(first.Facets[FacetFields.Applicant], second.Facets[FacetFields.Applicant]);
    }

    [Fact]
    public async Task A_hit_set_within_the_limit_is_counted_exactly_even_when_estimates_are_allowed()
    {
        // Records 47, 107, 167 …: the tea topic (every 6th) of applicant 7 (every 20th), 100 hits.
        var result = await _index.SearchAsync(Everything(estimate: true) with
        {
            Text = "茶叶加工",
            Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetFields.Applicant] = ["泉州测试企业7"] },
        });

        Assert.Equal(100, result.Total);
        Assert.False(result.FacetCountsEstimated);
        Assert.Equal(100, Assert.Single(result.Facets[FacetFields.Applicant]).Count);
    }
}
