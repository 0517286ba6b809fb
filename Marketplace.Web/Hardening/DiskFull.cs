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
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException io && (Codes.Contains(io.HResult) || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        return false;
    }

    /// <summary>The message a failed job keeps: prefixed with "disk full" when that is the cause.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!IsCause(exception)) return exception.Message;
        var io = FirstIo(exception)!;
        return $"disk full: {io.Message}. Free space on that disk (or give the index a larger one), then load the file again: records committed so far are kept.";
    }

    private static IOException? FirstIo(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is IOException io) return io;
        return null;
    }
}
