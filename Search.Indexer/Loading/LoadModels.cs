using Search.Indexer.Records;

namespace Search.Indexer.Loading;

public sealed record LoadOptions
{
    /// <summary>Folder for quarantine files.</summary>
    public required string QuarantineFolder { get; init; }

    /// <summary>Manifest of completely loaded files; null to load every file every time.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>Load files even if the manifest says they were loaded.</summary>
    public bool Force { get; init; }

    /// <summary>Records handed to the engine at once.</summary>
    public int BatchSize { get; init; } = 2_000;

    /// <summary>Records between commits; a crash loses at most this many, which the next run reloads.</summary>
    public int CommitEvery { get; init; } = 20_000;

    /// <summary>
    /// Called after each commit with the ids of the records that commit settled (written, merged or found
    /// unchanged), before the next commit begins: e.g. to label them while the load goes on. A crash after a
    /// commit and before its callback is repaired by loading again, which hands the same ids once more.
    /// </summary>
    public Func<IReadOnlyCollection<string>, CancellationToken, Task>? Committed { get; init; }

    /// <summary>
    /// Called with the records a batch adds (none is stored under its id) just before they are written, e.g. to set their
    /// labels in place so that each is written once, labelled, instead of written and then written again with labels.
    /// Records merged into stored ones are not passed: their stored labels are kept (IPatentIndex.UpsertDataAsync), and
    /// <see cref="Committed"/> hands their ids on as before.
    /// </summary>
    public Func<IReadOnlyList<PatentRecord>, CancellationToken, Task>? Arriving { get; init; }

    /// <summary>
    /// Asks the load to stop at its next commit: reading ends, the records read so far are written and
    /// committed, and the summary says <see cref="LoadSummary.Stopped"/>. Unlike cancelling, nothing read is dropped.
    /// </summary>
    public CancellationToken Stop { get; init; }
}

/// <summary>What happened to one record.</summary>
public enum RecordOutcome
{
    /// <summary>New to the index.</summary>
    Added,
    /// <summary>Already in the index from another source (or an older read); merged, keeping both provenances.</summary>
    Merged,
    /// <summary>Already in the index exactly so.</summary>
    Unchanged,
    /// <summary>Rejected by its reader; written to the quarantine file.</summary>
    Quarantined,
}

public sealed record FileLoadSummary
{
    public required string Path { get; init; }
    public string? Format { get; init; }
    public long Bytes { get; init; }
    public long Added { get; set; }
    public long Merged { get; set; }
    public long Unchanged { get; set; }
    public long Quarantined { get; set; }
    /// <summary>Already loaded (same content) according to the manifest.</summary>
    public bool Skipped { get; init; }
    /// <summary>Why the file as a whole could not be read, if so.</summary>
    public string? Problem { get; set; }

    public long Loaded => Added + Merged + Unchanged;
}

public sealed record LoadSummary
{
    public required IReadOnlyList<FileLoadSummary> Files { get; init; }
    public long Added => Files.Sum(f => f.Added);
    public long Merged => Files.Sum(f => f.Merged);
    public long Unchanged => Files.Sum(f => f.Unchanged);
    public long Quarantined => Files.Sum(f => f.Quarantined);
    public long Loaded => Files.Sum(f => f.Loaded);
    public int SkippedFiles => Files.Count(f => f.Skipped);
    public int FailedFiles => Files.Count(f => f.Problem is not null);
    /// <summary>The quarantine file, when anything was quarantined.</summary>
    public string? QuarantinePath { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>Stopped at a commit on request (<see cref="LoadOptions.Stop"/>) before every file was read.</summary>
    public bool Stopped { get; init; }
    public long Bytes => Files.Where(f => !f.Skipped).Sum(f => f.Bytes);
    public double RecordsPerSecond => Elapsed.TotalSeconds > 0 ? (Loaded + Quarantined) / Elapsed.TotalSeconds : 0;
}

/// <summary>Progress reported during a load (after each batch and at each file).</summary>
public sealed record LoadProgress(string CurrentFile, int FileIndex, int FileCount, long BytesDone, long BytesTotal,
    long Added, long Merged, long Unchanged, long Quarantined, TimeSpan Elapsed)
{
    public long Records => Added + Merged + Unchanged + Quarantined;
    public double RecordsPerSecond => Elapsed.TotalSeconds > 0 ? Records / Elapsed.TotalSeconds : 0;
}
