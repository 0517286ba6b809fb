using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Search.Indexer.Records;

namespace Search.Indexer.Readers.Uspto;

/// <summary>
/// Reads USPTO weekly full-text bulk files (<c>ipgYYMMDD.xml</c>, <c>ipaYYMMDD.xml</c>, and the
/// pre-2005 <c>paYYMMDD.xml</c>): many <c>&lt;?xml …?&gt;&lt;!DOCTYPE …&gt;</c> documents
/// concatenated in one file. Documents are cut from the stream one at a time and parsed on their
/// own without fetching their DTDs, so memory follows the largest document, not the file.
/// Grants and applications of DTD v4.0–v4.7 and <c>patent-application-publication</c> (pap-v16)
/// become records; sequence listings (<c>sequence-cwu</c>) that ship beside grants are skipped;
/// anything else becomes a <see cref="RecordRejection"/> and reading goes on.
/// </summary>
public sealed partial class UsptoXmlReader : IPatentReader
{
    public const string FormatName = "uspto-xml";

    /// <summary>The most of a document kept as a rejection's <see cref="RecordRejection.Raw"/>, in characters.</summary>
    public const int RawLimit = 1_000_000;

    /// <summary>Default largest document accepted; the biggest real grants (long sequence tables) stay well under it.</summary>
    public const long DefaultMaxDocumentBytes = 256L * 1024 * 1024;

    private const int HeadBytes = 64 * 1024;

    // Subtrees no field comes from: skipped by the parser (still checked for well-formedness), never built.
    private static readonly HashSet<string> SkippedElements = new(StringComparer.Ordinal)
    {
        "description", "drawings", "us-sequence-list-doc", "us-chemistry", "us-math", "table-external-doc",
        "subdoc-description", "subdoc-drawings", "subdoc-cwu",
    };

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        // Real files carry the odd control character in text; a record is worth more than strictness here.
        CheckCharacters = false,
    };

    private readonly long _maxDocumentBytes;

    public UsptoXmlReader(long maxDocumentBytes = DefaultMaxDocumentBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDocumentBytes, 1024);
        _maxDocumentBytes = maxDocumentBytes;
    }

    public string Format => FormatName;

    [GeneratedRegex(@"<!DOCTYPE\s+[\w.-]+\s+(?:SYSTEM|PUBLIC\s+""[^""]*"")\s+""(?<system>[^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex DoctypeSystemId();

    [GeneratedRegex(@"^\s*<\?xml[^>]*encoding\s*=\s*[""'](?<enc>[\w.:-]+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex DeclaredEncoding();

    public IEnumerable<ReadResult> Read(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        var head = new byte[HeadBytes];
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (NotText(head.AsSpan(0, headLength)) is { } binary)
        {
            yield return ReadResult.Bad(FileRejection(sourceName, binary));
            yield break;
        }

        var splitter = new UsptoDocumentSplitter(stream, head.AsMemory(0, headLength), _maxDocumentBytes, RawLimit);
        var decoded = new char[HeadBytes];
        var prepared = new char[HeadBytes];
        var any = false;
        foreach (var doc in splitter.Documents())
        {
            cancellationToken.ThrowIfCancellationRequested();
            any = true;
            var bytes = doc.Bytes.Span;
            var encoding = EncodingOf(bytes);
            var length = encoding.GetCharCount(bytes);
            if (decoded.Length < length) decoded = new char[Math.Max(length, decoded.Length * 2)];
            encoding.GetChars(bytes, decoded);

            if (doc.Oversized)
            {
                yield return ReadResult.Bad(Rejection(sourceName, doc, null,
                    RejectionReasons.UsptoOversized.With(RejectionArgument.Number(doc.TotalBytes, "N0"), RejectionArgument.Number(_maxDocumentBytes, "N0")), decoded, length));
                continue;
            }

            var preparedLength = UsptoEntities.Replace(decoded.AsSpan(0, length), ref prepared);
            var result = ReadOne(sourceName, doc, prepared, preparedLength, decoded, length);
            if (result.Record is not null || result.Rejection is not null) yield return result;
        }
        if (!any)
            yield return ReadResult.Bad(FileRejection(sourceName, RejectionReasons.UsptoEmpty.With()));
    }

    /// <summary>One document to a record or a rejection; a skipped sequence listing gives neither.</summary>
    private static ReadResult ReadOne(string sourceName, RawDocument doc, char[] prepared, int preparedLength, char[] decoded, int decodedLength)
    {
        string? rootName = null;
        XElement? root;
        UsptoDtd dtd;
        try
        {
            using var xml = XmlReader.Create(new CharSpanReader(prepared, preparedLength), Settings);
            if (xml.MoveToContent() != XmlNodeType.Element)
                return ReadResult.Bad(Rejection(sourceName, doc, null, RejectionReasons.UsptoNoRoot.With(), decoded, decodedLength));
            rootName = xml.LocalName;
            if (rootName == UsptoDtd.SequenceListing) return default;
            if (!UsptoDtd.PatentRoots.Contains(rootName))
                return ReadResult.Bad(Rejection(sourceName, doc, rootName,
                    RejectionReasons.UsptoUnknownRoot.With(rootName, string.Join(", ", UsptoDtd.PatentRoots)), decoded, decodedLength));

            root = ReadRoot(xml);
            var head = new string(prepared, 0, Math.Min(preparedLength, 2048));
            var system = DoctypeSystemId().Match(head);
            dtd = UsptoDtd.From(rootName, root.Attribute("dtd-version")?.Value, system.Success ? system.Groups["system"].Value : null);
        }
        catch (XmlException ex)
        {
            var line = ex.LineNumber > 0 ? doc.Line + ex.LineNumber - 1 : doc.Line;
            var truncated = rootName is not null && decoded.AsSpan(0, decodedLength).LastIndexOf(("</" + rootName + ">").AsSpan()) < 0;
            var reason = truncated
                ? RejectionReasons.UsptoTruncated.With(rootName!, RejectionArgument.Number(line), RejectionArgument.FromParser(ex.Message))
                : RejectionReasons.UsptoMalformed.With(RejectionArgument.Number(line), RejectionArgument.FromParser(ex.Message));
            return ReadResult.Bad(Rejection(sourceName, doc, rootName, reason, decoded, decodedLength));
        }

        try
        {
            var (record, failure) = UsptoRecordMapper.Map(root, dtd, new Provenance(sourceName, FormatName, doc.Line, doc.Index));
            return record is not null
                ? ReadResult.Ok(record)
                : ReadResult.Bad(Rejection(sourceName, doc, failure!.Field, failure.Reason, decoded, decodedLength));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return ReadResult.Bad(Rejection(sourceName, doc, null, RejectionReasons.UsptoUnmappable.With(dtd.Describe(), RejectionArgument.FromParser(ex.Message)), decoded, decodedLength));
        }
    }

    // The root with its attributes and the children fields come from; the rest is read past.
    private static XElement ReadRoot(XmlReader xml)
    {
        var root = new XElement(xml.LocalName);
        if (xml.MoveToFirstAttribute())
        {
            do root.SetAttributeValue(xml.LocalName, xml.Value);
            while (xml.MoveToNextAttribute());
            xml.MoveToElement();
        }
        if (!xml.IsEmptyElement)
        {
            xml.Read();
            while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == 0))
            {
                if (xml.NodeType != XmlNodeType.Element) xml.Read();
                else if (SkippedElements.Contains(xml.LocalName)) xml.Skip();
                else root.Add(XNode.ReadFrom(xml));
            }
        }
        // Reading to the end makes a truncated document or trailing garbage an error, not a silent success.
        while (xml.Read()) { }
        return root;
    }

    private static Encoding EncodingOf(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 200)]);
        var m = DeclaredEncoding().Match(head);
        if (!m.Success) return Encoding.UTF8;
        try
        {
            return Encoding.GetEncoding(m.Groups["enc"].Value);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    /// <summary>Why the start of a file shows it is not text at all, or null when it may be XML.</summary>
    private static RejectionReason? NotText(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\u0003\u0004"u8)) return RejectionReasons.UsptoZip.With();
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return RejectionReasons.UsptoGzip.With();
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return RejectionReasons.UsptoUtf16.With();
        var controls = 0;
        foreach (var b in head)
        {
            if (b == 0) return RejectionReasons.UsptoNulBytes.With();
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r') controls++;
        }
        return head.Length > 0 && controls * 20 > head.Length ? RejectionReasons.UsptoControlBytes.With() : null;
    }

    private static RecordRejection FileRejection(string sourceName, RejectionReason reason) => new()
    {
        SourceFile = sourceName,
        Format = FormatName,
        Because = reason,
    };

    private static RecordRejection Rejection(string sourceName, RawDocument doc, string? field, RejectionReason reason, char[] decoded, int length) => new()
    {
        SourceFile = sourceName,
        Format = FormatName,
        Line = doc.Line,
        DocumentIndex = doc.Index,
        Field = field,
        Because = reason,
        Raw = new string(decoded, 0, Math.Min(length, RawLimit)),
    };

    /// <summary>
    /// True when the first bytes of a file (up to 64 KB, optionally after a UTF-8 BOM) show a USPTO
    /// bulk document: a DOCTYPE or root element <c>us-patent-grant</c>, <c>us-patent-application</c>
    /// or <c>patent-application-publication</c>. For choosing a reader by content.
    /// </summary>
    public static bool LooksLike(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8)) head = head[3..];
        if (head.Length > HeadBytes) head = head[..HeadBytes];
        if (head.IndexOf((byte)0) >= 0) return false;
        var text = Encoding.UTF8.GetString(head).AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("<?"))
            {
                var end = text.IndexOf("?>");
                if (end < 0) return false;
                text = text[(end + 2)..];
            }
            else if (text.StartsWith("<!--"))
            {
                var end = text.IndexOf("-->");
                if (end < 0) return false;
                text = text[(end + 3)..];
            }
            else if (text.StartsWith("<!DOCTYPE"))
            {
                return IsPatentRoot(ElementName(text["<!DOCTYPE".Length..].TrimStart()));
            }
            else if (text.StartsWith("<"))
            {
                return IsPatentRoot(ElementName(text[1..]));
            }
            else
            {
                return false;
            }
        }
    }

    private static ReadOnlySpan<char> ElementName(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or '_' or '.' or ':')) i++;
        return s[..i];
    }

    private static bool IsPatentRoot(ReadOnlySpan<char> name)
    {
        foreach (var root in UsptoDtd.PatentRoots)
            if (name.SequenceEqual(root)) return true;
        return false;
    }
}
