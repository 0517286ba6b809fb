using Marketplace.Web.Uploads;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Licensing;

/// <summary>
/// Patent-right evaluation reports (专利权评价报告) as uploaded PDFs: checked by content (a PDF starts with
/// <c>%PDF-</c>, whatever its name or declared type), size-limited, stored under a random name in the data
/// folder outside the web root, and read back only through the declaration's pages.
/// </summary>
public sealed class EvaluationReports(IOptions<LicensingOptions> options)
{
    /// <summary>Validates and stores; returns the stored name. Throws with a specific message otherwise.</summary>
    public async Task<(string StoredName, long Length)> StoreAsync(Stream content, long declaredLength, CancellationToken cancellationToken = default)
    {
        var max = options.Value.MaxEvaluationReportBytes;
        var (bytes, refusal) = await PdfUploads.ReadAsync(content, declaredLength, max, cancellationToken);
        switch (refusal)
        {
            case PdfRefusal.Empty: throw new LicensingRuleException("The evaluation report is empty.");
            case PdfRefusal.TooLarge: throw new LicensingRuleException("The evaluation report may have at most {0} MB.", max / (1024 * 1024));
            case PdfRefusal.NotPdf: throw new LicensingRuleException("The evaluation report must be a PDF file.");
        }
        return (await PdfUploads.SaveAsync(options.Value.EvaluationReportFolder, bytes, cancellationToken), bytes.Length);
    }

    /// <summary>The stored file, if the name is one this store made.</summary>
    public Stream? Open(string storedName) => PdfUploads.Open(options.Value.EvaluationReportFolder, storedName);
}
