using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Analytics.Reports;
using Marketplace.Web.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Support;

/// <summary>
/// Finds the sentences of a page that are not in the page's language: English sentences on a Chinese page, Chinese
/// on an English one. Data is left aside: what the index's records, the marketplace database (SQLite) and the place
/// names hold, and whatever a page marks as data (<c>data-patent-data</c>, <c>.patent-data</c>, <c>.pn</c>,
/// <c>.code</c>, <c>.mono</c>, <c>.lang</c>, an element with its own <c>lang</c>, code and scripts).
/// The data is read once and read again only when a page shows a run it does not explain, so a walk that adds
/// patents and contests as it goes pays for reading it only when something new appears.
/// </summary>
public sealed partial class PageLanguage(AccountsSite site)
{
    private string? _data;

    /// <summary>Runs of <paramref name="document"/>'s visible text in the wrong language for <paramref name="culture"/> that no data explains.</summary>
    public async Task<IReadOnlyList<string>> ForeignTextAsync(IDocument document, string culture)
    {
        var runs = ForeignRuns(document, culture);
        if (runs.Count == 0) return runs;
        var unexplained = runs.Where(run => !(_data ?? "").Contains(run, StringComparison.Ordinal)).ToList();
        if (unexplained.Count == 0) return unexplained;
        _data = await DataAsync();
        return unexplained.Where(run => !_data.Contains(run, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Visible text runs in the wrong language, text node by text node, before any data is consulted.</summary>
    private static List<string> ForeignRuns(IDocument document, string culture)
    {
        var english = culture.StartsWith("en", StringComparison.Ordinal);
        foreach (var skipped in document.QuerySelectorAll("script, style, template, code, kbd, [data-patent-data], .patent-data, .pn, .code, .mono, .lang, [lang]:not(html)").ToList())
            skipped.Remove();
        return [.. document.Body!.Descendants<IText>()
            .Select(node => english ? node.Data : SearchField().Replace(node.Data, " "))
            .SelectMany(text => english ? ChineseRun().Matches(text) : EnglishSentence().Matches(text))
            .Select(m => m.Value.Trim())
            .Distinct()];
    }

    /// <summary>Search-syntax field names (<c>ipc:</c>, <c>pn:</c>) are codes in either language.</summary>
    [GeneratedRegex(@"\b[a-z]+:")]
    private static partial Regex SearchField();

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
