using System.ComponentModel.DataAnnotations;

namespace Search.Indexer.Engine.Lucene;

/// <summary>Settings of the embedded Lucene.NET index (section <c>Search:Lucene</c>).</summary>
public sealed class LuceneIndexOptions
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
    public int IndexingThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Longest time an upsert stays invisible to searches without a commit.</summary>
    public TimeSpan MaxRefreshDelay { get; set; } = TimeSpan.FromSeconds(1);
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
