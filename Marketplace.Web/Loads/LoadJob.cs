using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Search.Indexer.Loading;

namespace Marketplace.Web.Loads;

/// <summary>Where a load stands. Queued → Running → Done, Failed or Cancelled; a Running load whose worker vanished is run again.</summary>
public enum LoadJobState { Queued, Running, Done, Failed, Cancelled }

/// <summary>
/// One uploaded file (or .zip of files) and its load into the index: who sent it and when, what it was (name,
/// SHA-256, size, format), and how the load went (state, counts by outcome, speed, the last committed checkpoint).
/// The row is the job: the worker claims it with a conditional update, so each load runs once.
/// </summary>
public sealed class LoadJob
{
    /// <summary>Format of an upload that is a .zip of files, each detected on its own when loaded.</summary>
    public const string ZipFormat = "zip";

    private LoadJob()
    {
    }

    public LoadJob(Guid id, Guid requestedBy, string requestedByName, string fileName, string sha256, long bytes, string format, DateTime createdAt)
    {
        Id = id;
        RequestedBy = requestedBy;
        RequestedByName = requestedByName;
        FileName = fileName;
        Sha256 = sha256;
        Bytes = bytes;
        Format = format;
        CreatedAt = createdAt;
        State = LoadJobState.Queued;
    }

    public Guid Id { get; private set; }
    public Guid RequestedBy { get; private set; }
    public string RequestedByName { get; private set; } = "";
    /// <summary>The name the file had on the operator's machine (also its name on disk, inside the job's folder).</summary>
    public string FileName { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public long Bytes { get; private set; }
    public string Format { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public LoadJobState State { get; private set; }
    public long Added { get; private set; }
    public long Merged { get; private set; }
    public long Unchanged { get; private set; }
    public long Quarantined { get; private set; }
    /// <summary>Bytes of the input read so far, of <see cref="BytesTotal"/> (a .zip's expanded size).</summary>
    public long BytesDone { get; private set; }
    public long BytesTotal { get; private set; }
    public double RecordsPerSecond { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    /// <summary>Written by the running worker every second or so; a Running job without one for a while is taken over.</summary>
    public DateTime? HeartbeatAt { get; private set; }
    /// <summary>Records made durable (and labelled) by the last commit of this run.</summary>
    public long CheckpointRecords { get; private set; }
    public DateTime? CheckpointAt { get; private set; }
    /// <summary>How many times a worker started it: more than one after a crash or restart.</summary>
    public int Attempts { get; private set; }
    public bool CancelRequested { get; private set; }
    /// <summary>Set when the records were loaded but could not be labelled on the way in.</summary>
    public bool LabelsSkipped { get; private set; }
    /// <summary>Why the load failed, for operators (the log has the details).</summary>
    public string? Error { get; private set; }

    public long Records => Added + Merged + Unchanged + Quarantined;

    public bool IsFinished => State is LoadJobState.Done or LoadJobState.Failed or LoadJobState.Cancelled;

    public TimeSpan? Duration => StartedAt is { } s ? (FinishedAt ?? HeartbeatAt ?? s) - s : null;

    /// <summary>Time left at the current speed, from the bytes still to read; null when unknown.</summary>
    public TimeSpan? TimeLeft
    {
        get
        {
            if (State != LoadJobState.Running || Duration is not { TotalSeconds: > 0 } elapsed || BytesDone <= 0 || BytesTotal <= BytesDone) return null;
            return TimeSpan.FromSeconds(elapsed.TotalSeconds * (BytesTotal - BytesDone) / BytesDone);
        }
    }

    /// <summary>A fresh run (the first, or again after a crash): counts start from zero, since the load reads the file again from its start.</summary>
    public void BeginRun(DateTime now)
    {
        Added = Merged = Unchanged = Quarantined = BytesDone = CheckpointRecords = 0;
        RecordsPerSecond = 0;
        CheckpointAt = null;
        Error = null;
        LabelsSkipped = false;
        StartedAt = now;
        HeartbeatAt = now;
    }

    public void Report(LoadProgress p, DateTime now)
    {
        Added = p.Added;
        Merged = p.Merged;
        Unchanged = p.Unchanged;
        Quarantined = p.Quarantined;
        BytesDone = p.BytesDone;
        BytesTotal = p.BytesTotal;
        RecordsPerSecond = Math.Round(p.RecordsPerSecond, 1);
        HeartbeatAt = now;
    }

    public void Beat(DateTime now) => HeartbeatAt = now;

    public void Checkpoint(long records, DateTime now)
    {
        CheckpointRecords = records;
        CheckpointAt = now;
    }

    public void SkipLabels() => LabelsSkipped = true;

    /// <summary>The load ended: Done, or Cancelled when it stopped at a commit on request.</summary>
    public void Finish(LoadSummary summary, DateTime now)
    {
        Added = summary.Added;
        Merged = summary.Merged;
        Unchanged = summary.Unchanged;
        Quarantined = summary.Quarantined;
        if (summary.Elapsed.TotalSeconds > 0) RecordsPerSecond = Math.Round(summary.RecordsPerSecond, 1);
        if (!summary.Stopped) BytesDone = BytesTotal;
        State = summary.Stopped ? LoadJobState.Cancelled : LoadJobState.Done;
        FinishedAt = now;
        HeartbeatAt = now;
    }

    public void Fail(string error, DateTime now)
    {
        State = LoadJobState.Failed;
        Error = error.Length > 2000 ? error[..2000] : error;
        FinishedAt = now;
        HeartbeatAt = now;
    }
}

internal sealed class LoadJobConfiguration : IEntityTypeConfiguration<LoadJob>
{
    public void Configure(EntityTypeBuilder<LoadJob> b)
    {
        b.ToTable("LoadJobs");
        b.Property(j => j.Id).ValueGeneratedNever();
        b.Property(j => j.RequestedByName).HasMaxLength(256).IsRequired();
        b.Property(j => j.FileName).HasMaxLength(260).IsRequired();
        b.Property(j => j.Sha256).HasMaxLength(64).IsRequired();
        b.Property(j => j.Format).HasMaxLength(64).IsRequired();
        b.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        b.Property(j => j.Error).HasMaxLength(2000);
        b.Ignore(j => j.Records);
        b.Ignore(j => j.IsFinished);
        b.Ignore(j => j.Duration);
        b.Ignore(j => j.TimeLeft);
        b.HasIndex(j => new { j.State, j.CreatedAt });
        b.HasIndex(j => j.CreatedAt);
    }
}
