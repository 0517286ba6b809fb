using Analytics.Reports;
using Marketplace.Web.Reports;
using Marketplace.Web.Tests.Reports;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests;

/// <summary>
/// Every sentence of a page is in the page's language: no English sentence on a Chinese page, no Chinese
/// on an English one, data aside (see <see cref="PageLanguage"/>). The journeys' walks apply the same check
/// to every page they open; this test covers pages with the seeded Quanzhou patents and a generated report.
/// </summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class PageLanguageTests(SqliteSite site)
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
        var language = new PageLanguage(site);

        string[] pages = ["/search?q=电池", "/patents/" + Uri.EscapeDataString(sample.Id), "/licences", report, "/dashboard", "/contests", "/needs/feed"];
        var found = new List<string>();
        foreach (var page in pages)
        {
            foreach (var culture in new[] { "zh-CN", "en" })
            {
                var url = page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=" + culture;
                var document = await client.PageAsync(url);
                found.AddRange((await language.ForeignTextAsync(document, culture)).Select(t => $"{url}: {t}"));
            }
        }

        Assert.True(found.Count == 0, "Text in the other language:\n" + string.Join("\n", found.Distinct()));
    }

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
}
