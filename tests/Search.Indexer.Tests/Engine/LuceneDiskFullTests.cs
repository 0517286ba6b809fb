using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Engine;

/// <summary>
/// The index's disk fills while committed records are being relabelled and new ones written. Lucene applies an update's
/// delete to the committed segments at once, and on the full disk drops the buffer holding its new document: without a
/// rollback, the next commit that fits makes the committed record's disappearance durable (CI lost 104 of 1,000 so).
/// </summary>
public sealed class LuceneDiskFullTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [RootFact]
    public async Task A_write_that_fills_the_disk_loses_no_committed_record_even_ones_being_relabelled_and_the_writer_goes_on()
    {
        Mounts.Tmpfs(_folder.Path, "2m");
        try
        {
            var committed = SampleRecords.Generated(1_000).ToList();
            var options = new LuceneIndexOptions { IndexPath = _folder.Path, RamBufferSizeMB = 16, MaxRefreshDelay = TimeSpan.FromMinutes(10), IndexingThreads = 2 };
            using (var index = new LuceneIndex(options))
            {
                await index.UpsertAsync(committed);
                await index.CommitAsync();

                // Every committed record relabelled (an update: its old copy deleted, a new one buffered), then far more
                // than the disk holds: the commit fails on the full disk.
                await index.SetLabelsAsync(committed.ToDictionary(r => r.Id, _ => LabelChanges.Label("chain", "新一代信息技术")));
                var failure = await Assert.ThrowsAnyAsync<IOException>(async () =>
                {
                    foreach (var batch in SampleRecords.Generated(50_000, start: 1_000).Chunk(5_000))
                    {
                        await index.UpsertAsync(batch);
                        await index.CommitAsync();
                    }
                });
                Assert.Contains("space", failure.ToString(), StringComparison.OrdinalIgnoreCase);

                // Searches see the last commit at once, and the writer takes the next write where it left off.
                Assert.Equal(committed.Count, (await index.GetStatsAsync()).Records);
                await index.UpsertAsync(SampleRecords.Generated(1, start: 900_000).ToList());
                await index.CommitAsync();
            }

            using var reopened = LuceneIndex.OpenReadOnly(_folder.Path);
            var stored = await reopened.GetManyAsync(committed.Select(r => r.Id).ToList());
            Assert.Equal(committed.Count, stored.Count);
            Assert.Equal(committed.Count + 1, (await reopened.GetStatsAsync()).Records);
        }
        finally
        {
            Mounts.Unmount(_folder.Path);
        }
    }

    [RootFact]
    public async Task Every_write_running_when_the_disk_fills_fails_naming_the_full_disk_not_the_writer_it_closed()
    {
        // What the browser-load fault test saw: one indexing thread met the full disk, the roll-back closed the writer
        // under another, and the load's error read only "this IndexWriter is disposed".
        Mounts.Tmpfs(_folder.Path, "2m");
        try
        {
            var options = new LuceneIndexOptions { IndexPath = _folder.Path, RamBufferSizeMB = 1, MaxRefreshDelay = TimeSpan.FromMinutes(10), IndexingThreads = 2 };
            using var index = new LuceneIndex(options);
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var batch = 0; batch < 40; batch++)
                {
                    await index.UpsertAsync(SampleRecords.Generated(1_000, start: (w * 40 + batch) * 1_000).ToList());
                    await index.CommitAsync();
                }
            })).ToList();

            var failures = new List<Exception>();
            foreach (var writer in writers)
            {
                try { await writer; }
                catch (Exception e) { failures.Add(e); }
            }

            Assert.NotEmpty(failures);
            Assert.All(failures, f => Assert.Contains("No space left on device", f.ToString(), StringComparison.Ordinal));
        }
        finally
        {
            Mounts.Unmount(_folder.Path);
        }
    }

    public void Dispose() => _folder.Dispose();
}
