using System.IO.Compression;
using Marketplace.Web.Loads;

namespace Marketplace.Web.Uploads;

/// <summary>The kinds of document the site accepts, told apart by content, never by name or declared type.</summary>
public enum DocumentKind
{
    Pdf,
    Png,
    Jpeg,
    /// <summary>Word (OOXML): a zip holding <c>[Content_Types].xml</c> and <c>word/document.xml</c>.</summary>
    Docx,
    /// <summary>Excel (OOXML): a zip holding <c>[Content_Types].xml</c> and <c>xl/workbook.xml</c>.</summary>
    Xlsx,
}

/// <summary>Why an uploaded document was refused; <see cref="UploadContent.Check"/> says it with the file's name.</summary>
public enum DocumentRefusal
{
    None,
    Empty,
    TooLarge,
    /// <summary>The content is none of the kinds allowed (whatever the name or declared type says).</summary>
    WrongKind,
    /// <summary>An Office document whose zip would expand too far, holds too many parts or names a part outside itself.</summary>
    UnsafeArchive,
}

public sealed record DocumentCheck(DocumentRefusal Refusal, DocumentKind? Kind)
{
    public bool Accepted => Refusal == DocumentRefusal.None;
}

/// <summary>
/// Checks an uploaded document by its bytes: its magic bytes must be those of one of the allowed kinds, its size within
/// the limit, and an Office document (a zip) must hold the parts of its kind and pass the archive checks of browser
/// loads (<see cref="ZipUploads.CheckStructure"/>: no part outside the archive, no bomb). The content type stored and
/// served afterwards is the kind's, not the one the browser declared, so a page cannot be smuggled in as a "document".
/// </summary>
public static class UploadContent
{
    /// <summary>Office documents are small: a few hundred parts and 100 MB expanded are far beyond any real one.</summary>
    public const int MaxOfficeParts = 2_000;
    public const long MaxOfficeExpandedBytes = 100L << 20;
    public const int MaxOfficeCompressionRatio = 100;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];

    public static string ContentType(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => "application/pdf",
        DocumentKind.Png => "image/png",
        DocumentKind.Jpeg => "image/jpeg",
        DocumentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DocumentKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    /// <summary>How the kinds read in a refusal: "PDF, PNG or JPEG".</summary>
    public static string Names(IReadOnlyCollection<DocumentKind> kinds) =>
        kinds.Count <= 1 ? string.Join("", kinds.Select(Name))
        : string.Join(", ", kinds.SkipLast(1).Select(Name)) + " / " + Name(kinds.Last());

    private static string Name(DocumentKind kind) => kind.ToString().ToUpperInvariant();

    public static DocumentCheck Check(byte[] content, long maxBytes, IReadOnlyCollection<DocumentKind> allowed)
    {
        if (content.Length == 0) return new(DocumentRefusal.Empty, null);
        if (content.Length > maxBytes) return new(DocumentRefusal.TooLarge, null);
        var span = content.AsSpan();
        if (span.StartsWith(PdfMagic)) return Allowed(DocumentKind.Pdf, allowed);
        if (span.StartsWith(PngMagic)) return Allowed(DocumentKind.Png, allowed);
        if (span.StartsWith(JpegMagic)) return Allowed(DocumentKind.Jpeg, allowed);
        if (ZipUploads.LooksLikeZip(span) && (allowed.Contains(DocumentKind.Docx) || allowed.Contains(DocumentKind.Xlsx)))
            return OfficeDocument(content, allowed);
        return new(DocumentRefusal.WrongKind, null);
    }

    private static DocumentCheck Allowed(DocumentKind kind, IReadOnlyCollection<DocumentKind> allowed) =>
        allowed.Contains(kind) ? new(DocumentRefusal.None, kind) : new(DocumentRefusal.WrongKind, kind);

    private static DocumentCheck OfficeDocument(byte[] content, IReadOnlyCollection<DocumentKind> allowed)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (ZipUploads.CheckStructure(zip, MaxOfficeParts, MaxOfficeExpandedBytes, MaxOfficeCompressionRatio) != UploadRefusal.None)
                return new(DocumentRefusal.UnsafeArchive, null);
            if (zip.GetEntry("[Content_Types].xml") is null) return new(DocumentRefusal.WrongKind, null);
            DocumentKind? kind = zip.GetEntry("word/document.xml") is not null ? DocumentKind.Docx
                : zip.GetEntry("xl/workbook.xml") is not null ? DocumentKind.Xlsx
                : null;
            return kind is { } k ? Allowed(k, allowed) : new(DocumentRefusal.WrongKind, null);
        }
        catch (InvalidDataException)
        {
            return new(DocumentRefusal.WrongKind, null);
        }
    }
}
