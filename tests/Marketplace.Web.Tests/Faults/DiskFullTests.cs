using System.Net;
using Marketplace.Web.Loads;
using Marketplace.Web.Tests.Support;
using Search.Indexer.Tests.Support;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Faults;

/// <summary>The index's disk fills up during a browser load: a clear failure, searches still served, nothing committed lost.</summary>
[Collection(FaultsGroup.Name)]
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private const string Applicant = "磁盘写满测试研究院";

    [RootFact]
    public async Task A_load_that_fills_the_index_disk_fails_saying_so_while_search_serves_and_the_index_reopens_with_every_committed_record()
    {
        var folder = Path.Combine(Path.GetTempPath(), "marketplace-faults-disk-" + Guid.NewGuid().ToString("N")[..8]);
        var index = Path.Combine(folder, "index");
        Directory.CreateDirectory(index);
        Mounts.Tmpfs(index, "3m");
        try
        {
            await using var site = new SiteProcess(new Dictionary<string, string?>
            {
                ["Loads__CommitEvery"] = "500",
            }, folder);
            await site.StartAsync();
            using var operatorClient = await site.CreateClient().SignInAsDemoAsync(FaultData.Operator);
            var id = await FaultData.UploadAsync(operatorClient, "too-large-for-the-disk.csv", FaultData.Export(20_000, Applicant));

            var failed = await UploadKillTests.WaitUntilFinishedAsync(site, id);
            output.WriteLine($"The load stopped: {failed.State}, {failed.CheckpointRecords} records committed before the disk was full; error: {failed.Error}");
            Assert.Equal(LoadJobState.Failed, failed.State);
            Assert.Contains("disk full", failed.Error, StringComparison.Ordinal);
            Assert.True(failed.CheckpointRecords > 0, "nothing was committed before the disk filled: make the tmpfs larger");

            // The site still answers searches, at the last commit: the failed write rolled the writer back there, so the
            // records being labelled when the disk filled (their old copies deleted, the new ones dropped) are all found.
            using var http = site.CreateHttpClient();
            using (var page = await http.GetAsync("/search?q=" + Uri.EscapeDataString("无人机")))
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var servedAfterFailure = await FaultData.CountAsync(http, Applicant);
            Assert.True(servedAfterFailure >= failed.CheckpointRecords, $"before the restart search finds {servedAfterFailure} of the {failed.CheckpointRecords} committed records");

            // Space again, then a restart (a kill, the harshest one): the index opens intact with every committed record.
            site.Kill();
            Mounts.Resize(index, "64m");
            var restart = await site.RestartAsync();
            var afterRestart = await FaultData.CountAsync(http, Applicant);
            output.WriteLine($"Restart after freeing space ready in {restart.TotalSeconds:F1} s; search finds {afterRestart} (committed: {failed.CheckpointRecords}, served before: {servedAfterFailure}).");
            Assert.True(afterRestart >= failed.CheckpointRecords, $"after the restart search finds {afterRestart} of the {failed.CheckpointRecords} committed records");
        }
        finally
        {
            Mounts.Unmount(index);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
