using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Transfers;

/// <summary>What the patent page shows of transfers: the listing taking offers, and the owner after a recorded transfer.</summary>
public sealed record PatentTransfers(TransferListing? ForSale, RecordedOwner? Owner);

/// <summary>On a patent's page: the patent for sale, and its new owner once a transfer is recorded (the index's applicant stays as filed).</summary>
public sealed class PatentTransfersViewComponent(TransferService transfers) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string patentId)
    {
        var model = new PatentTransfers(await transfers.ForSaleAsync(patentId), await transfers.RecordedOwnerAsync(patentId));
        return model is { ForSale: null, Owner: null } ? Content("") : View(model);
    }
}

/// <summary>In the licensing catalogue, beside open licences: patents for sale matching the same words.</summary>
public sealed class TransferCatalogueViewComponent(TransferService transfers) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? text) => View(await transfers.CatalogueAsync(text));
}
