using Analytics.Chains;
using Marketplace.Web.Samples;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Search;

/// <summary>
/// Start-up labelling on the same data folder across restarts: a restart does not label again, a record that
/// arrived without labels (as from a command-line load) gets the index labelled again with the model it has.
/// A small corpus (the samples without the 5,876 titles) keeps each start short.
/// </summary>
public sealed class LabellingRestartTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "marketplace-labels-restart-" + Guid.NewGuid().ToString("N")[..12]);

    private string Samples => Path.Combine(_folder, "samples");
    private string Data => Path.Combine(_folder, "data");
    private string Manifest => Path.Combine(Data, "models", Analytics.Lifecycle.ModelStore.VersionsFolder, "0001", ChainModel.ManifestFile);

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

    private static string? LabelsMessage(MarketplaceSite site) => site.Services.GetRequiredService<LabelStatus>().Message;

    [Fact]
    public async Task A_restart_does_not_label_again_but_a_record_loaded_without_labels_does()
    {
        var firstVersion = "";
        await RunAsync(async first =>
        {
            Assert.Contains("records labelled in", LabelsMessage(first), StringComparison.Ordinal);
            firstVersion = (await first.Index.GetAsync("CN218751475U"))!.Labels[LabelNames.Version].Single();
            // Labelled at this start, so the dashboard is computed without anyone asking for it: the first visitor sees figures.
            var warmUp = first.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Marketplace.Web.Reports.DashboardWarmUp>().Single();
            await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1));
            Assert.NotNull(first.Services.GetRequiredService<Marketplace.Web.Reports.CityDashboard>().Latest);
        });
        var trained = File.GetLastWriteTimeUtc(Manifest);

        await RunAsync(async restarted =>
        {
            Assert.Equal(LabelState.Completed, restarted.Services.GetRequiredService<LabelStatus>().State);
            Assert.StartsWith("all ", LabelsMessage(restarted), StringComparison.Ordinal);
            Assert.Equal(trained, File.GetLastWriteTimeUtc(Manifest));
            // What a command-line load of a new record leaves in the index: a record without labels.
            var loaded = (await restarted.Index.GetAsync("CN218751475U"))!;
            loaded.Labels.Clear();
            loaded.Scores.Clear();
            await restarted.Index.UpsertAsync([loaded]);
            await restarted.Index.CommitAsync();
        });

        await RunAsync(async third =>
        {
            Assert.Contains("records labelled in", LabelsMessage(third), StringComparison.Ordinal);
            Assert.Equal(trained, File.GetLastWriteTimeUtc(Manifest));
            var relabelled = (await third.Index.GetAsync("CN218751475U"))!;
            Assert.Equal(firstVersion, relabelled.Labels[LabelNames.Version].Single());
            Assert.Contains("digital-economy", relabelled.Labels[LabelFacets.Chain]);
            Assert.True(relabelled.Scores.ContainsKey(LabelFacets.ValueIndexScore));
        });
    }

    /// <summary>Starts the site on the data folder, runs <paramref name="test"/> and stops it, leaving the folder for the next start.</summary>
    private async Task RunAsync(Func<MarketplaceSite, Task> test)
    {
        var site = MarketplaceSite.WithSettings(new Dictionary<string, string?>
        {
            ["Search:SamplesPath"] = Samples,
            ["Analytics:LabelOnStart"] = "true",
        }, Data);
        try
        {
            await site.InitializeAsync();
            await test(site);
        }
        finally
        {
            await site.DisposeAsync();
        }
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
