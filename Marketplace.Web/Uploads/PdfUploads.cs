namespace Marketplace.Web.Uploads;

/// <summary>Why an uploaded file is not accepted as a PDF.</summary>
public enum PdfRefusal
{
    None,
    Empty,
    TooLarge,
    NotPdf,
}

/// <summary>
/// Uploaded PDFs (evaluation reports, signed contracts, contest documents): checked by content (a PDF starts with
/// <c>%PDF-</c>, whatever its name or declared type) and size, kept under a random name in a folder outside the web
/// root, and read back only by a name this store made. Each feature says in its own words why it refused a file.
/// </summary>
public static class PdfUploads
{
    private static readonly byte[] Magic = "%PDF-"u8.ToArray();

    public static PdfRefusal Check(ReadOnlySpan<byte> content, long maxBytes) =>
        content.Length == 0 ? PdfRefusal.Empty
        : content.Length > maxBytes ? PdfRefusal.TooLarge
        : !content.StartsWith(Magic) ? PdfRefusal.NotPdf
        : PdfRefusal.None;

    /// <summary>
    /// Reads an upload whose declared length is <paramref name="declaredLength"/>; stops one byte past
    /// <paramref name="maxBytes"/>, so an oversized body (whatever it declared) is refused without being held whole.
    /// </summary>
    public static async Task<(byte[] Content, PdfRefusal Refusal)> ReadAsync(Stream content, long declaredLength, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (declaredLength <= 0) return ([], PdfRefusal.Empty);
        if (declaredLength > maxBytes) return ([], PdfRefusal.TooLarge);
        var buffer = new byte[checked((int)Math.Min(maxBytes + 1, int.MaxValue))];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await content.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            read += n;
        var bytes = buffer.AsSpan(0, read).ToArray();
        return (bytes, Check(bytes, maxBytes));
    }

    /// <summary>A new random name for a stored PDF.</summary>
    public static string NewName() => Guid.NewGuid().ToString("N") + ".pdf";

    /// <summary>Stores checked content as <paramref name="storedName"/> (from <see cref="NewName"/>) in <paramref name="folder"/>.</summary>
    public static async Task SaveAsync(string folder, string storedName, byte[] content, CancellationToken cancellationToken = default)
    {
        if (!IsStoredName(storedName)) throw new ArgumentException($"'{storedName}' is not a name this store makes.", nameof(storedName));
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, storedName), content, cancellationToken);
    }

    /// <summary>Stores checked content under a new random name in <paramref name="folder"/>; returns the name.</summary>
    public static async Task<string> SaveAsync(string folder, byte[] content, CancellationToken cancellationToken = default)
    {
        var name = NewName();
        await SaveAsync(folder, name, content, cancellationToken);
        return name;
    }

    /// <summary>Whether <paramref name="storedName"/> is a name <see cref="SaveAsync"/> makes (so no path can be smuggled in).</summary>
    public static bool IsStoredName(string? storedName) =>
        storedName is { Length: 36 } && storedName.EndsWith(".pdf", StringComparison.Ordinal) && Guid.TryParseExact(storedName[..32], "N", out _);

    /// <summary>The stored file, if the name is one this store made and the file is there.</summary>
    public static Stream? Open(string folder, string? storedName)
    {
        if (!IsStoredName(storedName)) return null;
        var path = Path.Combine(folder, storedName!);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }
}
