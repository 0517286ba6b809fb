using System.Text;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Exports;
using Marketplace.Web.Products;
using Marketplace.Web.Tests.Journeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Pledges;

/// <summary>Patent-intensive products through the real services, SQLite database and Lucene index of the journeys' site.</summary>
[Collection(JourneySiteGroup.Name)]
public sealed class ProductRecordTests(JourneySite site)
{
    private async Task<ProductActor> EnterpriseOwnerAsync(MarketplaceDbContext db)
    {
        var owner = await db.Users.SingleAsync(u => u.Email == JourneySite.EnterpriseOwner);
        var enterprise = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.CreditCode == DemoData.EnterpriseCode.Value);
        return new ProductActor(owner.Id, enterprise, Marketplace.Web.Organizations.OrganizationRole.Owner);
    }

    [Fact]
    public async Task A_product_naming_a_patent_not_in_the_index_is_refused_on_that_field()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var products = scope.ServiceProvider.GetRequiredService<ProductService>();
        var input = new ProductInput { Name = "测试产品", Category = "设备", SalesRevenueYuan = 1_000m, RevenueYear = DateTime.UtcNow.Year - 1, LicensedPatents = "CN000000002A" };
        var actor = await EnterpriseOwnerAsync(db);

        var refused = await Assert.ThrowsAsync<ProductRuleException>(() => products.RecordAsync(actor, input));

        Assert.Equal((ProductFields.LicensedPatents, "Patent {0} is not in the index."), (refused.Field, refused.Template));
        Assert.False(await db.PatentIntensiveProducts.AnyAsync(p => p.Name == "测试产品"));
    }

    [Fact]
    public async Task A_patent_claimed_on_the_enterprise_own_right_must_be_the_enterprise_own()
    {
        var universityPatent = await site.AddUniversityPatentAsync("高校自有专利（产品测试）");
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var input = new ProductInput { Name = "自有权利测试产品", Category = "设备", SalesRevenueYuan = 1_000m, RevenueYear = DateTime.UtcNow.Year - 1, OwnPatents = universityPatent };
        var actor = await EnterpriseOwnerAsync(db);

        var refused = await Assert.ThrowsAsync<ProductRuleException>(() => scope.ServiceProvider.GetRequiredService<ProductService>().RecordAsync(actor, input));

        Assert.Equal(ProductFields.OwnPatents, refused.Field);
    }

    [Fact]
    public async Task An_approved_product_shows_for_its_patent_counts_by_chain_and_is_exported_with_the_pilot_platform_fields()
    {
        var patent = await site.AddUniversityPatentAsync("产品审核测试专利");
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var products = scope.ServiceProvider.GetRequiredService<ProductService>();
        var reviewer = await db.Users.SingleAsync(u => u.Email == JourneySite.Operator);
        var product = await products.RecordAsync(await EnterpriseOwnerAsync(db), new ProductInput
        {
            Name = "审核测试产品", Category = "智能装备", SalesRevenueYuan = 3_500_000m, RevenueYear = DateTime.UtcNow.Year - 1, LicensedPatents = patent,
        });
        Assert.Empty(await products.ApprovedForPatentAsync(patent));
        var chain = product.Patents.Single().Chain;
        var byChainBefore = (await products.ByChainAsync()).SingleOrDefault(f => f.Chain == chain);

        await products.ApproveAsync(product, reviewer.Id);

        Assert.Equal(product.Id, Assert.Single(await products.ApprovedForPatentAsync(patent)).Id);
        var byChain = (await products.ByChainAsync()).Single(f => f.Chain == chain);
        Assert.Equal(((byChainBefore?.Products ?? 0) + 1, (byChainBefore?.RevenueYuan ?? 0) + 3_500_000m), (byChain.Products, byChain.RevenueYuan));
        var csv = Encoding.UTF8.GetString(ProductExport.ToArray(TableFormat.Csv, await products.ApprovedAsync()));
        Assert.StartsWith("\uFEFF企业名称,产品名称,产品类别,销售收入（元）,收入年度,专利号,专利名称,专利类型,权利来源,产业链,审核通过日期", csv, StringComparison.Ordinal);
        Assert.Contains($"审核测试产品,智能装备,3500000.00,{DateTime.UtcNow.Year - 1},{patent},产品审核测试专利,发明,被许可,{chain},", csv, StringComparison.Ordinal);
        Assert.Contains(await db.Notifications.Where(n => n.OrganizationId == product.OrganizationId).Select(n => n.MessageKey).ToListAsync(),
            k => k == "Your patent-intensive product {0} was approved.");
        await Assert.ThrowsAsync<ProductRuleException>(() => products.SendBackAsync(product, reviewer.Id, "重复审核"));
    }

    [Fact]
    public void A_product_is_sent_back_only_with_a_reason()
    {
        var product = PatentIntensiveProduct.Record(Guid.NewGuid(), "某企业", new ProductInput { Name = "产品", Category = "类别", SalesRevenueYuan = 0m, RevenueYear = 2024 },
            [new ProductPatent(Guid.Empty, "CN1A", "标题", PatentRight.Own, null, null)], Guid.NewGuid(), DateTime.UtcNow);

        Assert.Equal(ProductFields.Reason, Assert.Throws<ProductRuleException>(() => product.SendBack(Guid.NewGuid(), "  ", DateTime.UtcNow)).Field);
        product.SendBack(Guid.NewGuid(), "收入证明缺失", DateTime.UtcNow);
        Assert.Equal((ProductStatus.SentBack, "收入证明缺失"), (product.Status, product.ReviewReason));
    }

    [Fact]
    public async Task A_product_sent_back_is_corrected_and_resubmitted_by_the_enterprise_with_an_audit_entry_and_a_notice_to_operators()
    {
        var (first, second) = (await site.AddUniversityPatentAsync("退回产品测试专利一"), await site.AddUniversityPatentAsync("退回产品测试专利二"));
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var products = scope.ServiceProvider.GetRequiredService<ProductService>();
        var reviewer = await db.Users.SingleAsync(u => u.Email == JourneySite.Operator);
        var actor = await EnterpriseOwnerAsync(db);
        var product = await products.RecordAsync(actor, new ProductInput
        {
            Name = "退回测试产品", Category = "设备", SalesRevenueYuan = 800_000m, RevenueYear = DateTime.UtcNow.Year - 1, LicensedPatents = first,
        });
        await Assert.ThrowsAsync<ProductRuleException>(() => products.ResubmitAsync(actor, product, ProductInput.From(product)));
        await products.SendBackAsync(product, reviewer.Id, "请补充许可专利");
        var corrected = ProductInput.From(product);
        Assert.Equal(("退回测试产品", first), (corrected.Name, corrected.LicensedPatents));
        corrected.Name = "退回测试产品（修改）";
        corrected.LicensedPatents = $"{first}; {second}";

        await products.ResubmitAsync(actor, product, corrected);

        var stored = await db.PatentIntensiveProducts.AsNoTracking().Include(p => p.Patents).SingleAsync(p => p.Id == product.Id);
        Assert.Equal((ProductStatus.Submitted, "退回测试产品（修改）", (string?)null), (stored.Status, stored.Name, stored.ReviewReason));
        Assert.Equal([first, second], stored.Patents.Select(p => p.PatentId).Order(StringComparer.Ordinal));
        Assert.Contains(product.Id, (await products.AwaitingReviewAsync()).Select(p => p.Id));
        Assert.Contains(await db.AuditEntries.Where(e => e.Subject == product.Id.ToString()).Select(e => e.Action).ToListAsync(), a => a == ProductAuditActions.Resubmitted);
        Assert.Contains(await db.Notifications.Where(n => n.UserId == reviewer.Id).Select(n => n.MessageKey).ToListAsync(),
            k => k == "The patent-intensive product {0} was corrected and resubmitted for review.");
        await products.ApproveAsync(product, reviewer.Id);
        Assert.Equal(product.Id, Assert.Single(await products.ApprovedForPatentAsync(second)).Id);
    }
}
