using Search.Indexer.Readers;
using Search.Indexer.Records;
using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Search.Indexer.Bench;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Loading;

/// <summary>Kills a real load process half-way and checks that running it again leaves every record exactly once.</summary>
public class LoadCrashTests
{
    private const int Records = 30_000;

    [Fact]
    public async Task Load_killed_half_way_and_run_again_holds_every_record_of_the_file_exactly_once()
    {
        using var folder = new TempFolder();
        var corpus = folder.File("corpus.csv");
        BenchCorpus.FromSamples(TestFiles.Root, DefaultReaders.Catalog).Write(corpus, Records, seed: 7, []);
        var index = folder.File("index");

        using (var first = StartLoad(corpus, index, folder.Path))
        {
            try
            {
                var committed = await WaitForCommittedRecordsAsync(index, first, TimeSpan.FromSeconds(120));
                Assert.False(first.HasExited, $"the load finished before it could be killed (it had committed {committed} records); the corpus is too small for this machine");
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
                Assert.InRange(committed, 1, Records - 1);
            }
            finally
            {
                if (!first.HasExited) first.Kill(entireProcessTree: true);
            }
        }

        using (var second = StartLoad(corpus, index, folder.Path))
        {
            try
            {
                var output = await second.StandardOutput.ReadToEndAsync();
                await second.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
                Assert.True(second.ExitCode == 0, $"the second load failed ({second.ExitCode}): {output} {await second.StandardError.ReadToEndAsync()}");
            }
            finally
            {
                if (!second.HasExited) second.Kill(entireProcessTree: true);
            }
        }

        using var engine = SearchEngines.Open(index);
        var ids = new List<string>();
        await foreach (var record in engine.ExportAsync())
            ids.Add(record.Id);
        Assert.Equal(Records, ids.Count);
        Assert.Equal(Records, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Records, (await engine.GetStatsAsync()).Records);
    }

    private static Process StartLoad(string corpus, string index, string work)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Search.Indexer.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "load", corpus, "--index", index, "--quarantine", Path.Combine(work, "quarantine"), "--commit-every", "2000", "--json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PATENT_DATA_DIR"] = work;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the load process");
    }

    private static async Task<int> WaitForCommittedRecordsAsync(string index, Process load, TimeSpan timeout)
    {
        // The load writes segments in the engine's codec; this process may not have opened an engine yet.
        Search.Indexer.Engine.Lucene.PatentCodec.Register();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout && !load.HasExited)
        {
            if (System.IO.Directory.Exists(index))
            {
                try
                {
                    using var dir = FSDirectory.Open(index);
                    if (DirectoryReader.IndexExists(dir))
                    {
                        using var reader = DirectoryReader.Open(dir);
                        if (reader.NumDocs >= 4_000) return reader.NumDocs;
                    }
                }
                catch (IOException)
                {
                    // The load is writing its next commit point right now; look again.
                }
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"no commit of 4,000 records within {timeout.TotalSeconds} s (load exited: {load.HasExited})");
    }
}
