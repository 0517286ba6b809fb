using System.Globalization;
using Marketplace.Web.Exports;

namespace Marketplace.Web.Products;

/// <summary>
/// Approved products as the national pilot platform for patent-intensive products (专利密集型产品备案认定试点平台) asks
/// for them, one row per product and patent. The platform publishes its filing guide but not its form; the fields
/// it is known to ask for and covered here: 企业名称, 产品名称, 产品类别, 销售收入 and its 年度, 专利号, 专利名称,
/// 专利类型, 权利来源 (自有/被许可). Also given: the industry chain (产业链) and the review date. Not covered, because the
/// platform's exact field or the data is not public or not held here: the enterprise's 统一社会信用代码 and region
/// (held on the organisation, not the record), the product description and pictures, how each patent is embodied
/// (专利与产品关联说明), revenue evidence (audited accounts) and R&amp;D spending, and the certifying body's opinion.
/// </summary>
public static class ProductExport
{
    /// <summary>Headers as the platform writes them (Chinese), the sheet users hand on.</summary>
    private static readonly TableExport<(PatentIntensiveProduct Product, ProductPatent Patent)> Table = new("专利密集型产品",
    [
        new("企业名称", r => r.Product.OrganizationName),
        new("产品名称", r => r.Product.Name),
        new("产品类别", r => r.Product.Category),
        new("销售收入（元）", r => TableCell.Of(r.Product.SalesRevenueYuan, "0.00")),
        new("收入年度", r => r.Product.RevenueYear.ToString(CultureInfo.InvariantCulture)),
        new("专利号", r => r.Patent.PatentId),
        new("专利名称", r => r.Patent.Title),
        new("专利类型", r => r.Patent.DocumentType switch { "Invention" => "发明", "UtilityModel" => "实用新型", "Design" => "外观设计", var t => t }),
        new("权利来源", r => r.Patent.Right == PatentRight.Own ? "自有" : "被许可"),
        new("产业链", r => r.Patent.Chain),
        new("审核通过日期", r => r.Product.ReviewedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ]);

    public static byte[] ToArray(TableFormat format, IEnumerable<PatentIntensiveProduct> products) =>
        Table.ToArray(format, products.SelectMany(p => p.Patents.OrderBy(x => x.PatentId, StringComparer.Ordinal).Select(x => (p, x))));
}
