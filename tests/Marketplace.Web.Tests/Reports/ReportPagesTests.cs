using System.Net;
using Marketplace.Web.Reports;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Reports;

/// <summary>Operators request a navigation report in the browser's way (form, queue, progress, cached page); the city dashboard's figures and links.</summary>
// A site of its own: the dashboard counts every Quanzhou patent in the index, and other features'
// tests add their own Quanzhou patents to the shared site.
public sealed class ReportPagesTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    private const string Operator = "operator@demo.patent-marketplace.local";

    /// <summary>Waits for the background worker to finish the report (the report itself takes well under a second here).</summary>
    private async Task WaitForReportAsync(string id)
    {
        var store = site.Services.GetRequiredService<ReportStore>();
        var finished = store.WhenFinishedAsync(id);
        Assert.True(await Task.WhenAny(finished, Task.Delay(TimeSpan.FromMinutes(2))) == finished, "The report was not generated within two minutes.");
        if (finished.Result.State == ReportState.Failed) Assert.Fail("The report failed: " + finished.Result.Error);
    }

    [Fact]
    public async Task Operator_requests_a_report_and_gets_every_module_then_the_same_link_from_the_cache()
    {
        await using (var scope = site.Scope()) await QuanzhouPatents.EnsureAsync(scope.ServiceProvider);
        using var client = await site.CreateClient().SignInAsDemoAsync(Operator);

        using var response = await client.SubmitAsync("/reports", "#report-request",
            new Dictionary<string, string> { ["Region"] = "晋江市", ["FromYear"] = "2018", ["ToYear"] = "2023" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;
        var id = url["/reports/".Length..];
        await WaitForReportAsync(id);

        var page = await client.PageAsync(url);
        foreach (var module in new[] { "trends", "composition", "players", "region", "supply", "paths" })
            Assert.NotNull(page.QuerySelector("#module-" + module));
        Assert.Contains("晋江市", page.QuerySelector("#report-scope")!.TextContent, StringComparison.Ordinal);
        // Jinjiang in the table: three patents, by 晋江鞋业测试有限公司, one of them with an open licence.
        Assert.Contains("晋江鞋业测试有限公司", page.QuerySelector("#module-players")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("CN900000002B", page.QuerySelector("#module-supply")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("img.chart"));

        using var pdf = await client.GetAsync($"/reports/{id}/report.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using var svg = await client.GetAsync($"/reports/{id}/charts/trend.svg");
        Assert.Contains("专利申请与授权趋势", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var again = await client.SubmitAsync("/reports", "#report-request",
            new Dictionary<string, string> { ["Region"] = "晋江市", ["FromYear"] = "2018", ["ToYear"] = "2023" });
        Assert.Equal(url, again.Headers.Location!.OriginalString);
        Assert.Equal(ReportState.Done, site.Services.GetRequiredService<ReportStore>().Progress(id)!.State);
    }

    [Fact]
    public async Task A_report_scoped_by_a_search_query_counts_the_patents_search_finds()
    {
        await using (var scope = site.Scope()) await QuanzhouPatents.EnsureAsync(scope.ServiceProvider);
        using var client = await site.CreateClient().SignInAsDemoAsync(Operator);

        using var response = await client.SubmitAsync("/reports", "#report-request",
            new Dictionary<string, string> { ["Query"] = "ipc:A43B -pn:CN900000003U", ["Region"] = "泉州", ["FromYear"] = "2018", ["ToYear"] = "2023" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;
        await WaitForReportAsync(url["/reports/".Length..]);

        // A43B: the three Jinjiang shoe patents and the Shanghai one; the query leaves out CN900000003U, the region Shanghai.
        var page = await client.PageAsync(url);
        Assert.Contains("检索式：ipc:A43B -pn:CN900000003U", page.QuerySelector("#report-scope")!.TextContent, StringComparison.Ordinal);
        var search = await client.PageAsync("/search?q=" + Uri.EscapeDataString("ipc:A43B -pn:CN900000003U"));
        Assert.Contains("CN900000009B", search.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var supply = page.QuerySelector("#module-supply")!.TextContent;
        Assert.Contains("CN900000001B", supply, StringComparison.Ordinal);
        var years = page.QuerySelectorAll("#module-trends table tbody tr")
            .ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[1].TextContent.Trim());
        Assert.Equal(("1", "1", "0"), (years["2019"], years["2020"], years["2021"]));
    }

    [Fact]
    public async Task A_bad_scope_is_refused_with_a_message_per_field()
    {
        using var client = await site.CreateClient().SignInAsDemoAsync(Operator);
        using var response = await client.SubmitAsync("/reports", "#report-request",
            new Dictionary<string, string> { ["Region"] = "火星", ["Ipc"] = "x1", ["Query"] = "title:(鞋", ["FromYear"] = "2024", ["ToYear"] = "2020" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ReadAsync(response);
        var errors = page.QuerySelector("#report-errors")!.TextContent;
        Assert.Contains("火星", errors, StringComparison.Ordinal);
        Assert.Contains("X1", errors, StringComparison.Ordinal);
        Assert.Contains("2020", errors, StringComparison.Ordinal);
        Assert.Contains("检索式：", errors, StringComparison.Ordinal);
        Assert.Contains("does not read as a search", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_report_id_is_not_found()
    {
        using var client = site.CreateClient();
        using var response = await client.GetAsync("/reports/0123456789abcdef0123");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var bad = await client.GetAsync("/reports/../../etc/report.pdf");
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
    }

    [Fact]
    public async Task Dashboard_shows_county_figures_counted_by_hand_and_each_links_to_its_patents()
    {
        await using (var scope = site.Scope()) await QuanzhouPatents.EnsureAsync(scope.ServiceProvider);
        using var client = site.CreateClient();

        var page = await client.PageAsync("/dashboard");
        var rows = page.QuerySelectorAll("#dashboard-counties tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim());
        foreach (var (county, expected) in QuanzhouPatents.ByCounty)
        {
            var cells = rows[county].Children;
            Assert.Equal(expected.Patents.ToString(), cells[2].TextContent.Trim());
            Assert.Equal(expected.ValidInventions.ToString(), cells[3].TextContent.Trim());
            Assert.Equal(expected.HighValue.ToString(), cells[4].TextContent.Trim());
        }
        // Each county's filings per trend year, in the years the trend table lists.
        var years = page.QuerySelectorAll("#dashboard-trend tbody tr").Select(r => int.Parse(r.Children[0].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(2021, years);
        foreach (var (county, filings) in QuanzhouPatents.FilingsByCounty)
        {
            var series = rows[county].QuerySelector("svg.spark")!.GetAttribute("data-series")!;
            Assert.Equal(string.Join(',', years.Select(y => filings.GetValueOrDefault(y))), series);
        }
        Assert.Equal(string.Join(',', years.Select(_ => 0)), rows["石狮市"].QuerySelector("svg.spark")!.GetAttribute("data-series"));
        // The whole city: 2 high-value valid inventions; valid inventions 5 (Fuzhou and Shanghai are not counted).
        Assert.Equal("5", page.QuerySelector("#indicator-valid-inventions .value")!.TextContent.Trim());
        // Marketplace figures from the demo data alone: one published declaration, nothing taken or paid, no contest finished
        // (Reports/MarketplaceIndicatorsTests counts a whole history by hand).
        var marketplace = page.QuerySelectorAll(".marketplace-indicator");
        Assert.Equal(["1", "0", "0 元", "0"], marketplace.Select(m => m.QuerySelector(".value")!.TextContent.Trim()));

        var link = rows["丰泽区"].Children[3].QuerySelector("a")!.GetAttribute("href")!;
        var records = await client.PageAsync(link);
        var ids = records.QuerySelectorAll("#records tbody tr td:first-child").Select(td => td.TextContent.Trim()).Order().ToList();
        Assert.Equal(["CN900000004B", "CN900000005B", "CN900000006B"], ids);
    }

    [Fact]
    public async Task Dashboard_records_read_the_page_from_the_query_string_not_the_page_route_value()
    {
        // Razor Pages names the page itself in a route value called "page"; a handler parameter of that name bound it first.
        await using (var scope = site.Scope()) await QuanzhouPatents.EnsureAsync(scope.ServiceProvider);
        using var client = site.CreateClient();
        using var zero = await client.GetAsync("/dashboard/records?indicator=patents&page=0");
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        using var first = await client.GetAsync("/dashboard/records?indicator=patents&page=1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task Dashboard_records_refuse_an_unknown_indicator()
    {
        using var client = site.CreateClient();
        using var response = await client.GetAsync("/dashboard/records?indicator=everything");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>Screenshots of the report page and the dashboard in Chromium, in Chinese (the default).</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class ReportBrowserTests(SqliteSite site, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Report_page_and_dashboard_render_their_charts_and_figures_in_Chinese()
    {
        string id;
        await using (var scope = site.Scope()) id = await QuanzhouPatents.ReportAsync(scope.ServiceProvider, QuanzhouPatents.QuanzhouScope);
        var page = await browser.NewPageAsync(site.BaseAddress);
        // The machine is shared: generous time, and the page is waited for by its content, then its chart images.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);

        await page.GotoAsync($"/reports/{id}", new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("专利导航报告");
        await Assertions.Expect(page.Locator("#module-paths h2")).ToContainTextAsync("发展路径");
        await page.WaitForFunctionAsync("Array.from(document.querySelectorAll('img.chart')).every(i => i.complete)");
        var loaded = await page.EvaluateAsync<bool>("Array.from(document.querySelectorAll('img.chart')).every(i => i.naturalWidth > 0)");
        Assert.True(loaded, "every chart image loads");
        await Browser.ScreenshotAsync(page, "reports-1-report", fullPage: true);

        await page.GotoAsync("/dashboard", new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("城市知识产权指标");
        await Assertions.Expect(page.Locator("#dashboard-counties")).ToContainTextAsync("晋江市");
        // The marketplace figures with their targets (appsettings.json) and progress.
        await Assertions.Expect(page.Locator("#indicator-licence-revenue .target").First).ToContainTextAsync("10,000,000");
        await Assertions.Expect(page.Locator("#indicator-contests-held progress")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#dashboard-trend thead")).ToContainTextAsync("申请量");
        await Browser.ScreenshotAsync(page, "reports-2-dashboard", fullPage: true);
        await page.Context.CloseAsync();
    }
}
