using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Analytics.Reports;
using Marketplace.Web.Reports;
using Marketplace.Web.Tests.Reports;
using Marketplace.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests;

/// <summary>
/// Every sentence of a page is in the page's language: no English sentence on a Chinese page, no Chinese
/// on an English one. Data is left aside: what the records, the database and the place names hold, and
/// whatever a page marks as data (<c>data-patent-data</c>, numbers, codes, texts in their own language).
/// </summary>
[Collection(SqliteSiteGroup.Name)]
public sealed partial class PageLanguageTests(SqliteSite site)
{
    private const string UniversityMember = "university.member@demo.patent-marketplace.local";
    private const string Operator = "operator@demo.patent-marketplace.local";

    [Fact]
    public async Task Chinese_pages_hold_no_English_sentence_and_English_pages_no_Chinese()
    {
        await using (var scope = site.Scope()) await QuanzhouPatents.EnsureAsync(scope.ServiceProvider);
        using var client = await site.CreateClient().SignInAsDemoAsync(UniversityMember);
        using var operatorClient = await site.CreateClient().SignInAsDemoAsync(Operator);
        var sample = await site.Services.GetRequiredService<IPatentIndex>()
            .FirstAsync(r => r.Country == "CN" && r.DocumentType == DocumentType.UtilityModel && r.Applicants.Count > 0, "Chinese utility model");
        var report = await ReportUrlAsync(operatorClient);
        var data = await DataAsync();

        string[] pages = ["/search?q=电池", "/patents/" + Uri.EscapeDataString(sample.Id), "/licences", report, "/dashboard", "/contests", "/needs/feed"];
        var found = new List<string>();
        foreach (var page in pages)
        {
            foreach (var culture in new[] { "zh-CN", "en" })
            {
                var url = page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=" + culture;
                var document = await client.PageAsync(url);
                found.AddRange(ForeignText(document, culture, data).Select(t => $"{url}: {t}"));
            }
        }

        Assert.True(found.Count == 0, "Text in the other language:\n" + string.Join("\n", found.Distinct()));
    }

    /// <summary>Visible text runs in the wrong language that no data explains, text node by text node.</summary>
    private static IEnumerable<string> ForeignText(IDocument document, string culture, string data)
    {
        foreach (var skipped in document.QuerySelectorAll("script, style, template, code, kbd, [data-patent-data], .patent-data, .pn, .code, .mono, .lang, [lang]:not(html)").ToList())
            skipped.Remove();
        return document.Body!.Descendants<IText>()
            .Select(node => culture == "en" ? node.Data : SearchField().Replace(node.Data, " "))
            .SelectMany(text => culture == "en" ? ChineseRun().Matches(text) : EnglishSentence().Matches(text))
            .Select(m => m.Value.Trim())
            .Where(run => !data.Contains(run, StringComparison.Ordinal))
            .Distinct();
    }

    /// <summary>Search-syntax field names (<c>ipc:</c>, <c>pn:</c>) are codes in either language.</summary>
    [GeneratedRegex(@"\b[a-z]+:")]
    private static partial Regex SearchField();

    /// <summary>A report on the seeded Quanzhou patents, generated as an operator asks for one.</summary>
    private async Task<string> ReportUrlAsync(SiteClient operatorClient)
    {
        using var response = await operatorClient.SubmitAsync("/reports", "#report-request",
            new Dictionary<string, string> { ["Region"] = "泉州", ["FromYear"] = "2015", ["ToYear"] = "2024" });
        var url = response.Headers.Location!.OriginalString;
        var finished = site.Services.GetRequiredService<ReportStore>().WhenFinishedAsync(url["/reports/".Length..]);
        Assert.True(await Task.WhenAny(finished, Task.Delay(TimeSpan.FromMinutes(2))) == finished, "The report was not generated within two minutes.");
        Assert.Equal(ReportState.Done, finished.Result.State);
        return url;
    }

    /// <summary>Everything the pages may show as data, one value a line: the index's records, the database's text, place names, IPC titles.</summary>
    private async Task<string> DataAsync()
    {
        var data = new StringBuilder();
        var ipc = site.Services.GetRequiredService<IpcScheme>();
        await foreach (var r in site.Services.GetRequiredService<IPatentIndex>().ExportAsync())
        {
            foreach (var value in RecordText(r)) data.Append(value).Append('\n');
            foreach (var code in r.IpcCodes.Concat(r.CpcCodes))
                data.Append(ipc.TitleOf(code)).Append('\n').Append(ipc.TitleOf(code.Length > 4 ? code[..4] : code)).Append('\n');
        }
        await using var connection = new SqliteConnection(site.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    if (reader.GetValue(i) is string s) data.Append(s).Append('\n');
        }
        var city = site.Services.GetRequiredService<ReportOptions>().City;
        data.Append(city.Name).Append('\n');
        foreach (var county in city.EffectiveCounties) data.Append(county.Name).Append('\n');
        foreach (var province in RegionResolver.Provinces.Values) data.Append(province).Append('\n');
        return data.ToString();
    }

    private static IEnumerable<string?> RecordText(PatentRecord r) =>
        r.Titles.Concat(r.Abstracts).Concat(r.FirstClaims).Select(t => t.Text)
            .Concat(r.Applicants.SelectMany(a => new[] { a.Name, a.Address }))
            .Concat(r.Inventors.Select(i => i.Name))
            .Concat(r.LegalEvents.Select(e => e.Description))
            .Concat(r.Extra.Values)
            .Concat(r.Labels.Values.SelectMany(v => v))
            .Append(r.LegalStatusText).Append(r.Agency).Append(r.RegionCode);

    /// <summary>Chinese characters (with the punctuation between them).</summary>
    [GeneratedRegex(@"[\u3400-\u9fff][\u3000-\u303f\u3400-\u9fff\uff00-\uffef]*")]
    private static partial Regex ChineseRun();

    /// <summary>Three or more lower-case English words in a row: a sentence, not a brand or a code.</summary>
    [GeneratedRegex(@"\b[a-z]{2,}(?:[ ,;:'’-]+[a-z]+){2,}\b")]
    private static partial Regex EnglishSentence();
}
