using System.Net;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Marketplace.Web.Data;
using Marketplace.Web.Saved;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;
using static Marketplace.Web.Tests.Saved.SavedScenario;

namespace Marketplace.Web.Tests.Saved;

/// <summary>Collections: add from search results and the patent page (new collection inline), list, remove, rename, delete, export; owner only.</summary>
public abstract class CollectionTests(AccountsSite site)
{
    /// <summary>Adds the patent from its page into a new collection and returns the collection's id.</summary>
    private static async Task<Guid> AddToNewAsync(SiteClient client, string patentId, string collectionName, string? note = null)
    {
        using var response = await client.SubmitAsync("/patents/" + patentId, "#add-to-collection",
            new Dictionary<string, string> { ["NewName"] = collectionName, ["Note"] = note ?? "" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/collections/[0-9a-f-]{36}\\?message=added&returnUrl=", location);
        return Guid.Parse(location.Split('/', '?')[2]);
    }

    private static async Task AddToExistingAsync(SiteClient client, Guid collection, string fromUrl, string formSelector, string patentId)
    {
        var page = await client.PageAsync(fromUrl);
        var form = page.QuerySelector(formSelector)!;
        Assert.Equal(patentId, form.QuerySelector("input[name=Patent]")!.GetAttribute("value"));
        using var response = await client.PostFormAsync(form, fromUrl, new Dictionary<string, string> { ["CollectionId"] = collection.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/collections/{collection}?message=added", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patents_added_from_the_patent_page_and_search_results_are_listed_latest_first_and_export_in_every_format()
    {
        var applicant = Applicant();
        var first = Record(applicant, "一种固态电池隔膜");
        var second = Record(applicant, "固态电池的制备方法", new DateOnly(2025, 1, 2));
        await IndexAsync(site, first, second);
        using var client = await site.CreateClient().SignInAsDemoAsync(Owner);
        var name = "电池 " + applicant[^6..];

        var id = await AddToNewAsync(client, first.Id, name, note: "=SUM(A1) 值得许可");
        var search = await client.PageAsync(SearchFor(applicant));
        var index = search.QuerySelectorAll("form.collect-form").Select((f, i) => (f, i)).Single(x => x.f.QuerySelector("input[name=Patent]")!.GetAttribute("value") == second.Id).i;
        // The controls in the result point at a form outside the compare form.
        Assert.NotNull(search.QuerySelector($"select[name=CollectionId][form=collect-{index}] option[value='{id}']"));
        await AddToExistingAsync(client, id, SearchFor(applicant), $"#collect-{index}", second.Id);

        var page = await client.PageAsync($"/collections/{id}?page=1");
        Assert.Equal("", page.QuerySelector("#errors")!.TextContent.Trim());
        Assert.Equal(name, page.QuerySelector("#collection-name")!.TextContent);
        Assert.Equal([second.Id, first.Id], page.QuerySelectorAll("#collection-items li.collection-item").Select(li => li.GetAttribute("data-patent")));
        Assert.Contains("值得许可", page.QuerySelector($"li[data-patent='{first.Id}'] .note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("一种固态电池隔膜", page.QuerySelector($"li[data-patent='{first.Id}'] .hit-title")!.TextContent, StringComparison.Ordinal);

        // CSV: BOM, the export's header, one row per patent in the collection's order.
        using (var csv = await client.GetAsync($"/collections/{id}/export?format=csv"))
        {
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("attachment; filename=\"collection-", csv.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            var rows = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]));
            Assert.Equal("公开（公告）号", rows[0][0]);
            Assert.Equal([second.Id, first.Id], rows.Skip(1).Select(r => r[0]));
            Assert.Equal("固态电池的制备方法", rows[1][2]);
            Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        }
        using (var xlsx = await client.GetAsync($"/collections/{id}/export?format=xlsx"))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
            var sheet = workbook.Worksheet(1);
            Assert.Equal(3, sheet.LastRowUsed()!.RowNumber());
            Assert.Equal(second.Id, sheet.Cell(2, 1).GetString());
            Assert.Equal(first.Id, sheet.Cell(3, 1).GetString());
            Assert.Equal(applicant, sheet.Cell(3, 5).GetString());
        }
        using (var jsonl = await client.GetAsync($"/collections/{id}/export?format=jsonl"))
        {
            var lines = (await jsonl.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(HttpStatusCode.OK, jsonl.StatusCode);
            var records = lines.Select(RecordJson.Deserialize).ToList();
            Assert.Equal([second.Id, first.Id], records.Select(r => r.Id));
            Assert.Equal(applicant, records[1].Applicants[0].Name);
        }
        using var bad = await client.GetAsync($"/collections/{id}/export?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Unknown export format 'pdf'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_patent_already_in_the_collection_keeps_one_entry_and_takes_the_new_note()
    {
        var applicant = Applicant();
        var patent = Record(applicant, "重复加入的专利");
        await IndexAsync(site, patent);
        using var client = await site.CreateClient().SignInAsDemoAsync(Owner);
        var id = await AddToNewAsync(client, patent.Id, "重复 " + applicant[^6..], note: "初评");

        using (var again = await client.SubmitAsync("/patents/" + patent.Id, "#add-to-collection", new Dictionary<string, string> { ["CollectionId"] = id.ToString(), ["Note"] = "复评通过" }))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var items = (await client.PageAsync($"/collections/{id}")).QuerySelectorAll("#collection-items li.collection-item");
        Assert.Equal(patent.Id, Assert.Single(items).GetAttribute("data-patent"));
        Assert.Contains("复评通过", items[0].QuerySelector(".note")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patent_gone_from_the_index_stays_listed_with_a_notice_and_is_left_out_of_exports()
    {
        var applicant = Applicant();
        var kept = Record(applicant, "保留的专利");
        var vanishing = Record(applicant, "将被删除的专利");
        await IndexAsync(site, kept, vanishing);
        using var client = await site.CreateClient().SignInAsDemoAsync(Owner);
        var id = await AddToNewAsync(client, kept.Id, "消失 " + applicant[^6..]);
        using (await client.SubmitAsync("/patents/" + vanishing.Id, "#add-to-collection", new Dictionary<string, string> { ["CollectionId"] = id.ToString() })) { }

        var index = site.Services.GetRequiredService<IPatentIndex>();
        Assert.True(await index.DeleteAsync(vanishing.Id));
        await index.CommitAsync();

        var page = await client.PageAsync($"/collections/{id}");
        var gone = page.QuerySelector($"li[data-patent='{vanishing.Id}']")!;
        Assert.Contains("该专利已不在检索库中", gone.QuerySelector(".vanished")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("保留的专利", page.QuerySelector($"li[data-patent='{kept.Id}']")!.TextContent, StringComparison.Ordinal);
        var lines = (await (await client.GetAsync($"/collections/{id}/export?format=jsonl")).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([kept.Id], lines.Select(l => RecordJson.Deserialize(l).Id));
    }

    [Fact]
    public async Task Remove_rename_and_delete_change_only_the_owners_collection()
    {
        var applicant = Applicant();
        var patent = Record(applicant, "可移除的专利");
        await IndexAsync(site, patent);
        using var client = await site.CreateClient().SignInAsDemoAsync(Owner);
        var id = await AddToNewAsync(client, patent.Id, "管理 " + applicant[^6..]);
        var page = $"/collections/{id}";

        using (var removed = await client.SubmitAsync(page, $"li[data-patent='{patent.Id}'] form.remove-form", new Dictionary<string, string>()))
            Assert.Equal($"/collections/{id}?message=removed", removed.Headers.Location!.OriginalString);
        Assert.NotNull((await client.PageAsync(page)).QuerySelector("#empty-collection"));
        using (var renamed = await client.SubmitAsync(page, "#rename-collection", new Dictionary<string, string> { ["name"] = "新名字 " + applicant[^6..] }))
            Assert.Equal($"/collections/{id}?message=renamed", renamed.Headers.Location!.OriginalString);
        using (var blank = await client.SubmitAsync(page, "#rename-collection", new Dictionary<string, string> { ["name"] = " " }))
            Assert.Contains("名称：请输入名称。", (await Html.ReadAsync(blank)).QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("新名字 " + applicant[^6..], (await client.PageAsync(page)).QuerySelector("#collection-name")!.TextContent);

        using (var other = await site.CreateClient().SignInAsDemoAsync(Other))
        {
            var token = await other.AntiforgeryTokenAsync("/saved");
            using var view = await other.GetAsync(page);
            using var export = await other.GetAsync(page + "/export?format=csv");
            using var delete = await other.Http.PostAsync(page + "?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            using var add = await other.Http.PostAsync("/collections/add", new FormUrlEncodedContent(new Dictionary<string, string>
                { ["Patent"] = patent.Id, ["CollectionId"] = id.ToString(), ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        }

        using (var deleted = await client.SubmitAsync(page, "#delete-collection", new Dictionary<string, string>()))
            Assert.Equal("/saved?message=collection-deleted", deleted.Headers.Location!.OriginalString);
        using var after = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Theory]
    [InlineData("CN000000000A", "", "new", "专利：检索库中没有专利“CN000000000A”。")]
    [InlineData("", "", "new", "专利：请填写要加入的专利。")]
    [InlineData("PATENT", "", "", "收藏夹：请选择一个收藏夹，或输入新收藏夹的名称。")]
    [InlineData("PATENT", "NOTE", "new", "备注：最多 500 个字符（当前 501 个）。")]
    public async Task An_invalid_add_names_the_field_and_creates_no_collection(string patent, string note, string newName, string message)
    {
        var applicant = Applicant();
        var record = Record(applicant, "校验用专利");
        await IndexAsync(site, record);
        using var client = await site.CreateClient().SignInAsDemoAsync(Owner);
        var userId = await UserIdAsync(site, Owner);
        var name = newName == "" ? "" : "校验 " + applicant[^6..];

        using var response = await client.SubmitAsync("/collections/add?patent=" + record.Id, "#add-to-collection-form", new Dictionary<string, string>
        {
            ["Patent"] = patent == "PATENT" ? record.Id : patent,
            ["Note"] = note == "NOTE" ? new string('注', 501) : note,
            ["NewName"] = name,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await Html.ReadAsync(response)).QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        await using var scope = site.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().PatentCollections.AnyAsync(c => c.UserId == userId && c.Name == name));
    }

    [Fact]
    public async Task A_full_collection_refuses_one_more_patent_with_the_limit_named()
    {
        var applicant = Applicant();
        var record = Record(applicant, "超出上限的专利");
        await IndexAsync(site, record);
        var userId = await UserIdAsync(site, Owner);
        var name = "满 " + applicant[^6..];
        Guid id;
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var collection = PatentCollection.Create(userId, name, DateTime.UtcNow);
            db.Add(collection);
            db.AddRange(Enumerable.Range(0, PatentCollection.MaxItems).Select(i => CollectionItem.Create(collection.Id, $"CN96{i:D7}A", null, DateTime.UtcNow)));
            await db.SaveChangesAsync();
            id = collection.Id;
        }
        using var client = await site.CreateClient().SignInAsDemoAsync(Owner);

        using var response = await client.SubmitAsync("/patents/" + record.Id, "#add-to-collection", new Dictionary<string, string> { ["CollectionId"] = id.ToString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"收藏夹“{name}”已有 10000 件专利，已达上限", (await Html.ReadAsync(response)).QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            Assert.Equal(PatentCollection.MaxItems, await db.PatentCollectionItems.CountAsync(i => i.CollectionId == id));
            // Tidy up: ten thousand rows would slow every later listing of this person's collections.
            await db.PatentCollections.Where(c => c.Id == id).ExecuteDeleteAsync();
        }
    }
}

[Collection(SqliteSiteGroup.Name)]
public sealed class CollectionTests_on_SQLite(SqliteSite site) : CollectionTests(site);

[Collection(PostgreSqlSiteGroup.Name)]
public sealed class CollectionTests_on_PostgreSQL(PostgreSqlSite site) : CollectionTests(site);
