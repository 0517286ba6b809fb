using System.Text;
using System.Text.RegularExpressions;
using Search.Indexer.Records;

namespace Search.Indexer.Readers.Docdb;

/// <summary>
/// Reads EPO OPS v3.2 responses (<c>ops:world-patent-data</c>) and DOCDB exchange files
/// (<c>exchange-documents</c> holding any number of <c>exchange-document</c>s), streaming one
/// document at a time and never resolving a DTD.
/// </summary>
/// <remarks>
/// What each response gives (see docs/decisions/ADR-docdb-ops-responses.md):
/// <list type="bullet">
/// <item>biblio (published-data, search results with the biblio constituent, DOCDB bulk): one full record per <c>exchange-document</c>;</item>
/// <item>family (<c>ops:patent-family</c>): one record per <c>ops:family-member</c> — the member's own biblio when
/// present, else a partial record of number, application, priorities and family id — with
/// <see cref="PatentRecord.FamilyMembers"/> and <see cref="PatentCounts.FamilySize"/> from the member list;</item>
/// <item>legal: a partial record per publication holding its <see cref="PatentRecord.LegalEvents"/>;</item>
/// <item>claims: a partial record holding <see cref="PatentRecord.FirstClaims"/>;</item>
/// <item>description, images, number-service, register and number-only search pages: no record, and one
/// rejection saying the file is not a bibliographic document.</item>
/// </list>
/// Partial records share the publication's id, so <c>RecordMerger</c> folds them into its biblio record.
/// <see cref="Provenance.DocumentIndex"/> counts the document elements of the file (exchange-document,
/// family-member, fulltext-document) from 1; <see cref="Provenance.Line"/> is the line each starts on.
/// </remarks>
public sealed partial class DocdbXmlReader : IPatentReader
{
    /// <summary>Raw text kept with a rejection, in characters (about 1 MB).</summary>
    internal const int RawLimit = 1 << 20;
    private const int HeadLength = 4096;

    public string Format => DocdbMapper.Format;

    [GeneratedRegex("""^<\?xml[^>]*?encoding\s*=\s*["'](?<enc>[A-Za-z0-9._-]+)["']""")]
    private static partial Regex EncodingDeclaration();

    public IEnumerable<ReadResult> Read(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        var head = new byte[HeadLength];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (FileProblem(head.AsSpan(0, length), out var encoding) is { } problem)
        {
            yield return ReadResult.Bad(new RecordRejection { SourceFile = sourceName, Format = Format, Because = problem });
            yield break;
        }

        var content = new PrefixedStream(head.AsMemory(0, length), stream);
        using var text = new RecordingTextReader(new StreamReader(content, encoding!, detectEncodingFromByteOrderMarks: true), RawLimit);
        using var walker = new DocdbWalker(text, sourceName, RawLimit);
        var batch = new List<ReadResult>();
        bool more;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            more = walker.Next(batch);
            foreach (var result in batch) yield return result;
        }
        while (more);
    }

    /// <summary>
    /// True when the first bytes are XML whose root element is <c>ops:world-patent-data</c>,
    /// <c>exchange-documents</c> or <c>exchange-document</c> (any prefix), after an optional BOM,
    /// declaration, processing instructions, comments and DOCTYPE.
    /// </summary>
    public static bool LooksLike(ReadOnlySpan<byte> head)
    {
        var text = Decode(head);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length || text[i] != '<') return false;
            if (text.AsSpan(i).StartsWith("<?")) i = Skip(text, i, "?>");
            else if (text.AsSpan(i).StartsWith("<!--")) i = Skip(text, i, "-->");
            else if (text.AsSpan(i).StartsWith("<!"))
            {
                var bracket = text.IndexOf('[', i);
                var close = text.IndexOf('>', i);
                i = bracket >= 0 && (close < 0 || bracket < close) ? Skip(text, i, "]>") : Skip(text, i, ">");
            }
            else
            {
                var end = i + 1;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('>' or '/')) end++;
                if (end >= text.Length) return false;
                var name = text[(i + 1)..end];
                var local = name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..];
                return local is "world-patent-data" or "exchange-documents" or "exchange-document";
            }
            if (i < 0) return false;
        }
        return false;
    }

    private static int Skip(string text, int from, string terminator)
    {
        var at = text.IndexOf(terminator, from, StringComparison.Ordinal);
        return at < 0 ? -1 : at + terminator.Length;
    }

    private static string Decode(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(head[2..]);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(head[2..]);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        return Encoding.UTF8.GetString(head);
    }

    /// <summary>Why the file as a whole cannot be read (empty, binary, unknown encoding), or null.</summary>
    private static RejectionReason? FileProblem(ReadOnlySpan<byte> head, out Encoding? encoding)
    {
        encoding = null;
        if (head.IsEmpty) return RejectionReasons.DocdbEmpty.With();
        var utf16 = head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        if (!utf16 && head.Contains((byte)0))
            return RejectionReasons.DocdbBinary.With();
        var text = Decode(head).TrimStart();
        if (text.Length == 0) return RejectionReasons.DocdbOnlyWhitespace.With();
        if (text[0] != '<')
            return RejectionReasons.DocdbNotXml.With(Printable(text));

        encoding = new UTF8Encoding(false);
        var declared = EncodingDeclaration().Match(text);
        if (!utf16 && declared.Success && !declared.Groups["enc"].Value.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                encoding = Encoding.GetEncoding(declared.Groups["enc"].Value);
            }
            catch (ArgumentException)
            {
                return RejectionReasons.DocdbUnsupportedEncoding.With(declared.Groups["enc"].Value);
            }
        }
        return null;
    }

    private static string Printable(string text)
    {
        var s = new string(text.Take(20).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 20 ? s + "…" : s;
    }
}
