using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Analytics.Documents;

/// <summary>
/// Gives PDFsharp one font that holds Chinese and Latin glyphs: WenQuanYi Micro Hei (Apache-2.0, Debian
/// <c>fonts-wqy-microhei</c>), or the file named by <c>PATENT_PDF_FONT</c>. PDFsharp cannot read font
/// collections (<c>.ttc</c>), so the first face of a collection is cut out into a standalone TrueType
/// font in memory. Every family name resolves to it; bold and italic are simulated.
/// </summary>
public sealed class CjkFontResolver : IFontResolver
{
    /// <summary>The family name documents ask for.</summary>
    public const string Family = "CJK";

    private const string FaceName = "CJK-Regular";

    /// <summary>Where the font is looked for, in order, after <c>PATENT_PDF_FONT</c>.</summary>
    public static readonly IReadOnlyList<string> Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ];

    private static readonly Lock Gate = new();
    private static bool _installed;
    private readonly byte[] _font;

    private CjkFontResolver(byte[] font) => _font = font;

    /// <summary>The path of the font that will be used, or an exception that says how to get one.</summary>
    public static string FindFontFile()
    {
        var configured = Environment.GetEnvironmentVariable("PATENT_PDF_FONT");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException($"PATENT_PDF_FONT names '{configured}', which does not exist.", configured);
        }
        return Candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                "No font with Chinese glyphs for PDF documents. Install one with 'apt-get install -y fonts-wqy-microhei' " +
                "(./test.sh does), or set PATENT_PDF_FONT to a TrueType (.ttf) or collection (.ttc) file.");
    }

    /// <summary>Installs the resolver for the process once (PDFsharp keeps one resolver, and it cannot change after use).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed) return;
            var bytes = File.ReadAllBytes(FindFontFile());
            GlobalFontSettings.FontResolver = new CjkFontResolver(IsCollection(bytes) ? ExtractFirstFace(bytes) : bytes);
            _installed = true;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(FaceName, bold, italic);

    public byte[] GetFont(string faceName) => _font;

    private static bool IsCollection(ReadOnlySpan<byte> font) => font.Length >= 12 && font[..4].SequenceEqual("ttcf"u8);

    /// <summary>
    /// The first face of a TrueType collection as a standalone font: its table directory, with each table's
    /// offset rewritten, followed by the tables themselves (4-byte aligned). Table checksums are unchanged
    /// because the table bytes are.
    /// </summary>
    public static byte[] ExtractFirstFace(byte[] collection)
    {
        var span = collection.AsSpan();
        if (!IsCollection(span)) throw new InvalidDataException("Not a TrueType collection (no 'ttcf' tag).");
        var faces = BinaryPrimitives.ReadUInt32BigEndian(span[8..]);
        if (faces == 0) throw new InvalidDataException("The font collection holds no face.");
        var directory = checked((int)BinaryPrimitives.ReadUInt32BigEndian(span[12..]));
        var tableCount = BinaryPrimitives.ReadUInt16BigEndian(span[(directory + 4)..]);
        var headerLength = 12 + 16 * tableCount;

        var tables = new List<(uint Tag, uint Checksum, int Offset, int Length)>(tableCount);
        for (var i = 0; i < tableCount; i++)
        {
            var record = span[(directory + 12 + 16 * i)..];
            var offset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]));
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
            if (offset < 0 || length < 0 || offset + length > collection.Length)
                throw new InvalidDataException($"Font table {i} lies outside the collection.");
            tables.Add((BinaryPrimitives.ReadUInt32BigEndian(record), BinaryPrimitives.ReadUInt32BigEndian(record[4..]), offset, length));
        }

        var output = new byte[headerLength + tables.Sum(t => Align4(t.Length))];
        span.Slice(directory, 12).CopyTo(output); // sfnt version, table count, search range fields
        var next = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var (tag, checksum, offset, length) = tables[i];
            var record = output.AsSpan(12 + 16 * i);
            BinaryPrimitives.WriteUInt32BigEndian(record, tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)next);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)length);
            span.Slice(offset, length).CopyTo(output.AsSpan(next));
            next += Align4(length);
        }
        return output;
    }

    private static int Align4(int length) => (length + 3) & ~3;
}
