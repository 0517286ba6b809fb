using Marketplace.Web.Uploads;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Needs;

/// <summary>The signed contracts of deals: PDFs checked by content and size, kept outside the web root (<see cref="DealOptions.ContractsPath"/>).</summary>
public sealed class DealContracts(IOptions<DealOptions> options)
{
    /// <summary>Validates (PDF by content, size) and stores the signed contract outside the web root; returns the stored name.</summary>
    public async Task<string> StoreContractAsync(Stream content, long declaredLength, CancellationToken cancellationToken = default)
    {
        var (bytes, refusal) = await PdfUploads.ReadAsync(content, declaredLength, options.Value.MaxContractBytes, cancellationToken);
        return refusal switch
        {
            PdfRefusal.Empty => throw new NeedRuleException("The contract file is empty."),
            PdfRefusal.TooLarge => throw new NeedRuleException("The contract file may have at most 10 MB."),
            PdfRefusal.NotPdf => throw new NeedRuleException("The contract file must be a PDF."),
            _ => await PdfUploads.SaveAsync(options.Value.ContractsPath, bytes, cancellationToken),
        };
    }

    /// <summary>The stored contract, if the name is one this store made and the file is there.</summary>
    public Stream? OpenContract(string? storedName) => PdfUploads.Open(options.Value.ContractsPath, storedName);
}
