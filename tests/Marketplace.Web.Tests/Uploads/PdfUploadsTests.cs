using Marketplace.Web.Uploads;

namespace Marketplace.Web.Tests.Uploads;

/// <summary>The one check and store behind evaluation reports, signed deal contracts and contest documents.</summary>
public sealed class PdfUploadsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pdf-uploads-" + Guid.NewGuid().ToString("N"));

    private static readonly byte[] Pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n"u8.ToArray();

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Check_names_an_empty_an_oversized_and_a_renamed_non_pdf_file()
    {
        Assert.Equal(PdfRefusal.None, PdfUploads.Check(Pdf, 100));
        Assert.Equal(PdfRefusal.Empty, PdfUploads.Check([], 100));
        Assert.Equal(PdfRefusal.TooLarge, PdfUploads.Check(Pdf, Pdf.Length - 1));
        Assert.Equal(PdfRefusal.NotPdf, PdfUploads.Check("PK\u0003\u0004 a zip called report.pdf"u8, 100));
        Assert.Equal(PdfRefusal.NotPdf, PdfUploads.Check("%PDF"u8, 100));
    }

    [Fact]
    public async Task Read_stops_one_byte_past_the_limit_whatever_length_the_upload_declared()
    {
        using var big = new MemoryStream(Pdf.Concat(new byte[10_000]).ToArray());

        var (content, refusal) = await PdfUploads.ReadAsync(big, declaredLength: 50, maxBytes: 100);

        Assert.Equal(PdfRefusal.TooLarge, refusal);
        Assert.Equal(101, content.Length);
        Assert.Equal(PdfRefusal.TooLarge, (await PdfUploads.ReadAsync(new MemoryStream(Pdf), declaredLength: 101, maxBytes: 100)).Refusal);
        Assert.Equal(PdfRefusal.Empty, (await PdfUploads.ReadAsync(new MemoryStream(Pdf), declaredLength: 0, maxBytes: 100)).Refusal);
    }

    [Fact]
    public async Task A_stored_file_opens_by_its_name_and_no_other_name_reaches_the_disk()
    {
        var name = await PdfUploads.SaveAsync(_folder, Pdf);
        File.WriteAllBytes(Path.Combine(_folder, "secret.pdf"), Pdf);

        using (var stored = PdfUploads.Open(_folder, name))
        {
            Assert.NotNull(stored);
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy);
            Assert.Equal(Pdf, copy.ToArray());
        }
        Assert.Null(PdfUploads.Open(_folder, "secret.pdf"));
        Assert.Null(PdfUploads.Open(_folder, "../" + name[3..]));
        Assert.Null(PdfUploads.Open(_folder, null));
        Assert.Null(PdfUploads.Open(_folder, PdfUploads.NewName()));
        await Assert.ThrowsAsync<ArgumentException>(() => PdfUploads.SaveAsync(_folder, "../escape.pdf", Pdf));
    }
}
