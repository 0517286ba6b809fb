using Marketplace.Web.Accounts;
using Marketplace.Web.Needs;
using Marketplace.Web.Organizations;

namespace Marketplace.Web.Demo;

public sealed partial class DemoData
{
    public const string DemoNeedTitle = "光伏组件表面自动清洁技术";

    /// <summary>One public need of the demo enterprise, with its deal in the pipeline.</summary>
    private async Task SeedNeedsAsync(Organization enterprise, MarketplaceUser author, DateTime now, CancellationToken cancellationToken)
    {
        var need = Need.Post(enterprise.Id, author.Id, new NeedDraft
        {
            Title = DemoNeedTitle,
            Description = "我司在泉州运营屋顶光伏电站，组件表面积灰导致发电效率下降。希望引进无水或少水的光伏板自动清洁机器人技术，能够在组件阵列间移动，降低运维成本。",
            ChainId = null,
            Outcome = NeedOutcome.License,
            BudgetMin = 20,
            BudgetMax = 80,
            Region = "泉州",
            Visibility = NeedVisibility.Public,
            Products = "清洁机器人",
            Effects = "提高发电效率\n降低运维成本",
            Applications = "屋顶光伏电站",
        }, now, taxonomy);
        db.Needs.Add(need);
        db.Deals.Add(Deal.Open(need.Id, author.Id, now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
