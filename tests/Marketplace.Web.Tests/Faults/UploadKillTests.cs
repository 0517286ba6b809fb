using Marketplace.Web.Loads;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Faults;

/// <summary>The site killed (-9) while a browser upload is loading: after the restart the load completes once, each record in the index once.</summary>
[Collection(FaultsGroup.Name)]
public sealed class UploadKillTests(ITestOutputHelper output)
{
    private const string Applicant = "断电恢复测试研究院";
    private const int Records = 6_000;

    [Fact]
    public async Task A_load_killed_after_some_commits_completes_once_after_the_restart_with_every_record_once()
    {
        await using var site = new SiteProcess(new Dictionary<string, string?>
        {
            ["Loads__CommitEvery"] = "250",
            ["Loads__StaleAfter"] = "00:00:02",
            ["Loads__PollInterval"] = "00:00:01",
        });
        await site.StartAsync();
        output.WriteLine($"Site started (SQLite, empty index) in {site.LastStartTime.TotalSeconds:F1} s.");
        using var operatorClient = await site.CreateClient().SignInAsDemoAsync(FaultData.Operator);
        var id = await FaultData.UploadAsync(operatorClient, "faults-export.csv", FaultData.Export(Records, Applicant));

        // Killed once the job says records are committed, before it has finished.
        long committedAtKill = 0;
        await site.WaitUntilAsync(async _ =>
        {
            var job = await JobAsync(site, id);
            Assert.False(job.IsFinished, $"The load finished ({job.State}) before the kill: make the file larger.");
            committedAtKill = job.CheckpointRecords;
            return committedAtKill > 0;
        }, TimeSpan.FromMinutes(2), "the load to commit its first records");
        site.Kill();
        var killed = await JobAsync(site, id);
        Assert.Equal(LoadJobState.Running, killed.State);
        Assert.True(killed.CheckpointRecords < Records, $"{killed.CheckpointRecords} of {Records} were committed at the kill");

        var restart = await site.RestartAsync();
        var finished = await WaitUntilFinishedAsync(site, id);
        output.WriteLine($"Killed with {committedAtKill} of {Records} records committed; restart (write.lock left by the kill) ready in {restart.TotalSeconds:F1} s; " +
            $"the load resumed and finished: {finished.Added} added, {finished.Unchanged} unchanged, {finished.Merged} merged, attempt {finished.Attempts}.");

        Assert.Equal(LoadJobState.Done, finished.State);
        Assert.Equal(2, finished.Attempts);
        Assert.Equal(Records, finished.Added + finished.Merged + finished.Unchanged);
        Assert.Equal(0, finished.Quarantined);
        await using (var db = site.OpenDatabase())
            Assert.Equal(1, await db.LoadJobs.CountAsync());
        using var http = site.CreateHttpClient();
        Assert.Equal(Records, await FaultData.CountAsync(http, Applicant));
    }

    internal static async Task<LoadJob> JobAsync(SiteProcess site, Guid id)
    {
        await using var db = site.OpenDatabase();
        return await db.LoadJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    internal static async Task<LoadJob> WaitUntilFinishedAsync(SiteProcess site, Guid id)
    {
        LoadJob? job = null;
        await site.WaitUntilAsync(async _ => (job = await JobAsync(site, id)).IsFinished, TimeSpan.FromMinutes(3), $"the load {id} to finish");
        return job!;
    }
}
