using System.IO.Compression;
using System.Net;
using System.Text;
using System.Xml.Linq;
using ClosedXML.Excel;
using Marketplace.Web.Tests.Support;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Search;

[Collection(SharedSite.Name)]
public sealed class ExportTests(MarketplaceSite site)
{
    private async Task<long> TotalAsync(string q) => (await site.Index.SearchAsync(new PatentQuery { Text = q, PageSize = 1 })).Total;

    [Fact]
    public async Task CSV_export_holds_the_searchs_records_in_its_order_with_a_BOM_and_equal_columns()
    {
        using var client = site.CreateClient();
        var expected = (await site.Index.SearchAsync(new PatentQuery { Text = "country:CN", PageSize = 200, Highlight = false, Sort = SearchSort.PublicationDateDescending })).Hits.Select(h => h.Record.Id).Take(150).ToList();

        using var response = await client.GetAsync("/search/export?format=csv&sort=newest&q=country:CN&limit=150");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal("公开（公告）号", lines[0][0]);
        Assert.Equal(expected, lines.Skip(1).Select(l => l[0]));
        Assert.All(lines, l => Assert.Equal(lines[0].Count, l.Count));
    }

    [Fact]
    public async Task Excel_export_opens_in_a_spreadsheet_library_with_one_row_per_record()
    {
        using var client = site.CreateClient();
        var total = await TotalAsync("country:CN");

        using var response = await client.GetAsync("/search/export?format=xlsx&q=country:CN");
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheet(1);
        Assert.Equal("公开（公告）号", sheet.Cell(1, 1).GetString());
        Assert.Equal(total + 1, sheet.LastRowUsed()!.RowNumber());
        Assert.StartsWith("CN", sheet.Cell(2, 1).GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", sheet.Cell(2, 3).GetString());
    }

    [Fact]
    public async Task JSON_Lines_export_is_one_full_record_per_line_up_to_the_limit()
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/search/export?format=jsonl&limit=3");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, lines.Length);
        var records = lines.Select(RecordJson.Deserialize).ToList();
        Assert.All(records, r => Assert.NotNull(r.PublicationNumber));
        Assert.Equal(3, records.Select(r => r.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("/search/export?format=pdf", "Unknown export format 'pdf'")]
    [InlineData("/search/export?format=csv&limit=10001", "limit must be between 1 and 10000")]
    [InlineData("/search/export?format=csv&q=title:(", "position")]
    [InlineData("/search/export?format=csv&f.colour=red", "UnknownFilterField")]
    public async Task Export_refuses_bad_requests_before_sending_a_file(string url, string message)
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }
}

[Collection(SharedSite.Name)]
public sealed class PatentPageAnalysisTests(MarketplaceSite site)
{
    [Fact]
    public async Task The_patent_page_shows_expiry_chain_value_reasons_similar_and_owner_patents()
    {
        var (high, _) = await LabelledSamples.EnsureAsync(site);
        using var client = site.CreateClient();

        var page = await Html.ReadAsync(await client.GetAsync("/patents/" + high.Id));

        var term = Marketplace.Web.Patents.PatentTerm.Of(high);
        Assert.Equal(term.Expiry?.ToString("yyyy-MM-dd"), page.QuerySelector(".expiry-date")?.TextContent);
        Assert.Equal(LabelledSamples.Chain.NameZh, page.QuerySelector("#analysis .chains a")!.TextContent.Trim());
        Assert.Equal("97 / 100", page.QuerySelector("#analysis .value-index")!.TextContent.Trim());
        Assert.Equal(["权利要求数", "同族数"], page.QuerySelectorAll(".value-components th").Select(t => t.TextContent.Trim()).ToArray());
        Assert.Equal("是", page.QuerySelector("#high-value .verdict")!.TextContent.Trim());
        Assert.Equal(6, page.QuerySelectorAll("#high-value table.rules tr").Length);
        Assert.Equal("是", page.QuerySelector("#sleeping .verdict")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("#sleeping th"), th => th.TextContent == "从未转让");
        Assert.NotNull(page.QuerySelector("#similar"));
        Assert.DoesNotContain(high.Id, page.QuerySelectorAll("#similar a.pn").Select(a => a.TextContent));
        Assert.Contains(high.Applicants[0].Name, page.QuerySelector("#owner-patents h2")!.TextContent);
        Assert.DoesNotContain(high.Id, page.QuerySelectorAll("#owner-patents a.pn").Select(a => a.TextContent));
        Assert.All(page.QuerySelectorAll("table.codes tr").Take(high.IpcCodes.Count), tr => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", tr.QuerySelectorAll("td")[1].TextContent));
    }
}
