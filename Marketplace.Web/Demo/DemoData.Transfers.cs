using Marketplace.Web.Accounts;
using Marketplace.Web.Organizations;
using Marketplace.Web.Transfers;
using Search.Indexer.Records;

namespace Marketplace.Web.Demo;

public sealed partial class DemoData
{
    /// <summary>The sample utility model (in force, in samples/cn-export, in the university's portfolio) the demo university lists for sale.</summary>
    public const string TransferPatentId = "CN218751475U";

    /// <summary>
    /// One listing of the demo university, with an offer of the demo enterprise under negotiation, so transfers show on
    /// first start. The facts are the sample record's (the index is not loaded yet when the demo is seeded); the
    /// for-sale label follows once the samples are loaded (<see cref="IndexLabels.IndexLabelSync"/>).
    /// </summary>
    private async Task SeedTransfersAsync(Organization university, MarketplaceUser universityOwner, Organization enterprise, MarketplaceUser enterpriseOwner, DateTime now,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        var patent = new ListedPatent(TransferPatentId, "一种无人机机载多功能盒", DocumentType.UtilityModel, LegalStatus.InForce, "CN202223220665.2",
            UniversityNameVariant, "刘迪；刘敏；王煜伟；付艳波；王元卓", []);
        var listing = TransferListing.Draft(university.Id, university.Name, universityOwner.Id, patent, 8_000_000, "受让方应在三个月内完成专利权人变更登记；转让方提供一次技术培训。",
            today.AddMonths(6), today, now);
        listing.List(today, now);
        var offer = TransferOffer.Make(listing, enterprise.Id, enterprise.Name, "福建省泉州市丰泽区东海街道（演示）", enterpriseOwner.Id, 6_000_000, TransferPaymentTerms.Instalments, 2,
            "我司计划将该装置用于电力巡检无人机，希望分两期付款。", today, now);
        db.TransferListings.Add(listing);
        db.TransferOffers.Add(offer);
        await db.SaveChangesAsync(cancellationToken);
    }
}
