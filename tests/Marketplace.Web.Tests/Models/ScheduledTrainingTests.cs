using Analytics;
using Analytics.Chains;
using Analytics.Lifecycle;
using Analytics.Taxonomy;
using Marketplace.Web.Models;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Tests.Models;

/// <summary>The daily job asks for a training once the newest version is as old as the schedule says, and not before.</summary>
public sealed class ScheduledTrainingTests : IDisposable
{
    private static readonly DateTimeOffset Trained = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly string _models = Path.Combine(Path.GetTempPath(), "scheduled-training-" + Guid.NewGuid().ToString("N")[..12]);

    public ScheduledTrainingTests()
    {
        // A version as the store lists it: its manifest, and the pointer naming it.
        var folder = Path.Combine(_models, ModelStore.VersionsFolder, "0001");
        Directory.CreateDirectory(folder);
        ChainModel.WriteManifest(folder, new ChainModelManifest { Version = 1, TaxonomyVersion = IndustryTaxonomy.Default.Version, TrainedAt = Trained });
        File.WriteAllText(Path.Combine(_models, ModelStore.ActiveFile), "0001");
    }

    private async Task<TrainingRequest?> RunAtAsync(DateTimeOffset now, int everyDays = 7)
    {
        var analytics = new PatentAnalytics(new AnalyticsOptions { ModelsPath = _models }, IndustryTaxonomy.Default, new Clock(now));
        await new ScheduledTraining(analytics, Options.Create(new ModelsOptions { TrainEveryDays = everyDays }), new Clock(now)).RunAsync();
        return analytics.Store.PendingRequest();
    }

    [Fact]
    public async Task A_version_younger_than_the_schedule_asks_for_nothing()
    {
        Assert.Null(await RunAtAsync(Trained.AddDays(6)));
    }

    [Fact]
    public async Task A_version_as_old_as_the_schedule_asks_for_a_training_that_survives_a_restart()
    {
        var request = await RunAtAsync(Trained.AddDays(7));

        Assert.Equal("schedule", request!.RequestedBy);
        Assert.Equal(request, new ModelStore(_models).PendingRequest());
    }

    [Fact]
    public async Task A_schedule_of_zero_days_never_asks()
    {
        Assert.Null(await RunAtAsync(Trained.AddDays(400), everyDays: 0));
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public void Dispose()
    {
        try { Directory.Delete(_models, recursive: true); } catch (IOException) { }
    }
}
