using System.Net;
using Marketplace.Web.Reports;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Reports;

/// <summary>The report page's chart images and their alternative text follow the page's language.</summary>
// A site of its own, like the other report tests: other features add Quanzhou patents to the shared site.
public sealed class ReportLanguageTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    [Fact]
    public async Task On_the_English_report_page_the_charts_and_their_alternative_text_are_English_and_the_Chinese_page_keeps_Chinese()
    {
        await using (var scope = site.Scope()) await QuanzhouPatents.EnsureAsync(scope.ServiceProvider);
        using var client = await site.CreateClient().SignInAsDemoAsync("operator@demo.patent-marketplace.local");
        // A scope no other test asks for: stored reports are shared by every site of the test run (one data folder), and
        // ReportPagesTests expects to generate its own.
        using var response = await client.SubmitAsync("/reports", "#report-request",
            new Dictionary<string, string> { ["Region"] = "晋江市", ["FromYear"] = "2017", ["ToYear"] = "2023" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;
        var finished = site.Services.GetRequiredService<ReportStore>().WhenFinishedAsync(url["/reports/".Length..]);
        Assert.True(await Task.WhenAny(finished, Task.Delay(TimeSpan.FromMinutes(2))) == finished, "The report was not generated within two minutes.");

        var english = await client.PageAsync(url + "?culture=en");
        var chinese = await client.PageAsync(url + "?culture=zh-CN");

        var trend = english.QuerySelector("#module-trends img.chart")!;
        Assert.Equal("Patent applications and grants", trend.GetAttribute("alt"));
        Assert.Equal("专利申请与授权趋势", chinese.QuerySelector("#module-trends img.chart")!.GetAttribute("alt"));
        var englishAlts = english.QuerySelectorAll("img.chart").Select(img => img.GetAttribute("alt")).ToList();
        var chineseAlts = chinese.QuerySelectorAll("img.chart").Select(img => img.GetAttribute("alt")).ToList();
        Assert.Equal(chineseAlts.Count, englishAlts.Count);
        Assert.All(englishAlts.Zip(chineseAlts), pair => Assert.NotEqual(pair.Second, pair.First));
        using var englishSvg = await client.GetAsync(trend.GetAttribute("src")!);
        var svg = await englishSvg.Content.ReadAsStringAsync();
        Assert.Equal("image/svg+xml", englishSvg.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Patent applications and grants", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("专利申请与授权趋势", svg, StringComparison.Ordinal);
        using var chineseSvg = await client.GetAsync(chinese.QuerySelector("#module-trends img.chart")!.GetAttribute("src")!);
        Assert.Contains("专利申请与授权趋势", await chineseSvg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
