using System.Diagnostics;
using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Tests.Needs;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Faults;

/// <summary>PostgreSQL stopped under a running site, then started again: a clear 503 meanwhile, nothing half-written, recovery without a restart.</summary>
[Collection(FaultsGroup.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_PostgreSQL_stopped_the_site_answers_503_in_both_languages_saves_nothing_and_recovers_by_itself()
    {
        using var cluster = PostgresCluster.StartOwn();
        var connection = cluster.NewDatabase("outage");
        await using var site = new SiteProcess(new Dictionary<string, string?>
        {
            ["Database__Provider"] = DatabaseProviders.PostgreSql,
            ["Database__ConnectionString"] = connection,
        });
        await site.StartAsync();
        output.WriteLine($"Site started on PostgreSQL (migrations, demo data) in {site.LastStartTime.TotalSeconds:F1} s.");
        await site.VerifyDemoEnterpriseAsync();
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(NeedsScenario.EnterpriseOwner);
        using (var before = await enterprise.SubmitAsync("/needs/new", "#need-form", NeedsScenario.NeedForm("停机前的需求")))
            Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        // The form is read while the database answers; it is posted while it does not.
        var form = (await enterprise.PageAsync("/needs/new")).QuerySelector("#need-form")!;

        cluster.StopServer();
        await site.WaitUntilAsync(async http =>
        {
            using var ready = await http.GetAsync("/readyz");
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, Within, "/readyz to turn unhealthy");

        using (var zh = await enterprise.GetAsync("/needs"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, zh.StatusCode);
            Assert.Equal("30", zh.Headers.GetValues("Retry-After").Single());
            var page = await Html.ReadAsync(zh);
            Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
            Assert.Equal("服务暂时不可用", page.QuerySelector("h1")!.TextContent.Trim());
            Assert.Contains("您提交的内容均未保存", page.QuerySelector("#unavailable-detail")!.TextContent, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-trace-id]")!.TextContent));
        }
        using (var en = await enterprise.GetAsync("/needs?culture=en"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, en.StatusCode);
            var page = await Html.ReadAsync(en);
            Assert.Equal("The service is temporarily unavailable", page.QuerySelector("h1")!.TextContent.Trim());
        }
        using (var api = await site.CreateHttpClient().GetAsync("/api/v1/open-licences?culture=en"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
            Assert.NotNull(api.Headers.RetryAfter);
            Assert.Contains("\"status\":503", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var during = await enterprise.PostFormAsync(form, "/needs/new", NeedsScenario.NeedForm("停机期间的需求")))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);

        var down = Stopwatch.StartNew();
        cluster.StartServer();
        await site.WaitUntilAsync(async http =>
        {
            using var ready = await http.GetAsync("/readyz");
            return ready.StatusCode == HttpStatusCode.OK;
        }, Within, "/readyz to turn healthy again");
        var readyAgain = down.Elapsed;
        await site.WaitUntilAsync(async _ =>
        {
            using var page = await enterprise.GetAsync("/needs");
            return page.StatusCode == HttpStatusCode.OK;
        }, Within, "/needs to answer 200 again");
        output.WriteLine($"PostgreSQL back: /readyz healthy after {readyAgain.TotalMilliseconds:F0} ms, pages after {down.Elapsed.TotalMilliseconds:F0} ms (no site restart).");
        using (var after = await enterprise.SubmitAsync("/needs/new", "#need-form", NeedsScenario.NeedForm("恢复后的需求")))
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);

        await using var db = site.OpenDatabase();
        Assert.Equal(1, await db.Needs.CountAsync(n => n.Title == "停机前的需求"));
        Assert.Equal(0, await db.Needs.CountAsync(n => n.Title == "停机期间的需求"));
        Assert.Equal(1, await db.Needs.CountAsync(n => n.Title == "恢复后的需求"));
    }
}
