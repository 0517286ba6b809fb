using Search.Indexer.Loading;
using Search.Indexer.Readers.JsonLines;
using Search.Indexer.Tests.Engine;

namespace Search.Indexer.Tests.Loading;

/// <summary>What a browser load builds on: each commit hands over the ids it settled, and a stop ends the load at a commit.</summary>
public class CommitHooksTests
{
    private static string WriteRecords(LoaderFixture f, int count)
    {
        var path = f.File($"records-{count}.jsonl");
        using var writer = new JsonLinesWriter(File.Create(path));
        writer.WriteAll(SampleRecords.Generated(count));
        return path;
    }

    [Fact]
    public async Task Each_commit_hands_over_the_ids_it_made_durable_and_they_are_readable_then()
    {
        using var f = new LoaderFixture();
        var path = WriteRecords(f, 30);
        var commits = new List<IReadOnlyCollection<string>>();
        var unreadable = 0;
        var options = f.Options(commitEvery: 10) with
        {
            BatchSize = 5,
            Committed = async (ids, ct) =>
            {
                commits.Add(ids.ToList());
                unreadable += ids.Count - (await f.Index.GetManyAsync(ids, ct)).Count;
            },
        };

        var summary = await f.Loader.LoadAsync([path], options);

        Assert.Equal(30, summary.Added);
        Assert.True(commits.Count >= 3, $"expected a callback per commit, got {commits.Count}");
        var all = commits.SelectMany(c => c).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(0, unreadable);
    }

    [Fact]
    public async Task A_file_loaded_again_hands_over_its_unchanged_records_too_so_they_can_be_labelled_after_a_crash()
    {
        using var f = new LoaderFixture();
        var path = WriteRecords(f, 12);
        await f.Loader.LoadAsync([path], f.Options());
        var handed = new List<string>();

        var again = await f.Loader.LoadAsync([path], f.Options(force: true) with { Committed = (ids, _) => { handed.AddRange(ids); return Task.CompletedTask; } });

        Assert.Equal(12, again.Unchanged);
        Assert.Equal(12, handed.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Records_new_to_the_index_are_handed_over_before_they_are_written_and_written_as_the_hook_left_them_but_merged_ones_are_not()
    {
        using var f = new LoaderFixture();
        var first = WriteRecords(f, 12);
        await f.Loader.LoadAsync([first], f.Options());
        var more = WriteRecords(f, 20);
        var arrived = new List<string>();
        var visibleOnArrival = 0;
        var options = f.Options() with
        {
            BatchSize = 5,
            Arriving = async (records, ct) =>
            {
                arrived.AddRange(records.Select(r => r.Id));
                visibleOnArrival += (await f.Index.GetManyAsync(records.Select(r => r.Id).ToList(), ct)).Count;
                foreach (var r in records) r.Labels["arrival"] = ["labelled before the write"];
            },
        };

        var summary = await f.Loader.LoadAsync([more], options);

        // The first 12 of the 20 are stored already (merged or unchanged): only the 8 new ones arrive, none yet written.
        Assert.Equal(8, summary.Added);
        Assert.Equal(8, arrived.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(0, visibleOnArrival);
        var stored = await f.Index.GetManyAsync(SampleRecords.Generated(20).Select(r => r.Id).ToList());
        Assert.Equal(arrived.Order(StringComparer.Ordinal), stored.Values.Where(r => r.Labels.ContainsKey("arrival")).Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_stop_ends_the_load_at_a_commit_with_everything_read_committed_and_the_file_not_marked_loaded()
    {
        using var f = new LoaderFixture();
        var path = WriteRecords(f, 200);
        using var stop = new CancellationTokenSource();
        var options = f.Options(commitEvery: 10) with
        {
            BatchSize = 5,
            Stop = stop.Token,
            Committed = (_, _) =>
            {
                stop.Cancel();
                return Task.CompletedTask;
            },
        };

        var summary = await f.Loader.LoadAsync([path], options);

        Assert.True(summary.Stopped);
        Assert.InRange(summary.Added, 10, 199);
        f.Reopen();
        Assert.Equal(summary.Added, await f.CountAsync());

        var rest = await f.Loader.LoadAsync([path], f.Options());
        Assert.Equal(0, rest.SkippedFiles);
        Assert.Equal(200 - summary.Added, rest.Added);
        Assert.Equal(200, await f.CountAsync());
    }
}
