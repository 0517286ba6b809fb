using Marketplace.Web.Hardening;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Hardening;

public sealed class DiskFullMessageTests
{
    private const string NoSpace = "No space left on device : '/data/index/_6.fnm'";

    [Fact]
    public void A_load_whose_writes_were_dropped_by_a_full_disk_is_described_by_the_operating_systems_error_once()
    {
        var dropped = new IndexWritesDroppedException(new IOException(NoSpace));

        var message = DiskFull.Describe(new AggregateException(dropped));

        Assert.Equal($"disk full: {NoSpace}. Free space on that disk (or give the index a larger one), then load the file again: records committed so far are kept.", message);
    }

    [Fact]
    public void A_full_disk_met_by_one_indexing_thread_is_named_even_when_another_thread_failed_first_on_the_closed_writer()
    {
        // What the disk-full fault test saw: the indexing threads' failures together, the first being the writer the roll-back closed.
        var failures = new AggregateException(new ObjectDisposedException("Lucene.Net.Index.IndexWriter", "this IndexWriter is disposed."), new IOException(NoSpace));

        Assert.True(DiskFull.IsCause(failures));
        Assert.StartsWith($"disk full: {NoSpace}.", DiskFull.Describe(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Dropped_writes_for_another_cause_keep_their_own_message()
    {
        var dropped = new IndexWritesDroppedException(new IOException("Input/output error"));

        Assert.False(DiskFull.IsCause(dropped));
        Assert.Equal(dropped.Message, DiskFull.Describe(dropped));
        Assert.Contains("Input/output error", dropped.Message, StringComparison.Ordinal);
    }
}
