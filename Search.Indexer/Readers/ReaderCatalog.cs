using System.Text;

namespace Search.Indexer.Readers;

/// <summary>Tells from a file's first bytes whether a reader can read it.</summary>
public delegate bool ContentProbe(ReadOnlySpan<byte> head);

public sealed record ReaderRegistration(string Format, string Description, ContentProbe LooksLike, Func<IPatentReader> Create);

/// <summary>The outcome of format detection: a reader, or why none fits.</summary>
public sealed record FormatDetection(ReaderRegistration? Reader, RejectionReason? Why)
{
    /// <summary>Why no reader fits, in English.</summary>
    public string? Problem => Why?.ToString();
}

/// <summary>
/// The readers the product knows, and format detection by content (never by extension): a
/// <c>.txt</c> holding USPTO XML is read as USPTO XML, a <c>.csv</c> holding binary is refused.
/// </summary>
public sealed class ReaderCatalog
{
    /// <summary>Bytes read from the start of a file to recognise it.</summary>
    public const int HeadSize = 64 * 1024;

    private readonly IReadOnlyList<ReaderRegistration> _readers;

    public ReaderCatalog(IEnumerable<ReaderRegistration> readers) => _readers = readers.ToList();

    public IReadOnlyList<ReaderRegistration> Readers => _readers;

    public ReaderRegistration? ForFormat(string format) =>
        _readers.FirstOrDefault(r => string.Equals(r.Format, format, StringComparison.OrdinalIgnoreCase));

    public FormatDetection Detect(string path)
    {
        var head = ReadHead(path);
        return Detect(head);
    }

    public FormatDetection Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
            return new(null, RejectionReasons.FileEmpty.With());
        foreach (var r in _readers)
            if (r.LooksLike(head)) return new(r, null);
        return new(null, Describe(head));
    }

    internal static byte[] ReadHead(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        var buffer = new byte[(int)Math.Min(HeadSize, fs.Length)];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = fs.Read(buffer, read, buffer.Length - read);
            if (n == 0) break;
            read += n;
        }
        return read == buffer.Length ? buffer : buffer[..read];
    }

    private RejectionReason Describe(ReadOnlySpan<byte> head)
    {
        var known = string.Join(", ", _readers.Select(r => r.Description));
        if (LooksBinary(head))
            return RejectionReasons.FileBinary.With(known);
        var text = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 4096)]).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (text.StartsWith('<'))
        {
            var root = XmlRoot(text);
            return root is null
                ? RejectionReasons.FileXmlRootUnreadable.With(known)
                : RejectionReasons.FileXmlRootUnknown.With(root, known);
        }
        var firstLine = text.Split('\n', 2)[0].Trim();
        if (firstLine.Length > 120) firstLine = firstLine[..120] + "…";
        return RejectionReasons.FileUnrecognised.With(firstLine, known);
    }

    private static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 8192)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0) return true;
            if (b < 9 || b is > 13 and < 32) control++;
        }
        return control > sample.Length / 20;
    }

    private static string? XmlRoot(string text)
    {
        var i = 0;
        while ((i = text.IndexOf('<', i)) >= 0 && i + 1 < text.Length)
        {
            var c = text[i + 1];
            if (c is '?' or '!') { i++; continue; }
            var end = text.IndexOfAny([' ', '>', '/', '\r', '\n', '\t'], i + 1);
            return end > i + 1 ? text[(i + 1)..end] : null;
        }
        return null;
    }
}
