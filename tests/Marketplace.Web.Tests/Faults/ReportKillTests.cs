using System.Net;
using Marketplace.Web.Tests.Support;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Faults;

/// <summary>The site killed (-9) while a navigation report is generating: after the restart the report finishes, or is queued again and finishes.</summary>
[Collection(FaultsGroup.Name)]
public sealed class ReportKillTests(ITestOutputHelper output)
{
    private const string Applicant = "导航报告断电测试研究院";

    // Failed before reports became durable jobs (ADR-019): the in-memory queue lost the report and /reports/{id} answered 404.
    [Fact]
    public async Task A_report_killed_while_running_finishes_after_the_restart()
    {
        await using var site = new SiteProcess();
        await site.StartAsync();
        using var operatorClient = await site.CreateClient().SignInAsDemoAsync(FaultData.Operator);
        var load = await FaultData.UploadAsync(operatorClient, "report-data.csv", FaultData.Export(6_000, Applicant));
        await UploadKillTests.WaitUntilFinishedAsync(site, load);

        using var requested = await operatorClient.SubmitAsync("/reports", "#report-request", new Dictionary<string, string>
        {
            ["Query"] = "无人机 OR 装置 OR 方法",
            ["FromYear"] = "2000",
            ["ToYear"] = DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        var report = requested.Headers.Location!.OriginalString;
        Assert.StartsWith("/reports/", report, StringComparison.Ordinal);

        await site.WaitUntilAsync(async http =>
        {
            using var page = await http.GetAsync(report + "?culture=en");
            var html = await page.Content.ReadAsStringAsync();
            Assert.True(html.Contains("report-progress", StringComparison.Ordinal), "the report finished before it was seen running: give it more records");
            return html.Contains("Running", StringComparison.Ordinal);
        }, TimeSpan.FromMinutes(1), "the report to be running");
        site.Kill();
        var restart = await site.RestartAsync();

        await site.WaitUntilAsync(async http =>
        {
            using var page = await http.GetAsync(report);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"after the restart {report} answers {(int)page.StatusCode}: the report was lost with the kill");
            return !(await page.Content.ReadAsStringAsync()).Contains("report-progress", StringComparison.Ordinal);
        }, TimeSpan.FromMinutes(2), "the report to finish after the restart");
        output.WriteLine($"Report killed while running; restart ready in {restart.TotalSeconds:F1} s; the report finished afterwards.");
    }
}
