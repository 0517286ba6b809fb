using System.Net;
using Analytics;
using Analytics.Chains;
using Analytics.Lifecycle;
using Marketplace.Web.Models;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Models;

/// <summary>
/// The operator's model page and the background work behind it, on a site of its own (a small corpus, labelled at
/// start, which trains version 1): a training request survives a stop, versions can be activated and rolled back,
/// and the page refuses what cannot be done.
/// </summary>
public sealed class ModelVersionsPageTests : IAsyncLifetime
{
    private const string Operator = "operator@demo.patent-marketplace.local";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "marketplace-models-" + Guid.NewGuid().ToString("N")[..12]);

    private string Samples => Path.Combine(_folder, "samples");
    private string Data => Path.Combine(_folder, "data");

    public Task InitializeAsync()
    {
        foreach (var part in new[] { "cn-export", "cn-abstracts-cpc", "epo-ops-xml", "uspto-xml" })
            Copy(Path.Combine(RepositoryPaths.Samples, part), Path.Combine(Samples, part));
        return Task.CompletedTask;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private MarketplaceSite Site(bool background) => MarketplaceSite.WithSettings(new Dictionary<string, string?>
    {
        ["Search:SamplesPath"] = Samples,
        ["Analytics:LabelOnStart"] = "true",
        ["Models:Enabled"] = background ? "true" : "false",
        ["Models:PollInterval"] = "00:00:01",
        ["RateLimits:SignInPerMinute"] = "100000",
    }, Data);

    [Fact]
    public async Task A_training_requested_on_the_page_and_interrupted_by_a_stop_runs_after_the_restart_while_version_1_serves()
    {
        var first = Site(background: false);
        try
        {
            await first.InitializeAsync();
            using var client = await new SiteClient(first.BaseAddress).SignInAsDemoAsync(Operator);
            using var asked = await client.SubmitAsync("/admin/models", "#train-form", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
            Assert.NotNull(Store(first).PendingRequest());
        }
        finally
        {
            await first.DisposeAsync();
        }
        // What a process killed while writing a version leaves besides the request.
        var abandoned = Path.Combine(Data, "models", ModelStore.VersionsFolder, ".tmp-killed");
        Directory.CreateDirectory(abandoned);
        await File.WriteAllTextAsync(Path.Combine(abandoned, ChainModel.ManifestFile), "{\"taxonomyVers");

        var restarted = Site(background: true);
        try
        {
            await restarted.InitializeAsync();
            var store = Store(restarted);
            Assert.Equal(1, store.ActiveVersion());
            await WaitAsync(() => store.PendingRequest() is null && store.List().Count == 2);

            var second = store.Read(2)!;
            Assert.NotNull(second.Evaluation);
            Assert.Equal(1, second.ComparedWithVersion);
            Assert.Equal(second.PassedValidation ? 2 : 1, store.ActiveVersion());
            Assert.False(Directory.Exists(abandoned));
            using var client = await new SiteClient(restarted.BaseAddress).SignInAsDemoAsync(Operator);
            var page = await client.PageAsync("/admin/models");
            Assert.Equal(["2", "1"], page.QuerySelectorAll("#model-versions tbody tr").Select(r => r.GetAttribute("data-version")!));
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task Rolling_back_on_the_page_says_what_changed_and_relabels_the_index_with_the_older_version()
    {
        var site = Site(background: true);
        try
        {
            await site.InitializeAsync();
            var analytics = site.Services.GetRequiredService<PatentAnalytics>();
            var version1 = analytics.LabelVersion(analytics.Store.Read(1)!);
            // A second version, activated whatever it measures, and the index relabelled with it.
            var second = new PatentAnalytics(new AnalyticsOptions { ModelsPath = analytics.Options.ModelsPath, ValidationTolerance = 1 }, analytics.Taxonomy, TimeProvider.System);
            Assert.True((await second.TrainVersionAsync(site.Index.ExportAsync())).Activated);
            site.Services.GetRequiredService<ModelWork>().RequestRelabel();
            await WaitAsync(async () => await LabelVersionAsync(site) != version1);

            using var client = await new SiteClient(site.BaseAddress).SignInAsDemoAsync(Operator);
            var confirm = await client.PageAsync("/admin/models?confirm=1");
            // Every figure of both versions is there as measured, the ones validation compares and the coverage where no rule applies.
            var rows = confirm.QuerySelectorAll("#confirm-figures tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
            var figures1 = analytics.Store.Read(1)!.Evaluation!;
            Assert.Equal(6, rows.Count);
            Assert.Contains(rows, r => r[0] == "IPC 部准确率" && r[2] == Marketplace.Web.Pages.Models.Admin.IndexModel.Format(figures1.SectionAccuracy));
            Assert.Contains(rows, r => r[0] == "无规则记录覆盖率" && r[2] == Marketplace.Web.Pages.Models.Admin.IndexModel.Format(figures1.WithoutChainCoverage));
            Assert.NotNull(figures1.SectionAccuracy);
            using var response = await client.SubmitAsync("/admin/models?confirm=1", "#activate-form", new Dictionary<string, string>());
            var done = await client.PageAsync(response.Headers.Location!.OriginalString);

            Assert.Equal(1, analytics.Store.ActiveVersion());
            var message = done.QuerySelector("#models-message")!.TextContent;
            Assert.Contains("1", message, StringComparison.Ordinal);
            Assert.Contains("2", message, StringComparison.Ordinal);
            Assert.Contains("→", message, StringComparison.Ordinal);
            Assert.Equal("1", done.QuerySelector("#model-versions tr.active-version")!.GetAttribute("data-version"));
            await WaitAsync(async () => await LabelVersionAsync(site) == version1);
        }
        finally
        {
            await site.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_page_refuses_non_operators_and_a_version_that_does_not_exist_and_changes_nothing()
    {
        var site = Site(background: false);
        try
        {
            await site.InitializeAsync();
            using var member = await new SiteClient(site.BaseAddress).SignInAsDemoAsync("university.admin@demo.patent-marketplace.local");
            var memberToken = await member.AntiforgeryTokenAsync("/");
            using var memberPage = await member.GetAsync("/admin/models");
            using var memberTrain = await member.Http.PostAsync("/admin/models?handler=Train",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = memberToken }));
            using var client = await new SiteClient(site.BaseAddress).SignInAsDemoAsync(Operator);
            var token = await client.AntiforgeryTokenAsync("/admin/models");

            using var response = await client.Http.PostAsync("/admin/models?handler=Activate",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = "99", ["__RequestVerificationToken"] = token }));
            var page = await client.PageAsync(response.Headers.Location!.OriginalString);

            Assert.Equal(HttpStatusCode.Forbidden, memberPage.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, memberTrain.StatusCode);
            Assert.Null(Store(site).PendingRequest());
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("99", page.QuerySelector("#models-refused")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(1, Store(site).ActiveVersion());
            Assert.Equal(["1"], page.QuerySelectorAll("#model-versions tbody tr").Select(r => r.GetAttribute("data-version")!));
        }
        finally
        {
            await site.DisposeAsync();
        }
    }

    private static ModelStore Store(MarketplaceSite site) => site.Services.GetRequiredService<PatentAnalytics>().Store;

    private static async Task<string> LabelVersionAsync(MarketplaceSite site) =>
        (await site.Index.GetAsync("CN218751475U"))!.Labels[LabelNames.Version].Single();

    private static Task WaitAsync(Func<bool> done) => WaitAsync(() => Task.FromResult(done()));

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow.AddMinutes(4);
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The background model work did not get there in 4 minutes.");
            await Task.Delay(250);
        }
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
