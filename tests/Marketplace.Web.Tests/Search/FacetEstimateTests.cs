using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Search;

/// <summary>
/// A site whose exact facet limit is 50 hits, so a search over the samples matches more than that: the search page
/// marks its counts as estimates and says so in the reader's language, the API says so in its answer, and a search
/// within the limit shows exact counts without the note.
/// </summary>
public sealed class FacetEstimateTests : IAsyncLifetime
{
    private readonly MarketplaceSite _site = MarketplaceSite.WithSettings(new Dictionary<string, string?> { ["Search:Lucene:ExactFacetCountHits"] = "50" });

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_search_matching_more_than_the_limit_marks_its_facet_counts_as_estimates_in_both_languages()
    {
        using var client = new SiteClient(_site.BaseAddress);

        var zh = await client.PageAsync("/search?q=" + Uri.EscapeDataString("装置"));
        var en = await client.PageAsync("/search?culture=en&q=" + Uri.EscapeDataString("装置"));

        Assert.Contains("按其中的抽样估算", zh.QuerySelector("#facet-estimate-note")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("estimated from a sample", en.QuerySelector("#facet-estimate-note")?.TextContent ?? "", StringComparison.Ordinal);
        var counts = zh.QuerySelectorAll(".facet .count").Select(c => c.TextContent).ToList();
        Assert.NotEmpty(counts);
        Assert.All(counts, c => Assert.StartsWith("≈", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_search_within_the_limit_shows_exact_counts_without_the_note()
    {
        using var client = new SiteClient(_site.BaseAddress);

        var page = await client.PageAsync("/search?q=" + Uri.EscapeDataString("光伏 清洗"));

        Assert.Null(page.QuerySelector("#facet-estimate-note"));
        var counts = page.QuerySelectorAll(".facet .count").Select(c => c.TextContent).ToList();
        Assert.NotEmpty(counts);
        Assert.All(counts, c => Assert.DoesNotContain("≈", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_search_api_says_whether_its_facet_counts_are_estimated()
    {
        using var http = _site.CreateClient();

        var many = await http.GetFromJsonAsync<JsonElement>("/api/v1/patents?q=" + Uri.EscapeDataString("装置"));
        var few = await http.GetFromJsonAsync<JsonElement>("/api/v1/patents?q=" + Uri.EscapeDataString("光伏 清洗"));

        Assert.True(many.GetProperty("total").GetInt64() > 50);
        Assert.True(many.GetProperty("facetCountsEstimated").GetBoolean());
        Assert.True(few.GetProperty("total").GetInt64() is > 0 and <= 50);
        Assert.False(few.GetProperty("facetCountsEstimated").GetBoolean());
    }
}
