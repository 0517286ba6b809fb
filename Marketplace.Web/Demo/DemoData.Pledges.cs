using Marketplace.Web.Accounts;
using Marketplace.Web.Organizations;
using Marketplace.Web.Pledges;
using Marketplace.Web.Products;

namespace Marketplace.Web.Demo;

public sealed partial class DemoData
{
    public const string BankName = "泉州示范银行（演示）";

    public const string BankOwnerEmail = "bank.owner@demo.patent-marketplace.local";

    /// <summary>The sample utility model (in samples/cn-export, the university's through its name variant) under the demo pledge.</summary>
    // Not the patent the demo university lists for sale (DemoData.Transfers): a pledged patent cannot be transferred.
    public const string PledgedPatentId = "CN217546176U";

    public const string DemoPledgeNumber = "Y2025350000123";

    public const string DemoProductName = "智能数据采集网关（演示）";

    /// <summary>
    /// A pledge of one of the university's patents to the demo bank, registered by the operator, and one approved product of
    /// the demo enterprise embodying the openly licensed patent, so pledges and products show on first start. The index's
    /// pledge label follows once the samples are loaded (<see cref="IndexLabels.IndexLabelSync"/>).
    /// </summary>
    private async Task SeedPledgesAndProductsAsync(Organization university, Organization enterprise, Organization bank, MarketplaceUser reviewer, MarketplaceUser enterpriseOwner,
        DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        var pledge = PledgeRecord.Register(new PledgeInput
        {
            RegistrationNumber = DemoPledgeNumber,
            PledgorName = university.Name,
            PledgeeName = BankName,
            AmountYuan = 6_000_000m,
            RegisteredOn = today.AddMonths(-2),
            EndsOn = today.AddMonths(-2).AddYears(3),
            County = "丰泽区",
        }, [(PledgedPatentId, "无人机巡检系统")], bank.Id, PledgeSource.Entered, null, reviewer.Id, now);
        db.PledgeRecords.Add(pledge);

        var product = PatentIntensiveProduct.Record(enterprise.Id, enterprise.Name, new ProductInput
        {
            Name = DemoProductName,
            Category = "工业物联网设备",
            SalesRevenueYuan = 12_800_000m,
            RevenueYear = now.Year - 1,
        }, [new ProductPatent(Guid.Empty, OpenLicensePatentId, "一种web端数据通用采集方法", PatentRight.Licensed, "Invention", "digital-economy")], enterpriseOwner.Id, now);
        product.Approve(reviewer.Id, now);
        db.PatentIntensiveProducts.Add(product);
        await db.SaveChangesAsync(cancellationToken);
    }
}
