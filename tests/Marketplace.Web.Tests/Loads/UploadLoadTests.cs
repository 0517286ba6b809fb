using System.IO.Compression;
using System.Net;
using System.Text;
using Analytics.Chains;
using Marketplace.Web.Data;
using Marketplace.Web.Loads;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Loads;

/// <summary>Operators upload an export in the browser; it loads as a background job, labelled on the way in, with its quarantine to download.</summary>
[Collection(SharedLoadsSite.Name)]
public sealed class UploadLoadTests(LoadsSite fixture)
{
    private const string Applicant = "中科大数据研究院";
    private MarketplaceSite Site => fixture.Site;

    private async Task<SiteClient> OperatorAsync() => await new SiteClient(Site.BaseAddress).SignInAsDemoAsync(LoadUploads.Operator);

    [Fact]
    public async Task An_uploaded_Chinese_export_loads_in_the_background_labelled_with_its_bad_rows_in_the_quarantine()
    {
        using var client = await OperatorAsync();
        using var response = await LoadUploads.UploadAsync(client, "cn_export_with_bad_rows.csv", LoadUploads.ExportWithTwoBadRows());
        var id = LoadUploads.JobOf(response);

        var job = await LoadUploads.WaitUntilFinishedAsync(Site.Services, id);

        Assert.Equal(LoadJobState.Done, job.State);
        // Other tests of this site upload the same records: new here, or met again and merged.
        Assert.Equal(10, job.Added + job.Merged + job.Unchanged);
        Assert.Equal(2, job.Quarantined);
        Assert.Equal(10, job.CheckpointRecords);
        Assert.False(job.LabelsSkipped);
        Assert.Equal(64, job.Sha256.Length);
        Assert.Equal(LoadUploads.ExportWithTwoBadRows().Length, job.Bytes);
        Assert.Equal(LoadUploads.Operator, job.RequestedByName);

        // Search finds the new patents, each with its chain, high-value flag and value index.
        var found = await Site.Index.SearchAsync(new PatentQuery
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetFields.Applicant] = [Applicant] },
            Facets = [LabelFacets.Chain, LabelFacets.HighValue],
            PageSize = 50,
        });
        Assert.Equal(10, found.Total);
        Assert.All(found.Hits, h => Assert.Contains(LabelNames.Version, h.Record.Labels.Keys));
        Assert.All(found.Hits, h => Assert.Contains(LabelNames.HighValue, h.Record.Labels.Keys));
        Assert.Contains(found.Hits, h => h.Record.Labels.ContainsKey(LabelFacets.Chain));
        Assert.Contains(found.Hits, h => h.Record.Scores.ContainsKey(LabelNames.ValueIndex));
        Assert.NotEmpty(found.Facets[LabelFacets.HighValue]);

        // The progress page shows the outcome and the two quarantined rows, with field, reason and raw value.
        var page = await client.PageAsync($"/admin/loads/{id}");
        Assert.Equal(job.Added.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#load-added")!.TextContent.Trim());
        Assert.Equal("2", page.QuerySelector("#load-quarantined")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        var rows = page.QuerySelectorAll("#quarantine-table tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains(rows, r => r.TextContent.Contains("20221399", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.QuerySelectorAll("td")[3].TextContent.Trim().Length > 0);

        // The CSV download holds the same rows, through the one table exporter (BOM, header, raw values).
        using var csv = await client.GetAsync($"/admin/loads/{id}/quarantine.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var table = Csv.Parse(Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        Assert.Equal(3, table.Count);
        Assert.Contains(table.Skip(1), r => r.Any(c => c.Contains("20221399", StringComparison.Ordinal)));
        using var xlsx = await client.GetAsync($"/admin/loads/{id}/quarantine.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));

        // The history lists the load with who, file, hash and counts.
        var history = await client.PageAsync("/admin/loads");
        var line = history.QuerySelector($"#load-history tr[data-load='{id}']")!;
        Assert.Contains("cn_export_with_bad_rows.csv", line.TextContent, StringComparison.Ordinal);
        Assert.Contains(job.Sha256[..12], line.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fixed_quarantine_file_uploaded_again_loads_the_fixed_row()
    {
        using var client = await OperatorAsync();
        using var first = await LoadUploads.UploadAsync(client, "export-to-fix.csv", LoadUploads.ExportWithTwoBadRows());
        var id = LoadUploads.JobOf(first);
        await LoadUploads.WaitUntilFinishedAsync(Site.Services, id);
        using var download = await client.GetAsync($"/admin/loads/{id}/quarantine.jsonl");
        var quarantine = await download.Content.ReadAsStringAsync();
        Assert.Contains("20221399", quarantine, StringComparison.Ordinal);

        using var again = await LoadUploads.UploadAsync(client, "fixed.jsonl", Encoding.UTF8.GetBytes(quarantine.Replace("20221399", "20221130", StringComparison.Ordinal)));
        var reload = await LoadUploads.WaitUntilFinishedAsync(Site.Services, LoadUploads.JobOf(again));

        Assert.Equal(LoadJobState.Done, reload.State);
        Assert.Equal(1, reload.Quarantined);
        Assert.Equal(1, reload.Added + reload.Merged + reload.Unchanged);
    }

    [Fact]
    public async Task A_load_whose_every_record_is_quarantined_says_it_changed_nothing_rather_than_that_it_loaded_and_labelled()
    {
        using var client = await OperatorAsync();
        var broken = """
            {"publicationNumber": "CN112233446A" "title": {"zh": "逗号缺失"}}
            {"publicationNumber": "CN112233447A", "title":
            """;
        using var response = await LoadUploads.UploadAsync(client, "all-broken.jsonl", Encoding.UTF8.GetBytes(broken));
        var id = LoadUploads.JobOf(response);

        var job = await LoadUploads.WaitUntilFinishedAsync(Site.Services, id);

        Assert.Equal(LoadJobState.Done, job.State);
        Assert.Equal(0, job.Added + job.Merged);
        Assert.Equal(2, job.Quarantined);
        var page = await client.PageAsync($"/admin/loads/{id}");
        Assert.Null(page.QuerySelector("#load-done"));
        Assert.Equal("装载已完成，但索引没有任何变化：每条记录要么已在索引中且内容不变，要么已列入下方隔离区。", page.QuerySelector("#load-nothing-changed")!.TextContent.Trim());
        Assert.Equal(2, page.QuerySelectorAll("#quarantine-table tbody tr").Length);
    }

    [Fact]
    public async Task A_queued_load_cancelled_by_the_operator_never_runs()
    {
        using var client = await OperatorAsync();
        var id = Guid.NewGuid();
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            // Queued behind the worker's back: this site's worker does not poll, so it stays queued.
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            db.LoadJobs.Add(new LoadJob(id, Guid.NewGuid(), LoadUploads.Operator, "queued.csv", new string('0', 64), 1, "cn-export-csv", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        using var cancel = await client.SubmitAsync($"/admin/loads/{id}", "#cancel-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        var job = await LoadUploads.FindAsync(Site.Services, id);
        Assert.Equal(LoadJobState.Cancelled, job.State);
        Assert.Equal(0, job.Attempts);
        var page = await client.PageAsync($"/admin/loads/{id}");
        Assert.Null(page.QuerySelector("#cancel-form"));
    }

    [Fact]
    public async Task A_file_of_no_known_format_is_refused_with_its_reason()
    {
        using var client = await OperatorAsync();
        using var response = await LoadUploads.UploadAsync(client, "notes.txt", Encoding.UTF8.GetBytes("just some notes\nnot a patent file\n"));

        Assert.Equal("unknown-format", LoadUploads.RefusalOf(response));
        var page = await client.PageAsync(response.Headers.Location!.OriginalString + "&culture=en");
        Assert.Contains("format was not recognised", page.QuerySelector("#upload-refused")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_nothing_of_it_is_kept()
    {
        using var client = await OperatorAsync();
        var big = new byte[LoadsSite.MaxUploadBytes + 10];
        Encoding.UTF8.GetBytes("{\"id\":\"x\"}\n").CopyTo(big, 0);
        using var response = await LoadUploads.UploadAsync(client, "big.jsonl", big);

        Assert.Equal("too-large", LoadUploads.RefusalOf(response));
        var folders = Site.Services.GetRequiredService<LoadFolders>();
        Assert.DoesNotContain(Directory.Exists(folders.Root) ? Directory.EnumerateFiles(folders.Root, "big.jsonl", SearchOption.AllDirectories) : [], _ => true);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        using var client = await OperatorAsync();
        using var response = await LoadUploads.UploadAsync(client, "empty.csv", []);
        Assert.Equal("empty", LoadUploads.RefusalOf(response));
    }

    [Fact]
    public async Task A_zip_with_nothing_loadable_is_refused()
    {
        using var client = await OperatorAsync();
        var zip = Zip(("README.txt", Encoding.UTF8.GetBytes("read me")), ("photo.png", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]));
        using var response = await LoadUploads.UploadAsync(client, "nothing.zip", zip);
        Assert.Equal("zip-nothing-loadable", LoadUploads.RefusalOf(response));
    }

    [Fact]
    public async Task A_zip_whose_entry_climbs_out_of_its_folder_is_refused()
    {
        using var client = await OperatorAsync();
        var zip = Zip(("../../escape.csv", LoadUploads.ExportWithTwoBadRows()));
        using var response = await LoadUploads.UploadAsync(client, "traversal.zip", zip);
        Assert.Equal("zip-unsafe-path", LoadUploads.RefusalOf(response));
    }

    [Fact]
    public async Task A_zip_bomb_is_refused()
    {
        using var client = await OperatorAsync();
        var zip = Zip(("export.csv", LoadUploads.ExportWithTwoBadRows()), ("zeros.jsonl", new byte[50_000_000]));
        Assert.True(zip.Length < LoadsSite.MaxUploadBytes, $"the bomb itself is small ({zip.Length} bytes)");
        using var response = await LoadUploads.UploadAsync(client, "bomb.zip", zip);
        Assert.Equal("zip-bomb", LoadUploads.RefusalOf(response));
    }

    [Fact]
    public async Task A_zip_of_exports_loads_every_file_in_it()
    {
        using var client = await OperatorAsync();
        var gb18030 = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, "cn-export", "cn_export_gb18030.csv"));
        var zip = Zip(("exports/cn_export_gb18030.csv", gb18030), ("exports/README.md", Encoding.UTF8.GetBytes("# notes")));
        using var response = await LoadUploads.UploadAsync(client, "exports.zip", zip);

        var job = await LoadUploads.WaitUntilFinishedAsync(Site.Services, LoadUploads.JobOf(response));

        Assert.Equal(LoadJobState.Done, job.State);
        Assert.Equal(LoadJob.ZipFormat, job.Format);
        Assert.Equal(10, job.Added + job.Merged + job.Unchanged);
        Assert.False(Directory.Exists(Site.Services.GetRequiredService<LoadFolders>().ExpandedFolder(job.Id)));
    }

    [Fact]
    public async Task Someone_who_is_not_an_operator_can_neither_see_the_page_nor_upload()
    {
        using var member = await new SiteClient(Site.BaseAddress).SignInAsDemoAsync("enterprise.member@demo.patent-marketplace.local");
        using var page = await member.GetAsync("/admin/loads");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(LoadUploads.ExportWithTwoBadRows()), "file", "export.csv" } };
        using var upload = await member.Http.PostAsync("/admin/loads/upload", form);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);

        using var anonymous = new SiteClient(Site.BaseAddress);
        using var signedOut = await anonymous.Http.PostAsync("/admin/loads/upload", new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "x.csv" } });
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/account/login", signedOut.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_the_forms_token_is_refused_before_anything_is_stored()
    {
        using var client = await OperatorAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(LoadUploads.ExportWithTwoBadRows()), "file", "no-token.csv" } };
        using var response = await client.Http.PostAsync("/admin/loads/upload", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    internal static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
                using var s = entry.Open();
                s.Write(content);
            }
        }
        return memory.ToArray();
    }
}
