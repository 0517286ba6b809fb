using System.Diagnostics;
using System.Net;
using Analytics.Chains;
using Analytics.Lifecycle;
using Marketplace.Web.Jobs;
using Marketplace.Web.Models;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine.Lucene;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Faults;

/// <summary>
/// The site killed (-9) while the models job trains a version asked for on the operator page: after the restart the
/// training runs again and finishes, exactly one new version is recorded, and version 1 serves (the models page, the
/// labels in the index) until the new one has been validated and, if it passed, activated.
/// </summary>
[Collection(FaultsGroup.Name)]
public sealed class TrainingKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_training_killed_while_running_finishes_once_after_the_restart_and_the_old_model_serves_until_then()
    {
        await using var site = new SiteProcess(new Dictionary<string, string?>
        {
            ["Search__SamplesPath"] = RepositoryPaths.Samples,
            ["Analytics__LabelOnStart"] = "true",
            ["Models__PollInterval"] = "00:00:02",
        });
        // The first start loads the samples, trains version 1 and labels every record with it.
        await site.StartAsync(TimeSpan.FromMinutes(6));
        var firstStart = site.LastStartTime;
        var store = new ModelStore(Path.Combine(site.DataFolder, "models"));
        Assert.Equal(1, store.ActiveVersion());
        var servedBefore = LabelVersion(site);
        var training = Stopwatch.StartNew();
        using (var operatorClient = await site.CreateClient().SignInAsDemoAsync(FaultData.Operator))
        {
            using var asked = await operatorClient.SubmitAsync("/admin/models", "#train-form", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
            await site.WaitUntilAsync(async _ => await TrainingStateAsync(operatorClient) is { } state && state.Contains("Training a new version", StringComparison.Ordinal),
                TimeSpan.FromMinutes(2), "the models job to be training");
        }
        var killedAfter = training.Elapsed;
        site.Kill();
        Assert.True(store.List().Count == 1, "the training finished before the kill: give it more records");
        Assert.NotNull(store.PendingRequest());

        var restart = await site.RestartAsync(TimeSpan.FromMinutes(4));
        var untilTrained = Stopwatch.StartNew();
        using var client = await site.CreateClient().SignInAsDemoAsync(FaultData.Operator);
        // Until the new version is saved, version 1 serves: the page names it active and the records keep its labels.
        var checks = 0;
        await site.WaitUntilAsync(async _ =>
        {
            var active = await ActiveOnPageAsync(client);
            var served = LabelVersion(site);
            // Saved meanwhile: what was just read may already be the new version's.
            if (store.List().Count > 1) return true;
            Assert.Equal("1", active);
            Assert.Equal(servedBefore, served);
            checks++;
            return false;
        }, TimeSpan.FromMinutes(5), "the training to save a new version after the restart");
        var trainedIn = untilTrained.Elapsed;
        await site.WaitUntilAsync(_ => Task.FromResult(store.PendingRequest() is null), TimeSpan.FromMinutes(1), "the training request to be completed");

        Assert.True(checks > 0, "the new version was saved before the restart could be checked: nothing showed that version 1 served meanwhile");
        Assert.Equal([2, 1], store.List().Select(v => v.Number));
        Assert.Empty(Directory.GetDirectories(Path.Combine(store.Root, ModelStore.VersionsFolder), ".tmp-*"));
        var second = store.Read(2)!;
        Assert.Equal(1, second.ComparedWithVersion);
        Assert.Equal(second.PassedValidation ? 2 : 1, store.ActiveVersion());
        if (second.PassedValidation)
            await site.WaitUntilAsync(_ => Task.FromResult(LabelVersion(site) != servedBefore), TimeSpan.FromMinutes(3), "the index to be relabelled with version 2");
        // Still one new version once the job has had time to run again (its schedule is every 2 s).
        await site.WaitUntilAsync(async _ => await TrainingStateAsync(client) is null, TimeSpan.FromMinutes(3), "the models job to be idle");
        Assert.Equal(2, store.List().Count);
        // The run's row is finished by the job listener after the job returns, a moment after the page shows the job idle.
        await site.WaitUntilAsync(async _ =>
        {
            await using var db = site.OpenDatabase();
            return await db.JobRuns.AsNoTracking().AnyAsync(r => (r.Job == ModelsJob.JobName || r.Group == ModelsJob.RequestGroup) && r.State == JobRunState.Succeeded);
        }, TimeSpan.FromMinutes(1), "a succeeded models run to be recorded");

        output.WriteLine($"First start (samples loaded, version 1 trained, every record labelled) ready in {firstStart.TotalSeconds:F1} s; "
            + $"training killed {killedAfter.TotalSeconds:F1} s after it was asked; restart ready in {restart.TotalSeconds:F1} s; "
            + $"version 2 saved {trainedIn.TotalSeconds:F1} s after the restart was ready (passed validation: {second.PassedValidation}); "
            + $"version 1 seen serving {checks} times meanwhile.");
    }

    /// <summary>The label version of one record, read from the index beside the site's writer.</summary>
    private static string LabelVersion(SiteProcess site)
    {
        using var index = LuceneIndex.OpenReadOnly(Path.Combine(site.DataFolder, "index"));
        var record = index.ExportAsync().ToBlockingEnumerable().First(r => r.Labels.ContainsKey(LabelNames.Version));
        return record.Labels[LabelNames.Version].Single();
    }

    private static async Task<string?> ActiveOnPageAsync(SiteClient client)
    {
        var page = await client.PageAsync("/admin/models?culture=en");
        return page.QuerySelector("#model-versions tr.active-version")?.GetAttribute("data-version");
    }

    private static async Task<string?> TrainingStateAsync(SiteClient client)
    {
        var page = await client.PageAsync("/admin/models?culture=en");
        return page.QuerySelector("#training-state")?.TextContent;
    }
}
