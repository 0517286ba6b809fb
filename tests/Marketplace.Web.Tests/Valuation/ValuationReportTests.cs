using Analytics.Valuation;
using Marketplace.Web.Valuation;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Valuation;

/// <summary>The Chinese PDF report, read back as text by pdftotext (poppler-utils, installed by test.sh).</summary>
public sealed class ValuationReportTests
{
    private static PatentValuation Valuation(IReadOnlyList<ComparableTransaction> comparables)
    {
        var published = PublishedRoyaltyRates.Shipped.For("new-energy");
        var terms = new ValuationTerms
        {
            Purpose = ValuationPurpose.CapitalContribution,
            ValuationDate = new DateOnly(2026, 12, 1),
            RevenueYuan = 1_000_000m,
            GrowthPercent = 0m,
            RoyaltyPercent = 5m,
            TaxPercent = 25m,
            DiscountPercent = 10m,
            LifeYears = 3m,
            FeesYuan = 20_000m,
            ResearchCostYuan = 180_000m,
            ObsolescencePercent = 20m,
            MarketAdjustmentPercent = 0m,
            Basis = ValuationApproach.Income,
        };
        var patent = new ValuedPatentFacts("CN115883397A", "一种web端数据通用采集方法", DocumentType.Invention, new DateOnly(2022, 11, 2), "new-energy");
        return PatentValuation.Create([patent], null, "new-energy", new RoyaltyDefault(published.MidpointPercent, RoyaltyRateSource.PublishedRange, 1, published), terms, comparables, Guid.NewGuid(), new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void The_report_says_it_is_no_appraisal_and_carries_every_input_the_sensitivity_table_and_no_comparables()
    {
        var valuation = Valuation([]);

        var text = PdfText.Of(ValuationReport.Pdf(valuation, "泉州示范大学（演示）", "新能源", new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc)));

        Assert.Contains("专利价值分析报告（专利作价出资入股参考）", text, StringComparison.Ordinal);
        Assert.Contains("不是资产评估报告", text, StringComparison.Ordinal);
        Assert.Contains(valuation.Reference, text, StringComparison.Ordinal);
        foreach (var input in new[] { "收入基数（首年）", "¥1,000,000.00", "收入年增长率", "提成率", "所得税率", "25%", "折现率", "10%", "剩余经济寿命", "官费及代理费", "¥20,000.00", "研发成本", "¥180,000.00", "贬值率", "20%", "可比交易调整" })
            Assert.Contains(input, text, StringComparison.Ordinal);
        // The default came from the published range for new energy (electrical appliances, 3 %–4.5 %), and the report says so.
        Assert.Contains("电器", text, StringComparison.Ordinal);
        Assert.Contains("由默认值 3.75% 调整", text, StringComparison.Ordinal);
        Assert.Contains("¥93,256.95", text, StringComparison.Ordinal);
        Assert.Contains("敏感性分析", text, StringComparison.Ordinal);
        // Corners of the royalty × discount grid: 4 % at 8 % and 6 % at 12 % (figures worked in Analytics.Tests).
        Assert.Contains("¥77,312.91", text, StringComparison.Ordinal);
        Assert.Contains("¥108,082.41", text, StringComparison.Ordinal);
        Assert.Contains("无可比交易", text, StringComparison.Ordinal);
        Assert.Contains("成本法价值", text, StringComparison.Ordinal);
        // 5,815 days to 2042-11-02 are 15.92 years of 20: (20,000 + 180,000) × 0.796 × (1 − 20 %) = 127,360.
        Assert.Contains("79.6%", text, StringComparison.Ordinal);
        Assert.Contains("¥127,360.00", text, StringComparison.Ordinal);
        Assert.Contains("价值区间为", text, StringComparison.Ordinal);
        Assert.Contains("¥72,054.94", text, StringComparison.Ordinal);
        Assert.Contains("¥115,969.36", text, StringComparison.Ordinal);
        Assert.Contains("UNIDO", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparables_are_listed_with_their_adjusted_values()
    {
        var licence = new ComparableTransaction("OL-20261101-ABCDEF12", ComparableKind.License, "CN116245100A", "一种方法", new DateOnly(2026, 11, 1), 50_000m, 1, null, "new-energy");

        var text = PdfText.Of(ValuationReport.Pdf(Valuation([licence]), null, null, DateTime.UtcNow));

        Assert.Contains("OL-20261101-ABCDEF12", text, StringComparison.Ordinal);
        Assert.Contains("¥50,000.00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("无可比交易", text, StringComparison.Ordinal);
        Assert.Contains("未在平台登记", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_says_which_comparables_are_platform_transfers()
    {
        var licence = new ComparableTransaction("OL-20261101-ABCDEF12", ComparableKind.License, "CN116245100A", "一种方法", new DateOnly(2026, 11, 1), 50_000m, 1, null, "new-energy");
        var transfer = new ComparableTransaction("ZR-20261115-1234ABCD", ComparableKind.Transfer, "CN116245200A", "一种装置", new DateOnly(2026, 11, 15), 200_000m, 1, null, "new-energy");

        var text = PdfText.Of(ValuationReport.Pdf(Valuation([licence, transfer]), null, null, DateTime.UtcNow));

        Assert.Contains("ZR-20261115-1234ABCD", text, StringComparison.Ordinal);
        Assert.Contains("2 笔可比交易中 1 笔为平台上已付款的专利权转让", text, StringComparison.Ordinal);
    }
}
