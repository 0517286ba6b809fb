namespace Marketplace.Web.Hardening;

/// <summary>
/// A full disk, said plainly: the operator reading a failed job sees "disk full" and the path, not only the
/// operating system's wording or a wrapped Lucene exception.
/// </summary>
public static class DiskFull
{
    // ENOSPC on Linux; ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows (as HResults).
    private static readonly int[] Codes = [28, unchecked((int)0x80070070), unchecked((int)0x80070027)];

    public static bool IsCause(Exception? exception)
    {
        return FullDisk(exception) is not null;
    }

    /// <summary>The message a failed job keeps: prefixed with "disk full" when that is the cause.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (FullDisk(exception) is not { } io) return exception.Message;
        return $"disk full: {io.Message}. Free space on that disk (or give the index a larger one), then load the file again: records committed so far are kept.";
    }

    // The operating system's own error, the innermost that says so: a load's dropped writes wrap the write that failed,
    // and the indexing threads' failures come together in an AggregateException whose first inner exception may be
    // another thread's "writer is disposed" (the roll-back after the full disk closed it under that thread).
    private static IOException? FullDisk(Exception? exception)
    {
        if (exception is null) return null;
        var inner = exception is AggregateException aggregate
            ? aggregate.InnerExceptions.Select(FullDisk).FirstOrDefault(e => e is not null)
            : FullDisk(exception.InnerException);
        if (inner is not null) return inner;
        return exception is IOException io && (Codes.Contains(io.HResult) || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase))
            ? io
            : null;
    }
}
