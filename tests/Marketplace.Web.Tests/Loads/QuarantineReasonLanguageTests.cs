using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Marketplace.Web.Loads;
using Marketplace.Web.Localization;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Loads;

/// <summary>The quarantine of a load says why each row was rejected in the operator's language, on the progress page and in the download.</summary>
[Collection(SharedLoadsSite.Name)]
public sealed class QuarantineReasonLanguageTests(LoadsSite fixture)
{
    private MarketplaceSite Site => fixture.Site;

    private async Task<(SiteClient Client, Guid Job)> LoadExportWithBadRowsAsync()
    {
        var client = await new SiteClient(Site.BaseAddress).SignInAsDemoAsync(LoadUploads.Operator);
        using var response = await LoadUploads.UploadAsync(client, "cn_export_reasons.csv", LoadUploads.ExportWithTwoBadRows());
        var id = LoadUploads.JobOf(response);
        Assert.Equal(2, (await LoadUploads.WaitUntilFinishedAsync(Site.Services, id)).Quarantined);
        return (client, id);
    }

    [Fact]
    public async Task The_progress_page_gives_the_reasons_of_a_Chinese_exports_bad_rows_in_Chinese_and_in_English_when_asked()
    {
        var (client, id) = await LoadExportWithBadRowsAsync();
        using (client)
        {
            var chinese = await client.PageAsync($"/admin/loads/{id}");
            var english = await client.PageAsync($"/admin/loads/{id}?culture=en");

            string Reason(AngleSharp.Dom.IDocument page, string code) =>
                page.QuerySelector($"#quarantine-table td.reason[data-reason-code='{code}']")!.TextContent.Trim();
            Assert.Equal("“20221399”不是有效日期，应为 YYYYMMDD、YYYY-MM-DD、YYYY.MM.DD 或 YYYY/M/D", Reason(chinese, "date.invalid"));
            Assert.Equal("'20221399' is not a date (expected YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD or YYYY/M/D)", Reason(english, "date.invalid"));
            Assert.Matches(@"^该行有 2 个字段，而表头有 \d+ 个；该行的分隔符或引号可能有误$", Reason(chinese, "csv.field-count"));
            Assert.Matches(@"^found 2 fields, expected \d+ as in the header; a delimiter or quote in this row is probably broken$", Reason(english, "csv.field-count"));
        }
    }

    [Fact]
    public async Task The_quarantine_download_gives_each_reason_in_the_sites_language_beside_its_stable_key()
    {
        var (client, id) = await LoadExportWithBadRowsAsync();
        using (client)
        {
            async Task<List<List<string>>> TableAsync(string url)
            {
                using var csv = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
                return Csv.Parse(Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
            }
            var chinese = await TableAsync($"/admin/loads/{id}/quarantine.csv");
            var english = await TableAsync($"/admin/loads/{id}/quarantine.csv?culture=en");

            List<string> DateRow(List<List<string>> table) => Assert.Single(table.Skip(1), r => r.Contains("date.invalid"));
            var (reason, key) = (chinese[0].IndexOf("理由"), chinese[0].IndexOf("理由代码"));
            Assert.True(reason >= 0 && key >= 0, string.Join(",", chinese[0]));
            Assert.Equal("“20221399”不是有效日期，应为 YYYYMMDD、YYYY-MM-DD、YYYY.MM.DD 或 YYYY/M/D", DateRow(chinese)[reason]);
            Assert.Equal("date.invalid", DateRow(chinese)[key]);
            Assert.Equal(english[0].IndexOf("Reason"), reason);
            Assert.Equal("'20221399' is not a date (expected YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD or YYYY/M/D)", DateRow(english)[reason]);
            Assert.Equal("csv.field-count", Assert.Single(english.Skip(1), r => !r.Contains("date.invalid"))[key]);
        }
    }

    [Fact]
    public void A_parsers_own_message_is_quoted_as_its_English_words_inside_the_translated_reason_and_stays_so_in_the_quarantine_file()
    {
        const string parser = "'}' is invalid after a property name. Expected a ':'";
        var written = QuarantineEntry.From(new RecordRejection
        {
            SourceFile = "needs.jsonl",
            Format = "jsonl",
            Line = 7,
            Because = RejectionReasons.JsonInvalid.With("12", RejectionArgument.FromParser(parser)),
        });
        var entry = JsonSerializer.Deserialize<QuarantineEntry>(JsonSerializer.Serialize(written, RecordJson.Options), RecordJson.Options)!;
        var l = Site.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal($"第 12 个字符处的 JSON 无效：“{parser}”（解析器原文，英文）", RejectionReasonText.Of(entry.Because, entry.Reason, l));
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal($"invalid JSON at character 12: “{parser}” (the parser's words, in English)", RejectionReasonText.Of(entry.Because, entry.Reason, l));
            // The command line and the file's English keep the parser's message bare, as they always printed it.
            Assert.Equal($"invalid JSON at character 12: {parser}", entry.Reason);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_row_quarantined_before_reasons_had_keys_shows_its_stored_English_text()
    {
        var entry = JsonSerializer.Deserialize<QuarantineEntry>(
            """{"quarantine":"patent-record-rejection/1","sourceFile":"old.csv","format":"cn-export-csv","line":3,"field":"申请日","reason":"'2019-13-01' is not a date (expected YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD or YYYY/M/D)","raw":"1,2019-13-01"}""",
            RecordJson.Options)!;
        var l = Site.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            Assert.Equal(entry.Reason, RejectionReasonText.Of(entry.Because, entry.Reason, l));
            // The same reason with its key, as written today, is translated: the fallback above is for old rows only.
            var keyed = entry with { ReasonKey = "date.invalid", ReasonArguments = ["2019-13-01"] };
            Assert.Equal("“2019-13-01”不是有效日期，应为 YYYYMMDD、YYYY-MM-DD、YYYY.MM.DD 或 YYYY/M/D", RejectionReasonText.Of(keyed.Because, keyed.Reason, l));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
