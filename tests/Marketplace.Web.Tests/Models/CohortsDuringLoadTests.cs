using System.Globalization;
using Analytics;
using Marketplace.Web.Jobs;
using Marketplace.Web.Models;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Models;

/// <summary>
/// The value cohorts are relearnt when the index has grown by a share of what they were learnt from, but not while a
/// load runs: a load crosses that share again and again, and each refresh reads the whole index twice and relabels
/// what moved (a 200,000-record load into the samples paid for dozens). The first models pass after the load relearns once.
/// </summary>
public sealed class CohortsDuringLoadTests : IAsyncLifetime
{
    private static readonly JobKey ModelsPass = new(ModelsJob.JobName, JobGroups.Recurring);

    // Labelled at start, so the cohorts are learnt; the models job runs only when a test asks.
    private readonly MarketplaceSite _site = MarketplaceSite.WithSettings(new Dictionary<string, string?>
    {
        ["Analytics:LabelOnStart"] = "true",
        ["Models:Enabled"] = "true",
        ["Models:PollInterval"] = "01:00:00",
        ["DailyJobs:Enabled"] = "false",
    });

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task The_value_cohorts_wait_while_a_load_runs_and_are_relearnt_by_the_first_models_pass_after_it()
    {
        var analytics = _site.Services.GetRequiredService<PatentAnalytics>();
        var work = _site.Services.GetRequiredService<ModelWork>();
        var before = analytics.CachedCohorts;
        Assert.NotNull(before);
        // A tenth more records, twice the share that triggers a refresh: stored ones under new numbers.
        var added = new List<PatentRecord>();
        await foreach (var r in _site.Index.ExportAsync())
        {
            if (added.Count > before.Records / 10) break;
            r.PublicationNumber = new PatentNumber("CN", (900_000_000 + added.Count).ToString(CultureInfo.InvariantCulture), "A");
            added.Add(r);
        }

        using (work.LoadStarted())
        {
            Assert.True(work.LoadRunning);
            await _site.Index.UpsertAsync(added);
            await _site.Index.CommitAsync();
            await _site.RunJobAndWaitAsync(ModelsPass);
            Assert.Same(before, analytics.CachedCohorts);
        }
        Assert.False(work.LoadRunning);
        await _site.RunJobAndWaitAsync(ModelsPass);

        var after = analytics.CachedCohorts;
        Assert.NotNull(after);
        Assert.NotSame(before, after);
        Assert.Equal(before.Records + added.Count, after.Records);
    }
}
