using System.Net;
using Marketplace.Web.Tests.Support;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests;

[Collection(SharedSite.Name)]
public sealed class PatentPageTests(MarketplaceSite site)
{
    [Fact]
    public async Task A_patent_number_typed_with_spaces_and_lower_case_opens_that_patent()
    {
        var record = await site.Index.UniqueByNumberAsync(r => r.KindCode is not null, "publication with a kind code");
        var typed = $"{record.Country.ToLowerInvariant()} {record.PublicationNumber.Number} {record.KindCode}";
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString(typed));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/patents/" + record.Id, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_patent_number_without_its_kind_code_opens_the_only_publication_it_names()
    {
        var record = await site.Index.UniqueByNumberAsync(r => r.Country == "CN", "Chinese patent");
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString("CN" + record.PublicationNumber.Number));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/patents/" + record.Id, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_patent_page_shows_the_full_bibliographic_record()
    {
        var record = await site.Index.FirstAsync(r => r.Country == "CN" && r.Applicants.Count > 0 && r.IpcCodes.Count > 0 && r.Abstracts.Count > 0, "Chinese patent with applicants, IPC and abstract");
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/patents/" + record.Id);
        var page = await Html.ReadAsync(response);
        var text = page.QuerySelector("main")!.TextContent;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(record.Title("zh"), page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(record.PublicationNumber.Canonical, text);
        if (record.ApplicationNumber is { } an) Assert.Contains(an.ToString(), text);
        Assert.All(record.Applicants, a => Assert.Contains(a.Name, text));
        Assert.All(record.Abstracts, a => Assert.Contains(a.Text, text));
        var ipcRow = page.QuerySelectorAll("table.codes tr").First(tr => tr.QuerySelector("td.code")!.TextContent == record.IpcCodes[0]);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ipcRow.QuerySelectorAll("td")[1].TextContent);
        Assert.Contains(Path.GetFileName(record.Provenance[0].SourceFile), text);
        Assert.Contains("著录项目", text);
    }

    [Fact]
    public async Task Another_written_form_of_the_number_redirects_to_the_canonical_address()
    {
        var record = await site.Index.UniqueByNumberAsync(r => r.KindCode is not null, "publication with a kind code");
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/patents/" + Uri.EscapeDataString($"{record.Country} {record.PublicationNumber.Number} {record.KindCode}".ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/patents/" + record.Id, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("CN999999999U")]
    [InlineData("not-a-number")]
    public async Task An_unknown_patent_answers_404_with_a_localised_page(string id)
    {
        using var client = site.CreateClient();

        using var zh = await client.GetAsync("/patents/" + id);
        using var en = await client.GetAsync("/patents/" + id + "?culture=en");
        var zhPage = await Html.ReadAsync(zh);
        var enPage = await Html.ReadAsync(en);

        Assert.Equal(HttpStatusCode.NotFound, zh.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, en.StatusCode);
        Assert.Equal("页面未找到", zhPage.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Page not found", enPage.QuerySelector("h1")!.TextContent.Trim());
    }
}
