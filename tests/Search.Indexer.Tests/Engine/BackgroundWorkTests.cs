using System.Collections.Concurrent;
using System.Globalization;
using Search.Indexer.Engine;

namespace Search.Indexer.Tests.Engine;

/// <summary>
/// A load's parsing, analysis, labelling, commits and merges run on <see cref="BackgroundWork"/>'s threads, below the
/// threads that answer requests: the operating system gives a core to a search first (ADR-029).
/// </summary>
public sealed class BackgroundWorkTests
{
    [Fact]
    public async Task Background_work_runs_below_the_thread_pool_that_answers_requests_and_leaves_it_as_it_was()
    {
        var pool = await Task.Run(CurrentPriority);
        var background = await BackgroundWork.Run(CurrentPriority);
        var poolAfter = await Task.Run(CurrentPriority);

        Assert.True(background.Lower(pool), $"background thread {background}, thread pool {pool}");
        Assert.Equal(pool, poolAfter);
    }

    [Fact]
    public async Task Every_iteration_of_a_parallel_loop_started_in_the_background_runs_in_the_background()
    {
        var pool = await Task.Run(CurrentPriority);
        var seen = new ConcurrentBag<(bool Background, Priority Priority)>();
        await BackgroundWork.Run(() => Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 4, TaskScheduler = BackgroundWork.Scheduler },
            _ => seen.Add((BackgroundWork.OnBackgroundThread, CurrentPriority()))));

        Assert.Equal(2_000, seen.Count);
        Assert.All(seen, s =>
        {
            Assert.True(s.Background);
            Assert.True(s.Priority.Lower(pool), $"iteration at {s.Priority}, thread pool {pool}");
        });
    }

    [Fact]
    public async Task A_long_running_reader_gets_a_lowered_thread_of_its_own()
    {
        var pool = await Task.Run(CurrentPriority);
        string? name = null;
        Priority? priority = null;
        await BackgroundWork.RunLong(() =>
        {
            name = Thread.CurrentThread.Name;
            priority = CurrentPriority();
        });

        Assert.Equal("background-long", name);
        Assert.True(priority!.Value.Lower(pool), $"reader thread at {priority}, thread pool {pool}");
    }

    [Fact]
    public async Task Background_work_that_waits_on_background_work_finishes_even_when_every_thread_is_waiting()
    {
        // Far more waiters than background threads: without running a waited-on task inline, every thread would block
        // on a task queued behind the other waiters, and nothing would finish.
        var waiters = Enumerable.Range(0, Environment.ProcessorCount * 16 + 8)
            .Select(i => BackgroundWork.Run(() => BackgroundWork.Run(() => i * 2).Result))
            .ToList();

        var results = await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(0, waiters.Count).Select(i => i * 2), results);
    }

    [Fact]
    public async Task A_failure_in_the_background_reaches_the_caller_that_awaits_it()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => BackgroundWork.Run(() => throw new InvalidOperationException("parser stopped at line 7")));

        Assert.Equal("parser stopped at line 7", e.Message);
    }

    [Fact]
    public async Task Background_work_cancelled_before_it_starts_never_runs()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ran = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BackgroundWork.Run(() => ran = true, cancelled.Token));

        Assert.False(ran);
    }

    /// <summary>The calling thread's scheduling priority: its nice value on Linux (higher is lower), else its .NET priority.</summary>
    private readonly record struct Priority(int Nice, ThreadPriority Managed)
    {
        public bool Lower(Priority than) => OperatingSystem.IsLinux() ? Nice > than.Nice : Managed < than.Managed;
    }

    private static Priority CurrentPriority()
    {
        var nice = 0;
        if (OperatingSystem.IsLinux())
        {
            // /proc/thread-self/stat: "pid (comm) state …"; the nice value is field 19, the 17th after the command's ')'.
            var stat = File.ReadAllText("/proc/thread-self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            nice = int.Parse(fields[16], CultureInfo.InvariantCulture);
        }
        return new Priority(nice, Thread.CurrentThread.Priority);
    }
}
