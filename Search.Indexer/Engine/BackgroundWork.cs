using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Search.Indexer.Engine;

/// <summary>
/// Threads for work nobody is waiting on, such as parsing, analysing, labelling, committing and merging a load, that
/// run below the priority of the threads answering requests. The operating system hands a core to a search first and
/// gives the load what the searches leave, so a load beside the running site takes the idle time instead of queueing
/// searches behind it (ADR-029). On Linux each thread's nice value is raised to <see cref="NiceValue"/> (no privilege
/// needed to lower one's own priority); elsewhere the thread priority is <see cref="ThreadPriority.BelowNormal"/>. With
/// nothing else to run, work here goes as fast as on the thread pool.
/// </summary>
public static class BackgroundWork
{
    /// <summary>Linux nice value of background threads: a CFS weight of 110 against 1,024 for a request's thread.</summary>
    public const int NiceValue = 10;

    private static readonly Lazy<LowPriorityScheduler> Shared = new(() => new LowPriorityScheduler(Math.Max(4, Environment.ProcessorCount * 2)));

    /// <summary>
    /// The scheduler of background threads. Tasks started from one of them (a <see cref="Parallel"/> loop's replicas)
    /// stay on them; a task marked <see cref="TaskCreationOptions.LongRunning"/> gets a background thread of its own.
    /// </summary>
    public static TaskScheduler Scheduler => Shared.Value;

    /// <summary>Runs <paramref name="work"/> on a background thread.</summary>
    public static Task Run(Action work, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, Scheduler);

    /// <summary>Runs <paramref name="work"/> on a background thread.</summary>
    public static Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, Scheduler);

    /// <summary>Runs <paramref name="work"/>, which blocks for long stretches (a reader feeding a channel), on a background thread of its own.</summary>
    public static Task RunLong(Action work, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach | TaskCreationOptions.LongRunning, Scheduler);

    /// <summary>True on a thread of <see cref="Scheduler"/> (or one lowered by <see cref="LowerCurrentThread"/>).</summary>
    public static bool OnBackgroundThread => _lowered;

    [ThreadStatic]
    private static bool _lowered;

    /// <summary>
    /// Lowers the calling thread for the rest of its life: only for threads that do nothing but background work (a
    /// merge thread, the refresh thread), never a thread-pool thread, which a request would use next. Returns whether
    /// the operating system accepted it.
    /// </summary>
    public static bool LowerCurrentThread()
    {
        if (_lowered) return true;
        _lowered = true;
        try
        {
            if (OperatingSystem.IsLinux())
                return setpriority(PrioProcess, gettid(), NiceValue) == 0;
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException or ThreadStateException)
        {
            return false;
        }
    }

    private const int PrioProcess = 0;

    // On Linux, PRIO_PROCESS with a thread id sets that thread's nice value alone.
    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc")]
    private static extern int gettid();

    private sealed class LowPriorityScheduler : TaskScheduler
    {
        private readonly Channel<Task> _queue = Channel.CreateUnbounded<Task>();

        public LowPriorityScheduler(int threads)
        {
            for (var i = 0; i < threads; i++)
                new Thread(Work) { Name = "background-" + i, IsBackground = true }.Start();
        }

        public override int MaximumConcurrencyLevel => int.MaxValue;

        private void Work()
        {
            LowerCurrentThread();
            var queue = _queue.Reader;
            while (queue.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                while (queue.TryRead(out var task))
                    TryExecuteTask(task);
        }

        protected override void QueueTask(Task task)
        {
            if ((task.CreationOptions & TaskCreationOptions.LongRunning) != 0)
            {
                new Thread(() =>
                {
                    LowerCurrentThread();
                    TryExecuteTask(task);
                }) { Name = "background-long", IsBackground = true }.Start();
                return;
            }
            _queue.Writer.TryWrite(task);
        }

        // A background thread waiting on a task not yet started runs it itself: waits among these threads never deadlock.
        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => _lowered && TryExecuteTask(task);

        // Only debuggers ask; a channel cannot be listed without emptying it.
        protected override IEnumerable<Task> GetScheduledTasks() => [];
    }
}
