using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web.Jobs;

/// <summary>The job system (ADR-019), bound from the "Jobs" section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// Whether this process runs jobs. False makes it a node that only schedules (its requests wait in the database
    /// for a node that runs them): tests use it to stop a host between a request and its run.
    /// </summary>
    public bool Execute { get; set; } = true;

    /// <summary>How often a node of a PostgreSQL cluster records that it is alive; a node silent for longer is taken as failed and its jobs recovered.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>Runs listed on /admin/jobs.</summary>
    [Range(10, 1000)]
    public int RecentRuns { get; set; } = 100;
}
