using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Chains;
using Marketplace.Web.Reports;
using Marketplace.Web.Samples;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Search;

/// <summary>A fresh site labels its sample patents by itself: once /readyz is ready, the label facets, value index and indicators are there.</summary>
[Collection(SharedLabelledSite.Name)]
public sealed partial class FirstStartLabellingTests(LabelledSite fixture, ITestOutputHelper output)
{
    private MarketplaceSite Site => fixture.Site;

    [Fact]
    public async Task A_fresh_site_is_ready_once_its_samples_are_loaded_and_labelled()
    {
        using var client = Site.CreateClient();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var search = body.RootElement.GetProperty("checks").GetProperty("search");
        Assert.Equal("Healthy", search.GetProperty("status").GetString());
        var description = search.GetProperty("description").GetString()!;
        var records = (await Site.Index.GetStatsAsync()).Records;
        Assert.Contains($"{records} records labelled in", description, StringComparison.Ordinal);
        Assert.Equal(LabelState.Completed, Site.Services.GetRequiredService<LabelStatus>().State);
        output.WriteLine($"First start (load + train + label) took {fixture.FirstStart.TotalSeconds:0.0} s; {description}");
    }

    [Fact]
    public async Task The_search_page_shows_chain_field_high_value_and_sleeping_facets_with_values()
    {
        using var client = Site.CreateClient();

        var page = await Html.ReadAsync(await client.GetAsync("/"));

        foreach (var facet in new[] { LabelFacets.Chain, LabelFacets.TechField, LabelFacets.HighValue, LabelFacets.Sleeping })
            Assert.NotEmpty(page.QuerySelectorAll($".facet[data-facet={facet}] a[data-value]"));
        // The research institute's granted, untouched utility models of the Chinese export sleep.
        Assert.NotNull(page.QuerySelector($".facet[data-facet={LabelFacets.Sleeping}] a[data-value=true]"));
        Assert.Null(page.QuerySelector("#labels-computing"));
        var chains = page.QuerySelectorAll($".facet[data-facet={LabelFacets.Chain}] .facet-label").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains(Analytics.Taxonomy.IndustryTaxonomy.Default.Chain("digital-economy")!.NameZh, chains);
        var drone = await Site.Index.GetAsync("CN218751475U");
        Assert.Contains("digital-economy", drone!.Labels[LabelFacets.Chain]);
        Assert.Contains(drone.Labels[LabelNames.ChainReason], r => r.StartsWith("digital-economy: ", StringComparison.Ordinal));
        Assert.InRange(drone.Scores[LabelNames.ChainConfidencePrefix + "digital-economy"], 0, 1);
        Assert.NotEmpty(drone.Labels[LabelFacets.SubTopic]);
        // Sub-topics read as their chain and terms, on the facet and on the patent page; the stored id stays the filter value.
        var subTopics = page.QuerySelectorAll($".facet[data-facet={LabelFacets.SubTopic}] .facet-label").Select(e => e.TextContent.Trim()).ToList();
        Assert.NotEmpty(subTopics);
        Assert.All(subTopics, t => Assert.DoesNotMatch(@"^[a-z-]+/\d+ ", t));
        var dronePage = await Html.ReadAsync(await client.GetAsync("/patents/CN218751475U"));
        var stored = drone.Labels[LabelFacets.SubTopic][0];
        var tag = dronePage.QuerySelectorAll("a.tag[href*='f.subtopic=']").Single(a => a.GetAttribute("href")!.EndsWith(Uri.EscapeDataString(stored), StringComparison.Ordinal));
        var chainName = Analytics.Taxonomy.IndustryTaxonomy.Default.Chain(stored[..stored.IndexOf('/', StringComparison.Ordinal)])!.NameZh;
        Assert.Equal(chainName + " · " + stored[(stored.IndexOf(' ', StringComparison.Ordinal) + 1)..], tag.TextContent.Trim());
    }

    [Fact]
    public async Task A_patent_page_says_why_each_chain_was_assigned_in_the_readers_language()
    {
        using var client = Site.CreateClient();
        var drone = (await Site.Index.GetAsync("CN218751475U"))!;

        var zh = await Html.ReadAsync(await client.GetAsync("/patents/CN218751475U"));
        var en = await Html.ReadAsync(await client.GetAsync("/patents/CN218751475U?culture=en"));

        var reasons = zh.QuerySelectorAll("#chain-reasons li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(drone.Labels[LabelFacets.Chain].Count, reasons.Count);
        var digital = Assert.Single(reasons, r => r.StartsWith(Analytics.Taxonomy.IndustryTaxonomy.Default.Chain("digital-economy")!.NameZh + "：", StringComparison.Ordinal));
        // The rule that fired names the patent's own code (or keyword) in Chinese, and in English on the English page.
        Assert.Matches("分类号|关键词|战略性新兴产业|SEI", digital);
        Assert.True(drone.IpcCodes.Any(digital.Contains) || digital.Contains('“'), digital);
        Assert.DoesNotContain("matches", digital, StringComparison.Ordinal);
        var english = en.QuerySelectorAll("#chain-reasons li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(reasons.Count, english.Count);
        Assert.Contains(english, r => r.Contains("matches", StringComparison.Ordinal) || r.Contains("keyword", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sorting_by_value_lists_scored_patents_highest_first_and_their_page_explains_the_index()
    {
        using var client = Site.CreateClient();

        var sorted = await Html.ReadAsync(await client.GetAsync("/search?sort=value&size=5"));
        var ids = sorted.QuerySelectorAll(".hit .pn").Select(e => e.TextContent.Trim()).ToList();
        var first = await Site.Index.GetAsync(ids[0]);
        var second = await Site.Index.GetAsync(ids[1]);
        var patent = await Html.ReadAsync(await client.GetAsync("/patents/" + ids[0]));

        Assert.True(first!.Scores[LabelFacets.ValueIndexScore] >= second!.Scores[LabelFacets.ValueIndexScore]);
        Assert.Matches(ValueOutOf100(), patent.QuerySelector("#analysis .value-index")!.TextContent.Trim());
        Assert.NotEmpty(patent.QuerySelectorAll(".value-components th"));
    }

    [Fact]
    public async Task The_dashboard_is_computed_from_the_labelled_index_and_asks_nobody_to_run_a_command()
    {
        var snapshot = await Site.Services.GetRequiredService<CityDashboard>().WaitAsync();
        using var client = Site.CreateClient();

        var page = await Html.ReadAsync(await client.GetAsync("/dashboard"));
        var highValue = (await Site.Index.SearchAsync(new PatentQuery { PageSize = 1, Facets = [LabelFacets.HighValue] })).Facets[LabelFacets.HighValue];

        var records = (await Site.Index.GetStatsAsync()).Records;
        Assert.Equal(records, snapshot!.RecordsRead);
        Assert.Contains(records.ToString("N0"), page.QuerySelector("#dashboard-basis")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Analytics", page.Body!.TextContent, StringComparison.Ordinal);
        // The samples hold no applicant placed in Quanzhou, so the city's own figures stay 0; corpus-wide, the labels count.
        Assert.Contains(highValue, f => f is { Value: "true", Count: > 0 });
        Assert.Equal(records, highValue.Sum(f => f.Count));
    }

    [GeneratedRegex(@"^\d{1,3} / 100$")]
    private static partial Regex ValueOutOf100();
}
