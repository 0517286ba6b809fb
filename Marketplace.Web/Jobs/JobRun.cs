using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Jobs;

/// <summary>How one execution of a job ended, or that it is still under way.</summary>
public enum JobRunState { Running, Succeeded, Failed, Cancelled, Interrupted }

/// <summary>
/// One execution of a job on one node (ADR-019): which job and trigger, when it started and finished, how it ended,
/// the last progress it reported and its error. Written by <see cref="JobRunRecorder"/>; read by /admin/jobs.
/// </summary>
public sealed class JobRun
{
    private JobRun()
    {
    }

    public JobRun(string fireInstanceId, string job, string group, string trigger, string node, DateTime? scheduledAt, DateTime startedAt)
    {
        Id = Guid.NewGuid();
        FireInstanceId = fireInstanceId;
        Job = job;
        Group = group;
        Trigger = trigger;
        Node = node;
        ScheduledAt = scheduledAt;
        StartedAt = startedAt;
        State = JobRunState.Running;
    }

    public Guid Id { get; private set; }
    /// <summary>Quartz's id of the firing, unique across the cluster.</summary>
    public string FireInstanceId { get; private set; } = "";
    public string Job { get; private set; } = "";
    public string Group { get; private set; } = "";
    public string Trigger { get; private set; } = "";
    /// <summary>The scheduler instance (site process) that ran it.</summary>
    public string Node { get; private set; } = "";
    /// <summary>When the trigger was due; two runs with the same due time of one job would be a double firing.</summary>
    public DateTime? ScheduledAt { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public JobRunState State { get; private set; }
    public string? Progress { get; private set; }
    public string? Error { get; private set; }

    public TimeSpan? Duration => FinishedAt is { } f ? f - StartedAt : null;

    public const int ProgressLength = 500;
    public const int ErrorLength = 2000;

    public void Finish(JobRunState state, string? error, DateTime now)
    {
        State = state;
        Error = error is null ? null : error.Length > ErrorLength ? error[..ErrorLength] : error;
        FinishedAt = now;
    }

    /// <summary>Its node stopped without recording the end (a crash or kill): the job's recovery runs it again.</summary>
    public void MarkInterrupted(DateTime now) => Finish(JobRunState.Interrupted, null, now);
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("JobRuns");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.FireInstanceId).HasMaxLength(140).IsRequired();
        b.Property(r => r.Job).HasMaxLength(150).IsRequired();
        b.Property(r => r.Group).HasMaxLength(150).IsRequired();
        b.Property(r => r.Trigger).HasMaxLength(150).IsRequired();
        b.Property(r => r.Node).HasMaxLength(200).IsRequired();
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Progress).HasMaxLength(JobRun.ProgressLength);
        b.Property(r => r.Error).HasMaxLength(JobRun.ErrorLength);
        b.Ignore(r => r.Duration);
        b.HasIndex(r => r.FireInstanceId);
        b.HasIndex(r => new { r.Group, r.Job, r.StartedAt });
        b.HasIndex(r => r.StartedAt);
    }
}
