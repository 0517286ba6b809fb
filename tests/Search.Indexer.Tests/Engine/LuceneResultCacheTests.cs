using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Engine;

public sealed class LuceneResultCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private async Task<LuceneIndex> IndexWithAsync(int cacheHits, params string[] ids)
    {
        var index = new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path, ResultCacheHits = cacheHits });
        await index.UpsertAsync(ids.Select(SampleRecords.Get).ToList());
        await index.CommitAsync();
        return index;
    }

    private static PatentQuery Drains(int page = 1) => new()
    {
        Text = "排水 OR 摄像头", PageSize = 1, Page = page, Facets = [FacetFields.DocumentType],
    };

    [Fact]
    public async Task SameQueryAgain_is_answered_from_the_cache_with_the_same_result()
    {
        using var index = await IndexWithAsync(100, SampleRecords.DrainPipe, SampleRecords.Camera, SampleRecords.Drone);
        var first = await index.SearchAsync(Drains());
        var second = await index.SearchAsync(Drains());

        Assert.Equal(1, index.CachedSearches);
        Assert.Equal(first.Total, second.Total);
        Assert.Equal(first.Hits.Select(h => h.Record.Id), second.Hits.Select(h => h.Record.Id));
        Assert.Equal(first.Facets[FacetFields.DocumentType], second.Facets[FacetFields.DocumentType]);
    }

    [Fact]
    public async Task OtherPageFilterOrSort_is_searched_afresh()
    {
        using var index = await IndexWithAsync(100, SampleRecords.DrainPipe, SampleRecords.Camera);
        var page1 = await index.SearchAsync(Drains());
        var page2 = await index.SearchAsync(Drains(page: 2));
        await index.SearchAsync(Drains() with { Sort = SearchSort.PublicationDateAscending });
        await index.SearchAsync(Drains() with { Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetFields.Country] = ["CN"] } });

        Assert.Equal(0, index.CachedSearches);
        Assert.NotEqual(page1.Hits[0].Record.Id, page2.Hits[0].Record.Id);
    }

    [Fact]
    public async Task AfterAnUpsertIsCommitted_the_new_record_is_in_the_answer()
    {
        using var index = await IndexWithAsync(100, SampleRecords.DrainPipe);
        Assert.Equal(1, (await index.SearchAsync(Drains())).Total);
        Assert.Equal(1, (await index.SearchAsync(Drains())).Total);

        await index.UpsertAsync([SampleRecords.Get(SampleRecords.Camera)]);
        await index.CommitAsync();

        Assert.Equal(2, (await index.SearchAsync(Drains())).Total);
        Assert.Equal(1, index.CachedSearches);
    }

    [Fact]
    public async Task CacheOfZero_never_answers_from_the_cache()
    {
        using var index = await IndexWithAsync(0, SampleRecords.DrainPipe);
        await index.SearchAsync(Drains());
        await index.SearchAsync(Drains());
        Assert.Equal(0, index.CachedSearches);
    }

    [Fact]
    public void Budget_evicts_the_least_recently_used_first()
    {
        var cache = new QueryResultCache(maxHits: 4);
        var reader = new object();
        static SearchResult WithHits(int n) => new() { Hits = Enumerable.Range(0, n).Select(i => new SearchHit(SampleRecords.Get(SampleRecords.Drone), i, new Dictionary<string, string>())).ToList() };
        cache.Add(reader, "a", WithHits(1)); // cost 2
        cache.Add(reader, "b", WithHits(1)); // cost 2: budget full
        Assert.True(cache.TryGet(reader, "a", out _)); // a is now the most recent
        cache.Add(reader, "c", WithHits(0)); // cost 1: b goes
        Assert.False(cache.TryGet(reader, "b", out _));
        Assert.True(cache.TryGet(reader, "a", out _));
        Assert.True(cache.TryGet(reader, "c", out _));
        cache.Add(reader, "huge", WithHits(10)); // larger than the whole budget: not kept, nothing evicted
        Assert.False(cache.TryGet(reader, "huge", out _));
        Assert.True(cache.TryGet(reader, "a", out _));
    }

    [Fact]
    public void Key_depends_on_every_part_of_the_query_and_the_index_version()
    {
        var q = Drains() with { Filters = new Dictionary<string, IReadOnlyList<string>> { ["country"] = ["CN", "US"], ["doc_type"] = ["invention"] } };
        var same = q with { Filters = new Dictionary<string, IReadOnlyList<string>> { ["doc_type"] = ["invention"], ["country"] = ["US", "CN"] } };
        Assert.Equal(QueryResultCache.Key(q, 7), QueryResultCache.Key(same, 7));
        var variants = new[]
        {
            q with { Text = "排水" }, q with { Page = 2 }, q with { PageSize = 2 }, q with { Sort = SearchSort.ValueIndexDescending },
            q with { Facets = [] }, q with { FacetSize = 20 }, q with { Highlight = false },
            q with { PublicationDate = new DateRange(new DateOnly(2020, 1, 1), null) }, q with { GrantDate = new DateRange(null, new DateOnly(2020, 1, 1)) },
            q with { Filters = new Dictionary<string, IReadOnlyList<string>> { ["country"] = ["CN"] } },
        };
        var keys = variants.Select(v => QueryResultCache.Key(v, 7)).Append(QueryResultCache.Key(q, 8)).Append(QueryResultCache.Key(q, 7)).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    public void Dispose() => _folder.Dispose();
}
