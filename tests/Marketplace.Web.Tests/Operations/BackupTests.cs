using System.Net;
using System.Net.Http.Json;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Operations;
using Marketplace.Web.Organizations;
using Marketplace.Web.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Operations;

/// <summary>A backup taken while the site serves and loads, restored into an empty folder: everything committed is there.</summary>
[Collection(OperationsSiteGroup.Name)]
public sealed class BackupTests(OperationsSite ops) : IDisposable
{
    private static int _next;
    private readonly string _restored = Path.Combine(Path.GetTempPath(), "marketplace-restore-" + Guid.NewGuid().ToString("N")[..12]);

    private static PatentRecord Record(string title) => new()
    {
        PublicationNumber = PatentNumber.Parse($"CN93{Interlocked.Increment(ref _next):D7}A"),
        Titles = [new LocalizedText("zh", title)],
        Abstracts = [new LocalizedText("zh", title + "，用于测试备份与恢复。")],
        Applicants = [new Party { Name = "备份测试有限公司", Type = PartyType.Enterprise }],
        IpcCodes = ["H01M10/00"],
        LegalStatus = LegalStatus.InForce,
        PublicationDate = new DateOnly(2024, 3, 1),
    };

    [Fact]
    public async Task A_backup_taken_during_a_load_restores_every_committed_record_order_and_document_with_matching_checksums()
    {
        var index = ops.Site.Index;
        var baseRecords = (await index.GetStatsAsync()).Records;
        var before = Enumerable.Range(0, 300).Select(i => Record($"备份前的锂电池记录{i}")).ToList();
        await index.UpsertAsync(before);
        await index.CommitAsync();
        var (orderId, orderIds, userIds) = await AddLicenseOrderAsync();
        var pdf = "%PDF-1.4 evaluation report for the backup test"u8.ToArray();
        var document = await PdfUploads.SaveAsync(ops.EvaluationReportFolder, pdf);

        // A load runs through the backup: batches written and committed one after another.
        var committedBeforeBackup = new List<string>();
        var committed = new List<string>();
        using var stop = new CancellationTokenSource();
        var backupStarted = false;
        var loadUnderWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = Enumerable.Range(0, 200).Select(i => Record($"备份期间装载的储能记录{i}")).ToList();
                await index.UpsertAsync(batch);
                await index.CommitAsync();
                lock (committed)
                {
                    committed.AddRange(batch.Select(r => r.Id));
                    if (!Volatile.Read(ref backupStarted)) committedBeforeBackup.AddRange(batch.Select(r => r.Id));
                    if (committed.Count >= 1_000) loadUnderWay.TrySetResult();
                }
            }
        });
        // The backup starts once the load has committed a few batches, and while it still runs.
        // The load only ends on a fault, which then surfaces here.
        if (await Task.WhenAny(loadUnderWay.Task, load) == load) await load;

        using var client = ops.Site.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ops/backup");
        request.Headers.Authorization = new("Bearer", OperationsSite.Token);
        lock (committed) Volatile.Write(ref backupStarted, true);
        using var response = await client.SendAsync(request);
        await stop.CancelAsync();
        await load;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var manifest = (await response.Content.ReadFromJsonAsync<BackupManifest>(BackupManifest.Json))!;
        var folder = manifest.Folder!;
        // The copy is one commit: the records before the load and whole batches of it, never part of a batch in flight.
        Assert.Equal(0, (manifest.IndexRecords!.Value - baseRecords - before.Count) % 200);

        Assert.Empty(await manifest.VerifyAsync(folder));
        var sums = await File.ReadAllLinesAsync(Path.Combine(folder, BackupManifest.ChecksumsFileName));
        Assert.Equal(manifest.Files.Select(f => $"{f.Sha256}  {f.Path}"), sums);
        Assert.Equal(0, await RestoreCommand.RunAsync([folder, "--data", _restored], TextWriter.Null, TextWriter.Null));

        using (var restored = LuceneIndex.Open(Path.Combine(_restored, "index")))
        {
            var present = await restored.GetManyAsync([.. before.Select(r => r.Id), .. committedBeforeBackup]);
            Assert.Equal(before.Count + committedBeforeBackup.Count, present.Count);
            Assert.Equal(manifest.IndexRecords, (await restored.GetStatsAsync()).Records);
            Assert.Equal("备份前的锂电池记录0", present[before[0].Id].Titles[0].Text);
        }
        await using (var db = new SqliteMarketplaceDbContext(new DbContextOptionsBuilder<SqliteMarketplaceDbContext>()
                         .UseSqlite($"Data Source={Path.Combine(_restored, "marketplace.db")};Pooling=False").Options))
        {
            Assert.Equal(orderIds.Order(), (await db.LicenseOrders.Select(o => o.Id).ToListAsync()).Order());
            Assert.Contains(orderId, orderIds);
            Assert.Equal(userIds.Order(), (await db.Users.Select(u => u.Id).ToListAsync()).Order());
        }
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(_restored, "licensing", "evaluation-reports", document)));
    }

    [Fact]
    public async Task A_restore_refuses_a_folder_that_is_not_empty_and_a_backup_whose_checksums_disagree_before_writing_anything()
    {
        var manifest = await ops.Site.Services.CreateScope().ServiceProvider.GetRequiredService<BackupService>().BackUpAsync();
        var folder = manifest.Folder!;

        Directory.CreateDirectory(_restored);
        await File.WriteAllTextAsync(Path.Combine(_restored, "keep.txt"), "someone's data");
        using var refusal = new StringWriter();
        Assert.Equal(1, await RestoreCommand.RunAsync([folder, "--data", _restored], TextWriter.Null, refusal));
        Assert.Contains("is not empty", refusal.ToString(), StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFileSystemEntries(_restored));

        File.Delete(Path.Combine(_restored, "keep.txt"));
        var database = Path.Combine(folder, "database", BackupService.SqliteFile);
        await using (var stream = File.OpenWrite(database))
        {
            stream.Seek(-1, SeekOrigin.End);
            stream.WriteByte(0x5A);
        }
        using var mismatch = new StringWriter();
        Assert.Equal(1, await RestoreCommand.RunAsync([folder, "--data", _restored], TextWriter.Null, mismatch));
        Assert.Contains("database/marketplace.db: checksum differs", mismatch.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_restored));
    }

    /// <summary>A licence order on the demo declaration, as taking the licence makes it; the ids of every order and user after it.</summary>
    private async Task<(Guid Order, List<Guid> Orders, List<Guid> Users)> AddLicenseOrderAsync()
    {
        await using var scope = ops.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var declaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).FirstAsync(d => d.Status == DeclarationStatus.Published);
        var enterprise = await db.Organizations.FirstAsync(o => o.Type == OrganizationType.Enterprise);
        var buyer = await db.Users.FirstAsync();
        var order = LicenseOrder.Notify(declaration, enterprise.Id, buyer.Id, "backup-test-" + Guid.NewGuid().ToString("N"), DateTime.UtcNow);
        db.LicenseOrders.Add(order);
        await db.SaveChangesAsync();
        return (order.Id, await db.LicenseOrders.Select(o => o.Id).ToListAsync(), await db.Users.Select(u => u.Id).ToListAsync());
    }

    public void Dispose()
    {
        try { Directory.Delete(_restored, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
