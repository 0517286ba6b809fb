using Marketplace.Web.Data;
using Marketplace.Web.Loads;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Loads;

/// <summary>A load left running by a crash is taken over after the restart and loads each record once.</summary>
public sealed class LoadResumeTests
{
    [Fact]
    public async Task A_load_left_running_by_a_crash_resumes_after_the_restart_and_loads_each_record_once()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "loads-resume-" + Guid.NewGuid().ToString("N")[..8]);
        var settings = LoadsSite.Settings(LoadsSite.SamplesWithoutTheExport());
        Guid id;
        try
        {
            var first = MarketplaceSite.WithSettings(settings, dataFolder);
            try
            {
                await first.InitializeAsync();
                using var client = await new SiteClient(first.BaseAddress).SignInAsDemoAsync(LoadUploads.Operator);
                using var response = await LoadUploads.UploadAsync(client, "export.csv", LoadUploads.ExportWithTwoBadRows());
                id = LoadUploads.JobOf(response);
                Assert.Equal(10, (await LoadUploads.WaitUntilFinishedAsync(first.Services, id)).Added);
            }
            finally
            {
                await first.DisposeAsync();
            }

            // As if the process died after its commits but before it recorded the end: the row still says Running.
            await using (var db = new SqliteMarketplaceDbContext(new DbContextOptionsBuilder<SqliteMarketplaceDbContext>()
                             .UseSqlite($"Data Source={Path.Combine(dataFolder, "marketplace.db")}").Options))
            {
                var changed = await db.LoadJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, LoadJobState.Running)
                    .SetProperty(j => j.FinishedAt, (DateTime?)null)
                    .SetProperty(j => j.HeartbeatAt, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
                Assert.Equal(1, changed);
            }

            var second = MarketplaceSite.WithSettings(settings, dataFolder);
            LoadJob job;
            SearchResult found;
            try
            {
                await second.InitializeAsync();
                job = await LoadUploads.WaitUntilFinishedAsync(second.Services, id);
                found = await second.Index.SearchAsync(new PatentQuery
                {
                    Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetFields.Applicant] = ["中科大数据研究院"] },
                    PageSize = 50,
                });
            }
            finally
            {
                await second.DisposeAsync();
            }

            Assert.Equal(LoadJobState.Done, job.State);
            Assert.Equal(2, job.Attempts);
            Assert.Equal(0, job.Added);
            Assert.Equal(10, job.Unchanged);
            Assert.Equal(2, job.Quarantined);
            Assert.Equal(10, found.Total);
            Assert.Equal(10, found.Hits.Select(h => h.Record.Id).Distinct(StringComparer.Ordinal).Count());
        }
        finally
        {
            try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
        }
    }
}
