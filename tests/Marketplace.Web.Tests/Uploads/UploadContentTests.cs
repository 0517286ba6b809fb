using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Marketplace.Web.Data;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Marketplace.Web.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Uploads;

/// <summary>Documents told apart by their bytes: magic numbers, the parts of an Office zip, and the archive checks of browser loads.</summary>
public sealed class UploadContentTests
{
    private static readonly DocumentKind[] Everything = Enum.GetValues<DocumentKind>();

    internal static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8];

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        return buffer.ToArray();
    }

    private static readonly byte[] ContentTypes = "<Types/>"u8.ToArray();

    [Fact]
    public void Pdf_png_jpeg_docx_and_xlsx_are_recognised_by_content_whatever_they_are_called()
    {
        Assert.Equal(DocumentKind.Pdf, UploadContent.Check("%PDF-1.7\n"u8.ToArray(), 100, Everything).Kind);
        Assert.Equal(DocumentKind.Png, UploadContent.Check(Png, 100, Everything).Kind);
        Assert.Equal(DocumentKind.Jpeg, UploadContent.Check([0xFF, 0xD8, 0xFF, 0xE0, 0, 16], 100, Everything).Kind);
        Assert.Equal(DocumentKind.Docx, UploadContent.Check(Zip(("[Content_Types].xml", ContentTypes), ("word/document.xml", "<w/>"u8.ToArray())), 10_000, Everything).Kind);
        Assert.Equal(DocumentKind.Xlsx, UploadContent.Check(Zip(("[Content_Types].xml", ContentTypes), ("xl/workbook.xml", "<x/>"u8.ToArray())), 10_000, Everything).Kind);
        Assert.All([UploadContent.Check("%PDF-1.7\n"u8.ToArray(), 100, Everything), UploadContent.Check(Png, 100, Everything)], c => Assert.True(c.Accepted));
    }

    [Fact]
    public void A_page_a_plain_zip_or_a_kind_not_allowed_here_is_refused_as_the_wrong_kind()
    {
        Assert.Equal(DocumentRefusal.WrongKind, UploadContent.Check("<html><script>alert(1)</script>"u8.ToArray(), 1000, Everything).Refusal);
        Assert.Equal(DocumentRefusal.WrongKind, UploadContent.Check(Zip(("notes.txt", "x"u8.ToArray())), 10_000, Everything).Refusal);
        Assert.Equal(DocumentRefusal.WrongKind, UploadContent.Check(Zip(("[Content_Types].xml", ContentTypes)), 10_000, Everything).Refusal);
        Assert.Equal(DocumentRefusal.WrongKind, UploadContent.Check(Png, 100, [DocumentKind.Pdf]).Refusal);
        Assert.Equal(DocumentRefusal.WrongKind, UploadContent.Check("PK\u0003\u0004 not really a zip"u8.ToArray(), 100, Everything).Refusal);
    }

    [Fact]
    public void Empty_and_oversized_files_are_refused_before_their_content_is_read()
    {
        Assert.Equal(DocumentRefusal.Empty, UploadContent.Check([], 100, Everything).Refusal);
        Assert.Equal(DocumentRefusal.TooLarge, UploadContent.Check("%PDF-1.7\n"u8.ToArray(), 5, Everything).Refusal);
    }

    [Fact]
    public void An_office_document_with_a_part_outside_itself_or_that_expands_like_a_bomb_is_refused()
    {
        var traversal = Zip(("[Content_Types].xml", ContentTypes), ("word/document.xml", "<w/>"u8.ToArray()), ("../../etc/cron.d/evil", "x"u8.ToArray()));
        var bomb = Zip(("[Content_Types].xml", ContentTypes), ("word/document.xml", new byte[8 << 20]));

        Assert.Equal(DocumentRefusal.UnsafeArchive, UploadContent.Check(traversal, 1 << 20, Everything).Refusal);
        Assert.True(bomb.Length < 1 << 20, $"the bomb should compress well, it has {bomb.Length} bytes");
        Assert.Equal(DocumentRefusal.UnsafeArchive, UploadContent.Check(bomb, 1 << 20, Everything).Refusal);
    }
}

/// <summary>The organisation page's verification documents go through the content check, and the refusal names the file.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class VerificationDocumentUploadTests(SqliteSite site)
{
    private async Task<HttpResponseMessage> UploadAsync(SiteClient owner, string url, string fileName, string declaredType, byte[] content)
    {
        var page = await owner.PageAsync(url);
        var token = page.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        form.Add(file, "document", fileName);
        return await owner.Http.PostAsync($"{url}?handler=Upload", form);
    }

    [Fact]
    public async Task A_page_called_licence_pdf_is_refused_naming_the_file_and_a_PNG_scan_is_stored_as_an_image()
    {
        using var owner = await site.CreateClient().SignInAsDemoAsync("enterprise.owner@demo.patent-marketplace.local");
        // A new organisation of the demo owner: documents are attached before it is submitted for verification.
        Guid enterpriseId;
        await using (var scope = site.Scope())
        {
            var arrange = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var ownerId = (await arrange.Users.SingleAsync(u => u.Email == "enterprise.owner@demo.patent-marketplace.local")).Id;
            var body = $"91350500MA{Random.Shared.Next(1_000_000, 9_999_999):D7}";
            var organization = Organization.Create("上传检查企业" + body[^4..], OrganizationType.Enterprise, UnifiedSocialCreditCode.Parse(body + UnifiedSocialCreditCode.CheckCharacterFor(body)), ownerId, DateTime.UtcNow);
            arrange.Organizations.Add(organization);
            await arrange.SaveChangesAsync();
            enterpriseId = organization.Id;
        }
        var url = $"/organizations/{enterpriseId}";
        var scan = $"scan-{Guid.NewGuid():N}.png";

        using var refused = await UploadAsync(owner, url, "营业执照.pdf", "application/pdf", "<html><body>not a licence</body></html>"u8.ToArray());
        var refusal = (await Html.ReadAsync(refused)).QuerySelector(".validation-summary-errors")?.TextContent ?? "";
        using var stored = await UploadAsync(owner, url, scan, "text/html", UploadContentTests.Png);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("营业执照.pdf", refusal, StringComparison.Ordinal);
        Assert.Contains("PDF", refusal, StringComparison.Ordinal);
        Assert.Contains("PNG", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        await using var check = site.Scope();
        var db = check.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        Assert.Equal("image/png", (await db.VerificationDocuments.SingleAsync(d => d.FileName == scan)).ContentType);
        Assert.False(await db.VerificationDocuments.AnyAsync(d => d.OrganizationId == enterpriseId && d.FileName == "营业执照.pdf" && d.ContentType == "application/pdf" && d.Length < 100));
    }
}
