using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;

namespace Search.Indexer.Bench;

/// <summary>
/// What counting every facet adds to a search: per query the top 10 with all facets and without any, each way best of
/// three with the ways interleaved (on a shared machine the minimum is the figure that repeats). Part of the peers'
/// protocol, and on its own over an existing index (<c>bench --facets-over DIR --queries FILE</c>) so that a change to
/// facet counting can be weighed without loading again.
/// </summary>
public static class FacetComparison
{
    public static async Task<FacetFigures> MeasureAsync(IPatentIndex index, IReadOnlyList<string> texts, CancellationToken ct)
    {
        var facetTimes = new List<double>(texts.Count);
        var bareTimes = new List<double>(texts.Count);
        var hits = new List<long>(texts.Count);
        foreach (var text in texts)
        {
            double bestFacets = double.MaxValue, bestBare = double.MaxValue;
            long total = 0;
            for (var round = 0; round < 3; round++)
            {
                var watch = Stopwatch.StartNew();
                var result = await index.SearchAsync(Query(text, FacetFields.All), ct).ConfigureAwait(false);
                bestFacets = Math.Min(bestFacets, watch.Elapsed.TotalMilliseconds);
                total = result.Total;
                watch.Restart();
                await index.SearchAsync(Query(text, []), ct).ConfigureAwait(false);
                bestBare = Math.Min(bestBare, watch.Elapsed.TotalMilliseconds);
            }
            facetTimes.Add(bestFacets);
            bareTimes.Add(bestBare);
            hits.Add(total);
        }
        var sortedHits = hits.Order().ToList();
        return new FacetFigures
        {
            Queries = texts.Count,
            MedianHits = sortedHits.Count == 0 ? 0 : sortedHits[sortedHits.Count / 2],
            MaxHits = sortedHits.Count == 0 ? 0 : sortedHits[^1],
            P50NoFacetsMs = PeerProtocol.Percentile(bareTimes, 50),
            P99NoFacetsMs = PeerProtocol.Percentile(bareTimes, 99),
            P50AllFacetsMs = PeerProtocol.Percentile(facetTimes, 50),
            P99AllFacetsMs = PeerProtocol.Percentile(facetTimes, 99),
        };
    }

    /// <summary><c>bench --facets-over DIR</c>: the comparison over an existing index, opened read-only, after one untimed pass.</summary>
    public static async Task<FacetFigures> RunAsync(string indexPath, IReadOnlyList<string> queries, Action<string> say, CancellationToken ct)
    {
        using var index = new LuceneIndex(new LuceneIndexOptions { IndexPath = indexPath, ReadOnly = true, ResultCacheHits = 0 });
        say($"Warming up on {queries.Count} queries …");
        foreach (var text in queries)
            await index.SearchAsync(Query(text, FacetFields.All), ct).ConfigureAwait(false);
        say($"Timing {queries.Count} queries with all facets and without …");
        return await MeasureAsync(index, queries, ct).ConfigureAwait(false);
    }

    private static PatentQuery Query(string text, IReadOnlyList<string> facets) =>
        new() { Text = text, PageSize = 10, Facets = facets, Highlight = true };
}

public sealed record FacetFigures
{
    [JsonPropertyName("queries")] public int Queries { get; init; }
    [JsonPropertyName("median_hits")] public long MedianHits { get; init; }
    [JsonPropertyName("max_hits")] public long MaxHits { get; init; }
    [JsonPropertyName("p50_no_facets_ms")] public double P50NoFacetsMs { get; init; }
    [JsonPropertyName("p99_no_facets_ms")] public double P99NoFacetsMs { get; init; }
    [JsonPropertyName("p50_all_facets_ms")] public double P50AllFacetsMs { get; init; }
    [JsonPropertyName("p99_all_facets_ms")] public double P99AllFacetsMs { get; init; }

    public async Task WriteTextAsync(TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        await w.WriteLineAsync(string.Create(c, $"{Queries} queries, median {MedianHits:N0} hits, at most {MaxHits:N0}; each way best of three")).ConfigureAwait(false);
        await w.WriteLineAsync(string.Create(c, $"no facets:  p50 {P50NoFacetsMs} ms  p99 {P99NoFacetsMs} ms")).ConfigureAwait(false);
        await w.WriteLineAsync(string.Create(c, $"all facets: p50 {P50AllFacetsMs} ms  p99 {P99AllFacetsMs} ms")).ConfigureAwait(false);
    }
}
