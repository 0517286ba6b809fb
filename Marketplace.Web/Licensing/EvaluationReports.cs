using Microsoft.Extensions.Options;

namespace Marketplace.Web.Licensing;

/// <summary>
/// Patent-right evaluation reports (专利权评价报告) as uploaded PDFs: checked by content (a PDF starts with
/// <c>%PDF-</c>, whatever its name or declared type), size-limited, stored under a random name in the data
/// folder outside the web root, and read back only through the declaration's pages.
/// </summary>
public sealed class EvaluationReports(IOptions<LicensingOptions> options)
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    /// <summary>Validates and stores; returns the stored name. Throws with a specific message otherwise.</summary>
    public async Task<(string StoredName, long Length)> StoreAsync(Stream content, long declaredLength, CancellationToken cancellationToken = default)
    {
        var max = options.Value.MaxEvaluationReportBytes;
        if (declaredLength <= 0) throw new LicensingRuleException("The evaluation report is empty.");
        if (declaredLength > max) throw new LicensingRuleException("The evaluation report may have at most {0} MB.", max / (1024 * 1024));
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > max) throw new LicensingRuleException("The evaluation report may have at most {0} MB.", max / (1024 * 1024));
        var bytes = buffer.ToArray();
        if (bytes.Length < PdfMagic.Length || !bytes.AsSpan(0, PdfMagic.Length).SequenceEqual(PdfMagic))
            throw new LicensingRuleException("The evaluation report must be a PDF file.");
        var folder = options.Value.EvaluationReportFolder;
        Directory.CreateDirectory(folder);
        var name = Guid.NewGuid().ToString("N") + ".pdf";
        await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes, cancellationToken);
        return (name, bytes.Length);
    }

    /// <summary>The stored file, if the name is one this store made.</summary>
    public Stream? Open(string storedName)
    {
        if (storedName.Length != 36 || !storedName.EndsWith(".pdf", StringComparison.Ordinal) || !Guid.TryParseExact(storedName[..32], "N", out _)) return null;
        var path = Path.Combine(options.Value.EvaluationReportFolder, storedName);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }
}
