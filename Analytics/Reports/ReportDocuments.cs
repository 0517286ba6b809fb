using System.Globalization;
using Analytics.Documents;
using ClosedXML.Excel;

namespace Analytics.Reports;

/// <summary>A report as a PDF (the shared composer, charts as PNG) and as an Excel workbook (one sheet per module).</summary>
public static class ReportDocuments
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static byte[] Pdf(NavigationReport report, IReadOnlyList<ReportChart>? charts = null)
    {
        charts ??= ReportCharts.Draw(report);
        var chart = charts.ToDictionary(c => c.Id);
        var generated = report.GeneratedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", Invariant);
        using var pdf = new PdfComposer("专利导航报告 " + report.ScopeDescription, $"专利导航报告 · {generated}（北京时间）");
        pdf.Title("专利导航报告").Paragraph(report.ScopeDescription, 11)
            .Fields([
                ("生成时间", generated + "（北京时间）"),
                ("依据", "GB/T 39551-2020《专利导航指南》：趋势、技术构成、主要创新主体、区域定位、可转化供给、发展路径"),
                ("数据", $"读取 {N(report.RecordsRead)} 件，范围内 {N(report.RecordsInScope)} 件；用时 {report.Seconds.ToString("0.0", Invariant)} 秒"),
            ]);

        pdf.Heading("一、发展趋势");
        var t = report.Trends;
        pdf.Paragraph($"期间申请 {N(t.Applications)} 件，授权 {N(t.Grants)} 件，有效发明专利 {N(t.ValidInventions)} 件；年均增长率 {P(t.AnnualGrowth)}。");
        if (chart.TryGetValue("trend", out var trend)) pdf.Image(trend.Png);
        pdf.Table(["年份", "申请", "发明", "实用新型", "外观设计", "授权", "同比增长"],
            t.Years.Select(y => (IReadOnlyList<string>)[y.Year.ToString(Invariant), N(y.Applications), N(y.Inventions), N(y.UtilityModels), N(y.Designs), N(y.Grants), P(y.Growth)]));
        pdf.Note(t.Note);

        pdf.Heading("二、技术构成");
        var c = report.Composition;
        if (chart.TryGetValue("ipc", out var ipc)) pdf.Image(ipc.Png);
        pdf.Table(["IPC 小类", "名称", "专利数", "占比"], c.IpcSubclasses.Select(x => (IReadOnlyList<string>)[x.Code, Shorten(x.Name, 60), N(x.Count), P(x.Share)]), [1, 5, 1.2, 1.2]);
        if (chart.TryGetValue("fields", out var fields)) pdf.Image(fields.Png);
        pdf.Table(["WIPO 技术领域", "专利数", "占比"], c.TechnologyFields.Take(15).Select(x => (IReadOnlyList<string>)[x.Name, N(x.Count), P(x.Share)]), [4, 1.2, 1.2]);
        if (c.SubTopics.Count > 0)
            pdf.Table(["技术分支（聚类，以高频词命名）", "专利数", "占比"], c.SubTopics.Select(x => (IReadOnlyList<string>)[x.Name, N(x.Count), P(x.Share)]), [4, 1.2, 1.2]);
        else pdf.Note("范围内的专利尚无技术分支标签（需先运行 Analytics train 与 label）。");
        if (c.Chains.Count > 0)
            pdf.Table(["产业链", "专利数", "占比"], c.Chains.Select(x => (IReadOnlyList<string>)[x.Name, N(x.Count), P(x.Share)]), [4, 1.2, 1.2]);

        pdf.Heading("三、主要创新主体");
        var pl = report.Players;
        pdf.Paragraph($"共 {N(pl.DistinctApplicants)} 个申请人；高校院所参与 {N(pl.UniversityPatents)} 件，企业参与 {N(pl.EnterprisePatents)} 件，校企联合 {N(pl.JointUniversityEnterprise)} 件。");
        if (chart.TryGetValue("applicants", out var apps)) pdf.Image(apps.Png);
        pdf.Table(["申请人", "类型", "所在地", "申请", "授权", "有效"],
            pl.TopApplicants.Select(a => (IReadOnlyList<string>)[a.Name, a.Type, a.Place ?? "—", N(a.Applications), N(a.Grants), N(a.Valid)]), [5, 1.2, 1.4, 1, 1, 1]);
        pdf.Table(["第一申请人类型", "专利数", "占比"], pl.ByApplicantType.Select(x => (IReadOnlyList<string>)[x.Name, N(x.Count), P(x.Share)]));
        if (chart.TryGetValue("network", out var network)) pdf.Image(network.Png);
        if (pl.CoApplicants.Count > 0)
            pdf.Table(["申请人 A", "申请人 B", "共同申请"], pl.CoApplicants.Select(l => (IReadOnlyList<string>)[l.A, l.B, N(l.Patents)]), [3, 3, 1]);

        pdf.Heading("四、区域定位");
        var r = report.Region;
        pdf.Table(["层级", "范围内专利", "占全部范围", "占本层级全部专利", "年均增长"],
            r.Levels.Select(l => (IReadOnlyList<string>)[l.Name, N(l.Patents), P(l.ShareOfScope), P(l.ScopeShareOfLevel), P(l.AnnualGrowth)]));
        if (chart.TryGetValue("rta", out var rta)) pdf.Image(rta.Png);
        pdf.Table(["技术领域", report.CityName, report.ProvinceName, "全部", $"{report.CityName} RTA", $"{report.ProvinceName} RTA"],
            r.Advantage.Take(15).Select(a => (IReadOnlyList<string>)[a.Name, N(a.CityPatents), N(a.ProvincePatents), N(a.AllPatents), R(a.CityRta), R(a.ProvinceRta)]), [3, 1, 1, 1, 1, 1]);
        if (chart.TryGetValue("counties", out var counties)) pdf.Image(counties.Png);
        pdf.Note(r.Method);

        pdf.Heading("五、可转化运用的专利供给");
        var s = report.Supply;
        pdf.Paragraph($"范围内有效专利 {N(s.Valid)} 件；高价值专利 {N(s.HighValue)} 件，沉睡专利 {N(s.Sleeping)} 件，已发布开放许可 {N(s.OpenLicenses)} 件。");
        SupplyTable(pdf, "高价值专利（按价值指数）", s.TopHighValue);
        SupplyTable(pdf, "沉睡专利（按价值指数）", s.TopSleeping);
        SupplyTable(pdf, "可直接获得开放许可的专利", s.OpenLicensed);
        pdf.Note(s.Note);

        pdf.Heading("六、发展路径建议");
        var i = 1;
        foreach (var rec in report.Recommendations)
        {
            pdf.Paragraph($"{i++}. {rec.Title}", 10.5).Paragraph(rec.Reason).Note("规则：" + rec.Rule);
        }
        pdf.Note("建议由规则生成，阈值可配置；应结合产业调研与专家意见使用。");
        return pdf.ToArray();
    }

    private static void SupplyTable(PdfComposer pdf, string title, IReadOnlyList<SupplyPatent> patents)
    {
        if (patents.Count == 0) return;
        pdf.Paragraph(title, 10.5);
        pdf.Table(["公开号", "名称", "权利人", "价值指数"], patents.Select(p => (IReadOnlyList<string>)[p.Id, p.Title ?? "", p.Owners, R(p.ValueIndex)]), [1.6, 3, 2.4, 1]);
    }

    /// <summary>The report as a workbook: a sheet per module, numbers as numbers.</summary>
    public static byte[] Excel(NavigationReport report)
    {
        using var book = new XLWorkbook();
        var summary = book.Worksheets.Add("概要");
        Rows(summary, ["项目", "值"], [
            ["范围", report.ScopeDescription],
            ["生成时间（UTC）", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant)],
            ["读取记录", report.RecordsRead],
            ["范围内", report.RecordsInScope],
            ["申请", report.Trends.Applications],
            ["授权", report.Trends.Grants],
            ["有效发明", report.Trends.ValidInventions],
            ["年均增长率", report.Trends.AnnualGrowth],
        ]);
        Rows(book.Worksheets.Add("趋势"), ["年份", "申请", "发明", "实用新型", "外观设计", "其他", "授权", "同比增长"],
            report.Trends.Years.Select(y => new object?[] { y.Year, y.Applications, y.Inventions, y.UtilityModels, y.Designs, y.Other, y.Grants, y.Growth }));
        Rows(book.Worksheets.Add("IPC小类"), ["IPC", "名称", "专利数", "占比"], report.Composition.IpcSubclasses.Select(x => new object?[] { x.Code, x.Name, x.Count, x.Share }));
        Rows(book.Worksheets.Add("技术领域"), ["编号", "WIPO 技术领域", "专利数", "占比"], report.Composition.TechnologyFields.Select(x => new object?[] { x.Code, x.Name, x.Count, x.Share }));
        Rows(book.Worksheets.Add("技术分支"), ["技术分支", "专利数", "占比"], report.Composition.SubTopics.Select(x => new object?[] { x.Name, x.Count, x.Share }));
        Rows(book.Worksheets.Add("申请人"), ["申请人", "类型", "所在地", "申请", "授权", "有效"],
            report.Players.TopApplicants.Select(a => new object?[] { a.Name, a.Type, a.Place, a.Applications, a.Grants, a.Valid }));
        Rows(book.Worksheets.Add("联合申请"), ["申请人 A", "申请人 B", "共同申请"], report.Players.CoApplicants.Select(l => new object?[] { l.A, l.B, l.Patents }));
        var region = book.Worksheets.Add("区域定位");
        Rows(region, ["层级", "范围内专利", "本层级全部专利", "占全部范围", "占本层级", "年均增长"],
            report.Region.Levels.Select(l => new object?[] { l.Name, l.Patents, l.AllPatents, l.ShareOfScope, l.ScopeShareOfLevel, l.AnnualGrowth }));
        Rows(book.Worksheets.Add("RTA"), ["技术领域", report.CityName, report.ProvinceName, "全部", "城市 RTA", "省 RTA"],
            report.Region.Advantage.Select(a => new object?[] { a.Name, a.CityPatents, a.ProvincePatents, a.AllPatents, a.CityRta, a.ProvinceRta }));
        Rows(book.Worksheets.Add("区县"), ["区县", "申请", "占比"], report.Region.Counties.Select(c => new object?[] { c.Name, c.Count, c.Share }));
        Rows(book.Worksheets.Add("供给"), ["清单", "公开号", "名称", "权利人", "价值指数", "高价值", "沉睡", "开放许可"],
            report.Supply.TopHighValue.Select(p => Supply("高价值", p)).Concat(report.Supply.TopSleeping.Select(p => Supply("沉睡", p)))
                .Concat(report.Supply.OpenLicensed.Select(p => Supply("开放许可", p))));
        Rows(book.Worksheets.Add("建议"), ["类型", "建议", "依据", "规则"], report.Recommendations.Select(r => new object?[] { r.Kind.ToString(), r.Title, r.Reason, r.Rule }));
        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        return buffer.ToArray();
    }

    private static object?[] Supply(string list, SupplyPatent p) => [list, p.Id, p.Title, p.Owners, p.ValueIndex, p.HighValue, p.Sleeping, p.OpenLicense];

    private static void Rows(IXLWorksheet sheet, string[] headers, IEnumerable<object?[]> rows)
    {
        for (var c = 0; c < headers.Length; c++) sheet.Cell(1, c + 1).Value = headers[c];
        sheet.Row(1).Style.Font.Bold = true;
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
                sheet.Cell(r, c + 1).Value = row[c] switch
                {
                    null => "",
                    double d => d,
                    long l => l,
                    int i => i,
                    bool b => b ? "是" : "否",
                    var o => o.ToString() ?? "",
                };
            r++;
        }
        // ClosedXML 0.95 measures text through System.Drawing (libgdiplus, absent on Linux): fixed widths instead of AdjustToContents.
        for (var c = 1; c <= headers.Length; c++) sheet.Column(c).Width = c == 1 ? 36 : 16;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string N(long n) => n.ToString("N0", Invariant);

    private static string P(double? x) => x is { } v ? (v * 100).ToString("0.0", Invariant) + "%" : "—";

    private static string R(double? x) => x is { } v ? v.ToString("0.00", Invariant) : "—";
}
