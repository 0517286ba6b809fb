using System.Net;
using System.Text;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Search;

/// <summary>
/// A record with a 5 MB abstract, a long first claim and a long source field, in a site of its own (the shared
/// sample site's exports and counts should not meet it): the pages show the start of each and link to the whole.
/// </summary>
public sealed class LongTextPageTests(SqliteSite site) : IClassFixture<SqliteSite>, IAsyncLifetime
{
    private const string Id = "CN990000555A", Other = "CN990000556A";
    private const int SmallPage = 200_000;
    private static readonly string Sentence = "一种用于光伏板清洁的机器人，包括行走机构、毛刷和集尘箱，行走机构带动毛刷沿光伏板移动。";
    private static readonly string HugeAbstract = string.Concat(Enumerable.Repeat(Sentence, 5 * 1024 * 1024 / Encoding.UTF8.GetByteCount(Sentence)));
    private static readonly string LongClaim = string.Concat(Enumerable.Repeat("1. A cleaning robot comprising a brush; ", 200));
    private static readonly string LongDescription = string.Concat(Enumerable.Repeat("本实用新型的具体实施方式如下所述。", 400));

    public async Task InitializeAsync()
    {
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([Record(Id, HugeAbstract), Record(Other, "一种光伏板清洁刷。")]);
        await index.CommitAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static PatentRecord Record(string id, string abstractText) => new()
    {
        PublicationNumber = PatentNumber.Parse(id),
        DocumentType = DocumentType.UtilityModel,
        Stage = PublicationStage.Grant,
        LegalStatus = LegalStatus.InForce,
        Titles = [new LocalizedText("zh", "光伏板清洁机器人 " + id)],
        Abstracts = [new LocalizedText("zh", abstractText)],
        FirstClaims = [new LocalizedText("en", LongClaim)],
        Applicants = [new Party { Name = "泉州示范大学（演示）" }],
        ApplicationDate = new DateOnly(2022, 1, 10),
        Extra = new(StringComparer.Ordinal) { ["说明书"] = LongDescription, ["备注"] = "短字段" },
    };

    [Fact]
    public async Task A_patent_page_with_a_five_megabyte_abstract_stays_small_and_offers_to_show_each_long_text_whole()
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/patents/" + Id);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Encoding.UTF8.GetByteCount(html) < SmallPage, $"the page is {Encoding.UTF8.GetByteCount(html):N0} bytes");
        var page = Html.Parse(html);
        var abstractPart = page.QuerySelector(".abstract")!;
        Assert.StartsWith(Sentence, abstractPart.QuerySelector(".long-text")!.TextContent, StringComparison.Ordinal);
        // Cut after a whole sentence, not in the middle of one.
        Assert.EndsWith("。…", abstractPart.QuerySelector(".long-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("显示全部", abstractPart.QuerySelector("a.show-all")!.TextContent.Trim());
        Assert.Contains(HugeAbstract.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), abstractPart.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".claim a.show-all"));
        Assert.Contains(page.QuerySelectorAll("dd"), dd => dd.TextContent.Trim() == "短字段");

        var whole = await client.PageAsync(page.QuerySelector(".abstract a.show-all")!.GetAttribute("href")!);
        Assert.Equal(HugeAbstract, whole.QuerySelector("#full-text")!.TextContent);
        var claim = await client.PageAsync(page.QuerySelector(".claim a.show-all")!.GetAttribute("href")!);
        Assert.Equal(LongClaim, claim.QuerySelector("#full-text")!.TextContent);
        var field = page.QuerySelectorAll("dd a.show-all").Single().GetAttribute("href")!;
        Assert.Equal(LongDescription, (await client.PageAsync(field)).QuerySelector("#full-text")!.TextContent);
    }

    [Fact]
    public async Task Comparing_with_a_five_megabyte_abstract_stays_small_and_short_abstracts_show_whole()
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync($"/patents/compare?ids={Id}&ids={Other}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Encoding.UTF8.GetByteCount(html) < SmallPage, $"the page is {Encoding.UTF8.GetByteCount(html):N0} bytes");
        var rows = Html.Parse(html).QuerySelectorAll("table.compare tbody tr");
        var cells = rows[^1].QuerySelectorAll("td");
        Assert.Equal("显示全部", cells[0].QuerySelector("a.show-all")!.TextContent.Trim());
        Assert.Equal("一种光伏板清洁刷。", cells[1].TextContent.Trim());
    }

    [Fact]
    public async Task The_full_text_of_a_part_the_record_does_not_have_is_not_found()
    {
        using var client = site.CreateClient();

        using var unknownField = await client.GetAsync($"/patents/{Id}/text/field?name=nope");
        using var unknownPart = await client.GetAsync($"/patents/{Id}/text/drawings");
        using var unknownPatent = await client.GetAsync("/patents/CN990000999A/text/abstract");

        Assert.Equal(HttpStatusCode.NotFound, unknownField.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPart.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPatent.StatusCode);
    }
}
