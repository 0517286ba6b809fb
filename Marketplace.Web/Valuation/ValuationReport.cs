using System.Globalization;
using Analytics.Documents;
using Analytics.Valuation;
using Search.Indexer.Records;

namespace Marketplace.Web.Valuation;

/// <summary>
/// The valuation as a PDF report in Chinese (专利价值分析报告), for a bank considering a pledge or for partners
/// agreeing a capital contribution. It states first that it is an analysis, not a certified asset appraisal, then
/// every input, the schedule, the sensitivity table, the comparables (or that there are none), the cost approach and
/// the conclusion, and the published royalty-rate table it cites. Generated from the stored inputs, so the same
/// revision always gives the same text.
/// </summary>
public static class ValuationReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The sentence every report and page carries: the law reserves appraisal reports to licensed appraisers.</summary>
    public const string NotAnAppraisal = "本报告是平台依据下列输入所作的专利价值分析，不是资产评估报告。专利作价出资入股、质押融资等需要资产评估报告的，应当委托依法设立的资产评估机构、由资产评估师出具（《中华人民共和国资产评估法》）；本报告仅供其参考。";

    public static string Yuan(decimal yuan) => "¥" + yuan.ToString("N2", Invariant);

    public static string Percent(decimal percent) => percent.ToString("0.##", Invariant) + "%";

    /// <summary>
    /// Which comparables are transfers: a transfer sells the patent outright, a licence only a right to use it, so the
    /// reader weighs them differently (and sets the adjustment for it).
    /// </summary>
    public static string TransferNote(int transfers, int all) =>
        transfers == 0 ? "可比交易均为平台普通许可。" : $"{all} 笔可比交易中 {transfers} 笔为平台上已付款的专利权转让（所有权转移，类型栏标“转让”），其余为普通许可。";

    public static string PurposeZh(ValuationPurpose purpose) => purpose == ValuationPurpose.PledgeFinancing ? "专利质押融资" : "专利作价出资入股";

    public static string ApproachZh(ValuationApproach approach) => approach switch
    {
        ValuationApproach.Income => "收益法（许可费节省法）",
        ValuationApproach.Market => "市场法（可比交易）",
        _ => "成本法（重置成本）",
    };

    private static string TypeZh(DocumentType type) => type switch
    {
        DocumentType.Invention => "发明",
        DocumentType.UtilityModel => "实用新型",
        DocumentType.Design => "外观设计",
        _ => "其他",
    };

    /// <summary>Where the default royalty rate came from, in the report's words.</summary>
    public static string RoyaltySourceZh(RoyaltyDefault royalty)
    {
        ArgumentNullException.ThrowIfNull(royalty);
        return royalty.Source == RoyaltyRateSource.PlatformLicences
            ? $"默认提成率取平台同一产业链 {royalty.LicenceCount} 笔已生效的按销售额提成许可的提成率中位数 {Percent(royalty.Percent)}。"
            : $"平台同一产业链已生效的按销售额提成许可不足 {ValuationService.MinLicencesForMedian} 笔（{royalty.LicenceCount} 笔），默认提成率取公开资料中“{royalty.Published?.IndustryZh}”行业 {Percent(royalty.Published?.LowPercent ?? 0)}–{Percent(royalty.Published?.HighPercent ?? 0)} 区间的中值 {Percent(royalty.Percent)}（来源见附表）。";
    }

    public static byte[] Pdf(PatentValuation valuation, string? ownerName, string? chainName, DateTime generatedAt)
    {
        ArgumentNullException.ThrowIfNull(valuation);
        var terms = valuation.Terms;
        var result = valuation.Result();
        using var pdf = new PdfComposer("专利价值分析报告 " + valuation.Reference, $"{valuation.Reference} · 第 {valuation.Revision} 版 · {generatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant)}");
        pdf.Title($"专利价值分析报告（{PurposeZh(terms.Purpose)}参考）")
            .Heading("声明")
            .Paragraph(NotAnAppraisal)
            .Fields([
                ("报告编号", valuation.Reference),
                ("用途", PurposeZh(terms.Purpose)),
                ("基准日", terms.ValuationDate.ToString("yyyy-MM-dd", Invariant)),
                ("专利权人", ownerName ?? "未在平台登记"),
                ("产业链", chainName ?? "未归入产业链"),
                ("版本", $"第 {valuation.Revision} 版，{valuation.UpdatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant)} 保存"),
            ]);

        pdf.Heading("一、评估对象")
            .Table(["专利号", "名称", "类型", "申请日", "法定期限届满", "剩余法定年限"],
                valuation.Patents.Select(p => (IReadOnlyList<string>)[p.PatentId, p.Title, TypeZh(p.DocumentType), p.ApplicationDate?.ToString("yyyy-MM-dd", Invariant) ?? "-",
                    p.Expiry?.ToString("yyyy-MM-dd", Invariant) ?? "-", p.RemainingYears(terms.ValuationDate)?.ToString("0.##", Invariant) ?? "-"]),
                [95, 170, 45, 65, 70, 60])
            .Note("法定期限自申请日起算：发明专利 20 年，实用新型 10 年，外观设计 15 年（2021 年 6 月 1 日前申请的为 10 年）；未计专利权期限补偿。");

        pdf.Heading("二、收益法（许可费节省法）")
            .Paragraph("专利权人因拥有专利而无需向他人支付的许可费，按剩余经济寿命逐年折现，其税后现值即为专利价值。")
            .Fields([
                ("收入基数（首年）", Yuan(terms.RevenueYuan)),
                ("收入年增长率", Percent(terms.GrowthPercent)),
                ("提成率", Percent(terms.RoyaltyPercent) + (terms.RoyaltyPercent == valuation.DefaultRoyaltyPercent ? "（采用默认值）" : $"（由默认值 {Percent(valuation.DefaultRoyaltyPercent)} 调整）")),
                ("提成率依据", RoyaltySourceZh(valuation.RoyaltyDefault)),
                ("所得税率", Percent(terms.TaxPercent)),
                ("折现率", Percent(terms.DiscountPercent)),
                ("剩余经济寿命", $"{terms.LifeYears.ToString("0.##", Invariant)} 年（法定剩余年限上限 {valuation.StatutoryYearsLeft.ToString("0.##", Invariant)} 年）"),
            ], labelWidth: 110)
            .Table(["年度", "计入比例", "收入", "许可费", "税后许可费", "折现系数", "现值"],
                result.Income.Years.Select(y => (IReadOnlyList<string>)[y.Year.ToString(Invariant), y.Share.ToString("0.##", Invariant), Yuan(y.RevenueYuan), Yuan(y.RoyaltyYuan),
                    Yuan(y.AfterTaxYuan), y.DiscountFactor.ToString("0.0000", Invariant), Yuan(y.PresentValueYuan)]),
                [30, 45, 80, 70, 70, 50, 75])
            .Paragraph($"收益法现值合计：{Yuan(result.Income.PresentValueYuan)}");

        pdf.Heading("三、敏感性分析")
            .Paragraph("收益法现值随提成率（行）与折现率（列）变化的情况：")
            .Table(["提成率 \\ 折现率", .. result.Sensitivity.DiscountPercents.Select(Percent)],
                result.Sensitivity.RoyaltyPercents.Select((r, i) => (IReadOnlyList<string>)[Percent(r), .. result.Sensitivity.Values[i].Select(Yuan)]));

        pdf.Heading("四、市场法（平台可比交易）")
            .Fields([("可比交易调整", Percent(terms.MarketAdjustmentPercent) + "（反映普通许可与所有权、交易时间、范围等差异）")], labelWidth: 110);
        if (result.Market.HasComparables)
        {
            pdf.Table(["交易编号", "类型", "专利", "日期", "价格", "专利数", "寿命系数", "调整后价值"],
                    result.Market.Comparables.Select(c => (IReadOnlyList<string>)[c.Source.Reference, c.Source.Kind == ComparableKind.License ? "许可" : "转让", c.Source.PatentId,
                        c.Source.Date.ToString("yyyy-MM-dd", Invariant), Yuan(c.Source.PriceYuan), c.Source.PatentCount.ToString(Invariant), c.LifeFactor.ToString("0.####", Invariant), Yuan(c.AdjustedYuan)]),
                    [105, 30, 75, 55, 60, 30, 40, 65], size: 8)
                .Paragraph($"调整后价值：最低 {Yuan(result.Market.LowYuan!.Value)}，中位数 {Yuan(result.Market.MedianYuan!.Value)}，最高 {Yuan(result.Market.HighYuan!.Value)}。")
                .Note(TransferNote(result.Market.Comparables.Count(c => c.Source.Kind == ComparableKind.Transfer), result.Market.Comparables.Count)
                    + "价格按交易所含专利数平均分摊；寿命系数为评估对象剩余法定年限与可比交易专利剩余法定年限之比（限于 0.5–2）。");
        }
        else
        {
            pdf.Paragraph("无可比交易：平台上暂无同一产业链已生效的有价许可或转让，市场法未得出结果。");
        }

        pdf.Heading("五、成本法（重置成本）")
            .Fields([
                ("官费及代理费", Yuan(terms.FeesYuan)),
                ("研发成本", Yuan(terms.ResearchCostYuan)),
                ("重置成本", Yuan(result.Cost.ReplacementCostYuan)),
                ("成新率", $"{Percent(result.Cost.RemainingShare * 100)}（剩余法定年限 ÷ 法定期限 {valuation.TermYears} 年）"),
                ("贬值率", Percent(terms.ObsolescencePercent)),
                ("成本法价值", Yuan(result.Cost.ValueYuan)),
            ], labelWidth: 110);

        pdf.Heading("六、分析结论");
        if (result.Conclusion is { } c)
            pdf.Paragraph($"依据{ApproachZh(c.Basis)}，评估对象于基准日 {terms.ValuationDate.ToString("yyyy-MM-dd", Invariant)} 的价值区间为 {Yuan(c.LowYuan)} 至 {Yuan(c.HighYuan)}，点值 {Yuan(c.PointYuan)}。")
                .Note(c.Basis switch
                {
                    ValuationApproach.Income => "区间取敏感性分析表中的最低值与最高值。",
                    ValuationApproach.Market => "区间取调整后可比交易价值的最低值与最高值，点值取其中位数。",
                    _ => $"区间取贬值率上下各 {ValuationCalculator.CostRangePoints.ToString("0", Invariant)} 个百分点的成本法价值。",
                });
        else
            pdf.Paragraph("未得出结论。");
        pdf.Paragraph(NotAnAppraisal);

        pdf.Heading("附表：公开资料中的提成率区间（按净销售额）")
            .Table(["行业", "提成率区间"], PublishedRoyaltyRates.Shipped.Industries.Select(r => (IReadOnlyList<string>)[r.IndustryZh, $"{Percent(r.LowPercent)}–{Percent(r.HighPercent)}"]), [3, 2])
            .Note("来源：" + PublishedRoyaltyRates.Shipped.For(null).Source + "。产业链与行业的对应为平台所定。");
        return pdf.ToArray();
    }
}
