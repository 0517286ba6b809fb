using System.Net;
using AngleSharp.Dom;
using Marketplace.Web.Tests.Support;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests;

[Collection(SharedSite.Name)]
public sealed class SearchPageTests(MarketplaceSite site)
{
    private static readonly string[] ChineseDocumentTypes = ["发明", "实用新型", "外观设计", "植物专利", "再颁专利", "未知"];

    private static long Total(IDocument page) =>
        long.Parse(new string(page.QuerySelector(".total")!.TextContent.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> HitIds(IDocument page) =>
        [.. page.QuerySelectorAll(".hit .pn").Select(e => e.TextContent.Trim())];

    [Fact]
    public async Task The_home_page_lists_every_sample_patent_with_facet_counts_for_all_fields()
    {
        using var client = site.CreateClient();
        var stats = await site.Index.GetStatsAsync();

        using var response = await client.GetAsync("/");
        var page = await Html.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stats.Records, Total(page));
        Assert.Equal(Math.Min(PatentSearchRequestDefaults.PageSize, stats.Records), HitIds(page).Count);
        var facetFields = page.QuerySelectorAll(".facet").Select(f => f.GetAttribute("data-facet")).ToList();
        Assert.Contains(FacetFields.IpcSubclass, facetFields);
        Assert.Contains(FacetFields.Country, facetFields);
        Assert.Contains(FacetFields.DocumentType, facetFields);
        Assert.Contains(FacetFields.LegalStatus, facetFields);
        Assert.All(facetFields, f => Assert.Contains(f, Marketplace.Web.Patents.PatentSearchRequest.FacetNames));
    }

    [Fact]
    public async Task A_Chinese_word_finds_the_patents_that_contain_it_and_marks_it()
    {
        using var client = site.CreateClient();

        var page = await Html.ReadAsync(await client.GetAsync("/search?q=" + Uri.EscapeDataString("无人机")));

        var ids = HitIds(page);
        Assert.True(ids.Count >= 5, $"the samples hold five Chinese drone patents, found {ids.Count}");
        var records = await site.Index.GetManyAsync(ids.ToList());
        Assert.All(ids, id => Assert.Contains("无人机", string.Concat(records[id].Titles.Concat(records[id].Abstracts).Concat(records[id].FirstClaims).Select(t => t.Text))));
        Assert.Contains(page.QuerySelectorAll(".hit-title mark"), m => "无人机".Contains(m.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_English_word_finds_patents_with_English_text_and_marks_it()
    {
        using var client = site.CreateClient();

        var page = await Html.ReadAsync(await client.GetAsync("/search?q=processing&culture=en"));

        Assert.True(HitIds(page).Count >= 3, "the US, EP and WO publications of 'Attitude reference for tieback/overlap processing'");
        Assert.Contains(page.QuerySelectorAll(".hit-title mark"), m => m.TextContent.StartsWith("process", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("patents found", page.QuerySelector(".total")!.TextContent);
    }

    [Fact]
    public async Task Facet_values_read_in_Chinese_with_IPC_titles_and_enum_labels()
    {
        using var client = site.CreateClient();
        var page = await Html.ReadAsync(await client.GetAsync("/"));

        var ipc = page.QuerySelector(".facet[data-facet=ipc_subclass] a")!;
        var code = ipc.GetAttribute("data-value")!;
        Assert.StartsWith(code + " ", ipc.QuerySelector(".facet-label")!.TextContent);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ipc.QuerySelector(".facet-label")!.TextContent);

        var docTypes = page.QuerySelectorAll(".facet[data-facet=doc_type] .facet-label").Select(e => e.TextContent.Trim()).ToList();
        Assert.NotEmpty(docTypes);
        Assert.All(docTypes, t => Assert.Contains(t, ChineseDocumentTypes));

        var countries = page.QuerySelectorAll(".facet[data-facet=country] a").ToDictionary(a => a.GetAttribute("data-value")!, a => a.QuerySelector(".facet-label")!.TextContent.Trim());
        if (countries.TryGetValue("CN", out var cn)) Assert.Equal("中国", cn);
        if (countries.TryGetValue("US", out var us)) Assert.Equal("美国", us);
        Assert.True(countries.ContainsKey("CN") || countries.ContainsKey("US"), "the samples hold Chinese or US patents");
    }

    [Fact]
    public async Task Clicking_a_facet_value_filters_the_results_and_the_active_filter_can_be_removed()
    {
        using var client = site.CreateClient();
        var home = await Html.ReadAsync(await client.GetAsync("/"));
        var all = Total(home);
        var facet = home.QuerySelectorAll(".facet[data-facet=ipc_subclass] a")
            .First(a => long.Parse(a.QuerySelector(".count")!.TextContent.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) < all);
        var expected = long.Parse(facet.QuerySelector(".count")!.TextContent.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var code = facet.GetAttribute("data-value")!;

        var href = facet.GetAttribute("href")!;
        Assert.Contains("f.ipc_subclass=" + code, href);
        var filtered = await Html.ReadAsync(await client.GetAsync(href));

        Assert.Equal(expected, Total(filtered));
        var chip = filtered.QuerySelector(".active-filters .chip[data-field=ipc_subclass]")!;
        Assert.Equal(code, chip.GetAttribute("data-value"));
        var firstHit = filtered.QuerySelector(".hit .pn")!.TextContent.Trim();
        var record = await site.Index.GetAsync(firstHit);
        Assert.Contains(record!.IpcCodes, c => c.StartsWith(code, StringComparison.Ordinal));

        var removed = await Html.ReadAsync(await client.GetAsync(chip.GetAttribute("href")!));
        Assert.Equal(all, Total(removed));
        Assert.Null(removed.QuerySelector(".active-filters"));
    }

    [Fact]
    public async Task Paging_walks_through_the_results_without_repeating_a_patent()
    {
        using var client = site.CreateClient();
        var first = await Html.ReadAsync(await client.GetAsync("/search?size=3"));
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("page=2", next);
        var second = await Html.ReadAsync(await client.GetAsync(next));

        Assert.Equal(3, HitIds(first).Count);
        Assert.Equal(3, HitIds(second).Count);
        Assert.Empty(HitIds(first).Intersect(HitIds(second)));
        Assert.Equal("2", second.QuerySelector(".pager .current")!.TextContent.Trim());
        Assert.NotNull(second.QuerySelector(".pager a[rel=prev]"));
    }

    [Fact]
    public async Task Sorting_newest_first_orders_hits_by_publication_date_descending()
    {
        using var client = site.CreateClient();
        var page = await Html.ReadAsync(await client.GetAsync("/search?sort=newest&size=50"));

        var records = await site.Index.GetManyAsync(HitIds(page).ToList());
        var dates = HitIds(page).Select(id => records[id].PublicationDate).Where(d => d is not null).ToList();

        Assert.True(dates.Count > 2);
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.Equal("最新优先", page.QuerySelector(".sort .current")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("page=0", "页码")]
    [InlineData("page=abc", "页码")]
    [InlineData("size=1000", "每页条数")]
    [InlineData("size=-5", "每页条数")]
    [InlineData("page=9999&size=100", "10000")]
    [InlineData("f.colour=red", "f.colour")]
    [InlineData("sort=cheapest", "cheapest")]
    public async Task A_bad_query_string_is_refused_with_a_clear_message(string query, string mentioned)
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/search?" + query);
        var page = await Html.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = page.QuerySelector(".input-error")!.TextContent;
        Assert.Contains(mentioned, message);
        Assert.Empty(page.QuerySelectorAll(".hit"));
    }

    [Fact]
    public async Task An_unknown_facet_field_message_lists_the_fields_that_exist()
    {
        using var client = site.CreateClient();

        var page = await Html.ReadAsync(await client.GetAsync("/search?f.colour=red&culture=en"));

        var message = page.QuerySelector(".input-error")!.TextContent;
        Assert.Contains("Unknown filter “f.colour”", message);
        Assert.All(FacetFields.All, f => Assert.Contains("f." + f, message));
    }

    [Theory]
    [InlineData("(电池 散热", "Missing ')'")]
    [InlineData("titel:电池", "Unknown field 'titel'")]
    [InlineData("pd:[2023 TO 2020]", "is empty")]
    public async Task A_query_with_a_syntax_error_shows_the_engines_message_instead_of_failing(string query, string message)
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString(query));
        var page = await Html.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector(".query-error")!.TextContent);
        Assert.Equal(query, page.QuerySelector(".search-input")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Markup_in_the_query_is_encoded_not_executed()
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString("<script>alert(1)</script>"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }
}

/// <summary>The page size the search page uses when the query string names none.</summary>
internal static class PatentSearchRequestDefaults
{
    public static int PageSize => Marketplace.Web.Patents.PatentSearchRequest.DefaultPageSize;
}
