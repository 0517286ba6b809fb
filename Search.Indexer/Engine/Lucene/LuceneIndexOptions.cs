using System.ComponentModel.DataAnnotations;

namespace Search.Indexer.Engine.Lucene;

/// <summary>Settings of the embedded Lucene.NET index (section <c>Search:Lucene</c>).</summary>
public sealed record LuceneIndexOptions
{
    public const string Section = "Search:Lucene";

    /// <summary>Folder holding the index; created when missing.</summary>
    [Required]
    public string IndexPath { get; set; } = "";

    /// <summary>Indexing buffer before a segment is flushed; large buffers make bulk loads faster.</summary>
    [Range(16, 2048)]
    public double RamBufferSizeMB { get; set; } = 256;

    /// <summary>Threads that analyse documents during an upsert batch.</summary>
    [Range(1, 64)]
    public int IndexingThreads { get; set; } = Math.Min(Environment.ProcessorCount, 64);

    /// <summary>
    /// Time between refreshes of the searchers beside the writer: how long an upsert stays invisible without a commit.
    /// Longer when a refresh costs more than a fifth of it (a large index during a load): the next waits four times what the last cost.
    /// </summary>
    public TimeSpan MaxRefreshDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Search an index's segments in parallel (one query uses every core); on by default with more than one core.</summary>
    public bool ParallelSearch { get; set; } = Environment.ProcessorCount > 1;

    /// <summary>
    /// Recent results kept for repeated searches (paging back, the same facet click, a popular query), counted
    /// in hits: each holds a whole record (a few KB), so 10,000 is some tens of MB. 0 turns the cache off.
    /// Entries are keyed by the index version, so a refresh never serves stale results.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ResultCacheHits { get; set; } = 10_000;

    /// <summary>
    /// Open without a writer and without taking <c>write.lock</c>: searches and reads of the last commit only, beside
    /// the process that owns the writer (the running site). Refused when the folder holds no index yet.
    /// </summary>
    public bool ReadOnly { get; set; }
}

/// <summary>A read-only open found no committed index in the folder.</summary>
public sealed class PatentIndexNotFoundException : IOException
{
    public PatentIndexNotFoundException()
    {
    }

    public PatentIndexNotFoundException(string message) : base(message)
    {
    }

    public PatentIndexNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>The index folder is held by another live writer (another process, or another instance in this one).</summary>
public sealed class PatentIndexLockedException : IOException
{
    public PatentIndexLockedException()
    {
    }

    public PatentIndexLockedException(string message) : base(message)
    {
    }

    public PatentIndexLockedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
