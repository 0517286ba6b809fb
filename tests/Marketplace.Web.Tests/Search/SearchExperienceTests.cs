using System.Net;
using AngleSharp.Dom;
using Marketplace.Web.Patents;
using Marketplace.Web.Tests.Support;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Search;

/// <summary>The search page beyond the basics: label facets, value sort, advanced form, full-width input, number forms, compare, more like this.</summary>
[Collection(SharedSite.Name)]
public sealed class SearchExperienceTests(MarketplaceSite site)
{
    private static long Total(IDocument page) =>
        long.Parse(new string(page.QuerySelector(".total")!.TextContent.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> HitIds(IDocument page) => [.. page.QuerySelectorAll(".hit .pn").Select(e => e.TextContent.Trim())];

    [Fact]
    public async Task Label_facets_read_in_Chinese_and_filter_to_the_labelled_patents()
    {
        var (high, _) = await LabelledSamples.EnsureAsync(site);
        using var client = site.CreateClient();

        var page = await Html.ReadAsync(await client.GetAsync("/"));

        var headings = page.QuerySelectorAll(".facet").ToDictionary(f => f.GetAttribute("data-facet")!, f => f.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal("产业链", headings[LabelFacets.Chain]);
        Assert.Equal("细分主题", headings[LabelFacets.SubTopic]);
        Assert.Equal("技术领域", headings[LabelFacets.TechField]);
        Assert.Equal("高价值专利", headings[LabelFacets.HighValue]);
        Assert.Equal("沉睡专利", headings[LabelFacets.Sleeping]);
        var chain = page.QuerySelector($".facet[data-facet={LabelFacets.Chain}] a[data-value='{LabelledSamples.ChainId}']")!;
        Assert.Equal(LabelledSamples.Chain.NameZh, chain.QuerySelector(".facet-label")!.TextContent.Trim());
        Assert.Equal(LabelledSamples.Field.NameZh, page.QuerySelector($".facet[data-facet={LabelFacets.TechField}] .facet-label")!.TextContent.Trim());
        Assert.Equal(["否", "是"], page.QuerySelectorAll($".facet[data-facet={LabelFacets.HighValue}] .facet-label").Select(e => e.TextContent.Trim()).Order().ToArray());

        var filtered = await Html.ReadAsync(await client.GetAsync($"/search?f.{LabelFacets.HighValue}=true"));
        Assert.Equal([high.Id], HitIds(filtered));
        Assert.Contains("高价值专利", filtered.QuerySelector(".hit .badge-value")!.TextContent);
        Assert.Contains("沉睡专利", filtered.QuerySelector(".hit .badge-sleeping")!.TextContent);
    }

    [Fact]
    public async Task Sorting_by_value_index_puts_the_highest_value_first_and_unscored_patents_last()
    {
        var (high, low) = await LabelledSamples.EnsureAsync(site);
        using var client = site.CreateClient();

        var page = await Html.ReadAsync(await client.GetAsync("/search?sort=value&size=100"));

        var ids = HitIds(page);
        Assert.Equal(high.Id, ids[0]);
        Assert.Equal(low.Id, ids[1]);
        Assert.Contains("价值指数 97", page.QuerySelector(".hit .value-index")!.TextContent);
        Assert.Equal("价值指数", page.QuerySelector(".sort .current")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_advanced_form_composes_the_query_syntax_and_redirects_to_a_plain_search()
    {
        using var client = site.CreateClient();
        var query = "/search?adv.words=" + Uri.EscapeDataString("无人机") + "&adv.applicant=" + Uri.EscapeDataString("华侨 大学")
            + "&adv.ipc=B64C+B64U&adv.pd.from=2018-01-01&adv.pd.to=2023-06-30&adv.ad.from=2017-01-01&adv.type=utilityModel&adv.status=&adv.country=cn";

        using var response = await client.GetAsync(query);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var q = Uri.UnescapeDataString(response.Headers.Location!.OriginalString["/search?q=".Length..]);
        Assert.Equal("无人机 applicant:\"华侨 大学\" ipc:(B64C OR B64U) ad:>=20170101 pd:[20180101 TO 20230630] type:utilityModel country:CN", q);
        using var followed = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
    }

    [Fact]
    public async Task The_advanced_form_names_each_bad_field_in_Chinese()
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/search?adv.ipc=XYZ&adv.gd.from=2023-01-01&adv.gd.to=2020-01-01&adv.ad.to=yesterday");
        var page = await Html.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = page.QuerySelectorAll(".input-error").Select(e => e.TextContent).ToList();
        Assert.Contains("“XYZ”不是 IPC/CPC 分类号（如 H01M、H01M10、H01M10/05）。", errors);
        Assert.Contains("gd: 的起始日期晚于结束日期。", errors);
        Assert.Contains("“yesterday”不是日期（yyyy-mm-dd）。", errors);
        Assert.NotNull(page.QuerySelector("details.advanced[open]"));
    }

    [Fact]
    public async Task Full_width_input_finds_the_same_patents_as_half_width()
    {
        var record = await site.Index.FirstAsync(r => r.Country == "CN" && r.IpcCodes.Count > 0, "Chinese patent with IPC");
        var subclass = record.IpcCodes[0][..4];
        var fullWidth = "ｉｐｃ：" + string.Concat(subclass.Select(c => (char)(c + 0xFEE0)));
        using var client = site.CreateClient();

        var half = await Html.ReadAsync(await client.GetAsync("/search?size=100&q=" + Uri.EscapeDataString("ipc:" + subclass)));
        var full = await Html.ReadAsync(await client.GetAsync("/search?size=100&q=" + Uri.EscapeDataString(fullWidth)));

        Assert.True(Total(half) > 0);
        Assert.Equal(HitIds(half), HitIds(full));
    }

    public static TheoryData<string> NumberForms => new()
    {
        "application number with its check digit",
        "application number without its check digit",
        "application number in the ZL form",
        "publication number",
        "publication number with spaces in lower case",
    };

    [Theory]
    [MemberData(nameof(NumberForms))]
    public async Task A_Chinese_patent_number_in_any_form_opens_the_patent(string form)
    {
        var record = await site.Index.UniqueByNumberAsync(r => r.Country == "CN" && r.ApplicationNumber is { CheckDigit: not null }, "Chinese patent with an application number");
        var an = record.ApplicationNumber!;
        var typed = form switch
        {
            "application number with its check digit" => $"{an.Number}.{an.CheckDigit}",
            "application number without its check digit" => "CN" + an.Number,
            "application number in the ZL form" => $"ZL{an.Number}.{an.CheckDigit}",
            "publication number" => record.Id,
            _ => $"cn {record.PublicationNumber.Number} {record.KindCode?.ToLowerInvariant()}",
        };
        using var client = site.CreateClient(followRedirects: false);

        using var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString(typed));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/patents/" + record.Id, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Compare_shows_up_to_four_patents_side_by_side_and_refuses_five()
    {
        var ids = new List<string>();
        await foreach (var r in site.Index.ExportAsync())
        {
            ids.Add(r.Id);
            if (ids.Count == 5) break;
        }
        using var client = site.CreateClient();

        var two = await Html.ReadAsync(await client.GetAsync($"/patents/compare?ids={ids[0]}&ids={ids[1]}"));
        using var five = await client.GetAsync("/patents/compare?" + string.Join("&", ids.Select(i => "ids=" + i)));
        using var one = await client.GetAsync($"/patents/compare?ids={ids[0]}");

        Assert.Equal(ids.Take(2), two.QuerySelectorAll("table.compare thead th a.pn").Select(a => a.TextContent.Trim()));
        Assert.Contains(two.QuerySelectorAll("table.compare tbody th"), th => th.TextContent == "届满日");
        Assert.Equal(HttpStatusCode.BadRequest, five.StatusCode);
        Assert.Contains("一次最多对比 4 件专利，您选择了 5 件。", (await Html.ReadAsync(five)).QuerySelector(".input-error")!.TextContent);
        Assert.Equal(4, (await Html.ReadAsync(five)).QuerySelectorAll("table.compare thead th a.pn").Length);
        Assert.Equal(HttpStatusCode.BadRequest, one.StatusCode);
    }

    [Fact]
    public async Task More_like_this_searches_the_patents_key_terms_and_leaves_the_patent_out()
    {
        var record = await site.Index.FirstAsync(r => r.Titles.Any(t => t.Text.Contains("无人机", StringComparison.Ordinal)), "drone patent");
        using var client = site.CreateClient();

        using var response = await client.GetAsync($"/patents/{record.Id}/similar");
        var q = Uri.UnescapeDataString(response.Headers.Location!.OriginalString["/search?q=".Length..]);
        var page = await Html.ReadAsync(await client.GetAsync(response.Headers.Location));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("\"无人机\"", q);
        Assert.EndsWith("-pn:" + record.Id, q);
        var hits = HitIds(page);
        Assert.True(hits.Count >= 4, "the samples hold five Chinese drone patents");
        Assert.DoesNotContain(record.Id, hits);
    }
}
