using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web.Hosting;

/// <summary>
/// Work a feature wants done once a day (e.g. re-matching saved needs, royalty reminders); registered as scoped. All of them
/// run as the one recurring job <see cref="Jobs.DailyJobsJob"/> (ADR-019).
/// </summary>
public interface IDailyJob
{
    /// <summary>
    /// <see cref="DailyJobStage.Deliver"/> jobs run after every <see cref="DailyJobStage.Produce"/> job, so that what the
    /// other jobs notified reaches the same run's e-mail digest.
    /// </summary>
    DailyJobStage Stage => DailyJobStage.Produce;

    Task RunAsync(CancellationToken cancellationToken = default);
}

public enum DailyJobStage
{
    Produce = 0,
    Deliver = 1,
}

/// <summary>When the daily jobs run (UTC hour) and whether on a schedule at all (tests switch it off and run them directly or from /admin/jobs).</summary>
public sealed class DailyJobOptions
{
    public const string Section = "DailyJobs";

    public bool Enabled { get; set; } = true;

    [Range(0, 23)]
    public int HourUtc { get; set; } = 1;
}
