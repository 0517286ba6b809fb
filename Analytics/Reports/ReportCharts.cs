using System.Globalization;
using ScottPlot;

namespace Analytics.Reports;

/// <summary>One chart of a report, drawn once as SVG (for the web page) and once as PNG (for the PDF).</summary>
public sealed record ReportChart(string Id, string Title, string Svg, byte[] Png);

/// <summary>
/// Draws a report's charts server-side with ScottPlot 5 (SkiaSharp): every label in a CJK font found on
/// the system (WenQuanYi Micro Hei where installed), so Chinese reads in both the SVG and the PNG.
/// Their words are Chinese (the report's documents are), or, given a translator, each sentence's English
/// <see cref="Phrase"/> in the translator's language: Analytics knows nothing of the web's resources.
/// </summary>
public static class ReportCharts
{
    private const int Width = 800, Height = 380;
    // The SkiaSharp build without dependencies does not ask fontconfig, so the face is registered from the same
    // system file the PDF composer uses (WenQuanYi Micro Hei, or PATENT_PDF_FONT).
    private static readonly Lazy<string> ChineseFont = new(() =>
    {
        const string name = "ReportCjk";
        Fonts.AddFontFile(name, Documents.CjkFontResolver.FindFontFile());
        return name;
    });
    private const string BrowserFonts = "WenQuanYi Micro Hei, Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif";
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"), Color.FromHex("#8c564b"),
    ];

    /// <summary>
    /// The charts of <paramref name="report"/>, in the order the page and the PDF show them; charts without data are left out.
    /// Without <paramref name="translate"/> their words are Chinese; with it, each is its English phrase translated.
    /// </summary>
    public static IReadOnlyList<ReportChart> Draw(NavigationReport report, Func<Phrase, string>? translate = null)
    {
        var words = new ChartWords(translate);
        string Title(string id) => words.Say(TitleOf(id, report), ChineseTitle(id, report));
        var charts = new List<ReportChart>();
        if (report.Trends.Years.Any(y => y.Applications > 0 || y.Grants > 0)) charts.Add(Trend(report.Trends, words));
        var patents = words.Say(Phrase.Of("Number of patents"), "专利数");
        var applications = words.Say(Phrase.Of("Number of applications"), "申请量");
        if (report.Composition.IpcSubclasses.Count > 0)
            charts.Add(HorizontalBars("ipc", Title("ipc"), report.Composition.IpcSubclasses.Take(10).Select(c => $"{c.Code} {Shorten(c.Name, 14)}").ToList(),
                report.Composition.IpcSubclasses.Take(10).Select(c => (double)c.Count).ToList(), patents));
        if (report.Composition.TechnologyFields.Count > 0)
            charts.Add(HorizontalBars("fields", Title("fields"), report.Composition.TechnologyFields.Take(10).Select(c => words.Field(c.Code, c.Name)).ToList(),
                report.Composition.TechnologyFields.Take(10).Select(c => (double)c.Count).ToList(), patents));
        if (report.Players.TopApplicants.Count > 0)
            charts.Add(HorizontalBars("applicants", Title("applicants"), report.Players.TopApplicants.Take(10).Select(a => Shorten(a.Name, 18)).ToList(),
                report.Players.TopApplicants.Take(10).Select(a => (double)a.Applications).ToList(), applications));
        if (report.Players.CoApplicants.Count > 0) charts.Add(Network(report.Players.CoApplicants, Title("network")));
        var rta = report.Region.Advantage.Where(a => a.CityRta is not null || a.ProvinceRta is not null).Take(10).ToList();
        if (rta.Count > 0) charts.Add(Advantage(rta, report.CityName, report.ProvinceName, Title("rta"), words));
        if (report.Region.Counties.Count > 0)
            charts.Add(HorizontalBars("counties", Title("counties"), report.Region.Counties.Select(c => c.Name).ToList(),
                report.Region.Counties.Select(c => (double)c.Count).ToList(), applications));
        return charts;
    }

    /// <summary>A chart's title as a phrase the web translates (its alternative text, whatever the image's language).</summary>
    public static Phrase TitleOf(string chartId, NavigationReport report) => chartId switch
    {
        "trend" => Phrase.Of("Patent applications and grants"),
        "ipc" => Phrase.Of("IPC subclasses (top 10)"),
        "fields" => Phrase.Of("WIPO technology fields (top 10)"),
        "applicants" => Phrase.Of("Top 10 applicants"),
        "network" => Phrase.Of("Co-applicant network (line width = joint applications)"),
        "rta" => Phrase.Of("Revealed technological advantage (RTA): {0} and {1} (1 = average of all data)", report.CityName, report.ProvinceName),
        "counties" => Phrase.Of("Patent applications by county in {0}", report.CityName),
        _ => throw new ArgumentOutOfRangeException(nameof(chartId), chartId, "No such chart."),
    };

    private static string ChineseTitle(string chartId, NavigationReport report) => chartId switch
    {
        "trend" => TrendTitle,
        "ipc" => "IPC 小类分布（前 10）",
        "fields" => "WIPO 技术领域分布（前 10）",
        "applicants" => "主要申请人（前 10）",
        "network" => "联合申请网络（线宽 = 共同申请件数）",
        "rta" => $"显示性技术优势 RTA：{report.CityName}与{report.ProvinceName}（1 = 全部数据平均）",
        "counties" => $"{report.CityName}各区县专利申请量",
        _ => throw new ArgumentOutOfRangeException(nameof(chartId), chartId, "No such chart."),
    };

    /// <summary>The words of one drawing: the Chinese the documents print, or the translator's rendering of the English phrase.</summary>
    private sealed class ChartWords(Func<Phrase, string>? translate)
    {
        public string Say(Phrase english, string chinese) => translate is null ? chinese : translate(english);

        /// <summary>A WIPO technology field by its number (the report keeps the Chinese name beside it).</summary>
        public string Field(string number, string chineseName) =>
            translate is null || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? chineseName
            : n == 0 ? translate(Phrase.Of("(no matching technology field)"))
            : translate(Phrase.Of("{0}", PhraseArgument.Field(n)));
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Font.Set(ChineseFont.Value);
        plot.Title(title);
        plot.Axes.Title.Label.FontName = ChineseFont.Value;
        plot.Legend.FontName = ChineseFont.Value;
        return plot;
    }

    private static ReportChart Render(string id, string title, Plot plot, int width = Width, int height = Height)
    {
        LeaveRoomForAxisLabels(plot, width, height);
        // The registered face's name means nothing to a browser: name the families a reader's system may have.
        var svg = plot.GetSvgXml(width, height).Replace(ChineseFont.Value, BrowserFonts, StringComparison.Ordinal);
        // Twice the resolution for print, with the same layout (fonts and lines scale with it).
        plot.ScaleFactor = 2;
        LeaveRoomForAxisLabels(plot, width * 2, height * 2);
        var png = plot.GetImageBytes(width * 2, height * 2, ImageFormat.Png);
        return new ReportChart(id, title, svg, png);
    }

    /// <summary>Room beside the vertical axis, in ScottPlot's units (pixels at scale 1), beyond what ScottPlot measures.</summary>
    internal const float AxisLabelRoom = 12;

    /// <summary>
    /// ScottPlot sizes the axis panels to the labels as it measures them, to the pixel; a browser drawing the SVG
    /// with another CJK font (PingFang, YaHei) needs a little more, and the vertical axis title was cut off at the
    /// figure's edge. A first layout measures the left panel, which then gets <see cref="AxisLabelRoom"/> more.
    /// Sizes are in units that <see cref="Plot.ScaleFactor"/> multiplies, so the print image keeps the same layout.
    /// </summary>
    internal static void LeaveRoomForAxisLabels(Plot plot, int width, int height)
    {
        var left = plot.Axes.Left;
        left.MinimumSize = 0;
        plot.GetImage(width, height).Dispose();
        if (plot.LastRender.Layout.PanelSizes.TryGetValue(left, out var size) && size > 0)
            left.MinimumSize = size + AxisLabelRoom;
    }

    private const string TrendTitle = "专利申请与授权趋势";

    private static ReportChart Trend(TrendSection trends, ChartWords words)
    {
        using var plot = new DisposablePlot(TrendPlot(trends, words));
        return Render("trend", words.Say(Phrase.Of("Patent applications and grants"), TrendTitle), plot.Plot);
    }

    /// <summary>Stacked applications per year by patent type, with grants as a line, in Chinese; the caller disposes the plot.</summary>
    internal static Plot TrendPlot(TrendSection trends) => TrendPlot(trends, new ChartWords(null));

    private static Plot TrendPlot(TrendSection trends, ChartWords words)
    {
        var p = NewPlot(words.Say(Phrase.Of("Patent applications and grants"), TrendTitle));
        var bars = new List<Bar>();
        string[] names =
        [
            words.Say(Phrase.Of("Applications: {0}", Phrase.Of("Invention")), "申请：发明"),
            words.Say(Phrase.Of("Applications: {0}", Phrase.Of("Utility model")), "申请：实用新型"),
            words.Say(Phrase.Of("Applications: {0}", Phrase.Of("Design")), "申请：外观设计"),
            words.Say(Phrase.Of("Applications: {0}", Phrase.Of("Other")), "申请：其他"),
        ];
        foreach (var y in trends.Years)
        {
            double[] parts = [y.Inventions, y.UtilityModels, y.Designs, y.Other];
            double bottom = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i] <= 0) continue;
                bars.Add(new Bar { Position = y.Year, ValueBase = bottom, Value = bottom + parts[i], FillColor = Palette[i], LineWidth = 0 });
                bottom += parts[i];
            }
        }
        p.Add.Bars(bars);
        var grants = p.Add.Scatter(trends.Years.Select(y => (double)y.Year).ToArray(), trends.Years.Select(y => (double)y.Grants).ToArray());
        grants.Color = Color.FromHex("#d62728");
        grants.LineWidth = 2;
        grants.MarkerSize = 6;
        grants.LegendText = words.Say(Phrase.Of("Grants (by grant year)"), "授权（按授权年）");
        for (var i = 0; i < names.Length; i++)
            if (trends.Years.Any(y => (i switch { 0 => y.Inventions, 1 => y.UtilityModels, 2 => y.Designs, _ => y.Other }) > 0))
                p.Legend.ManualItems.Add(new LegendItem { LabelText = names[i], FillColor = Palette[i] });
        // Below the data area, in one row: drawn inside, the legend covered the early years' bars.
        p.ShowLegend(Edge.Bottom);
        p.Legend.Orientation = Orientation.Horizontal;
        p.Axes.Left.Label.Text = words.Say(Phrase.Of("Count"), "件数");
        p.Axes.Left.Label.FontName = ChineseFont.Value;
        var years = trends.Years.Select(y => y.Year).ToArray();
        var step = Math.Max(1, (int)Math.Ceiling(years.Length / 12.0));
        p.Axes.Bottom.SetTicks(years.Where((_, i) => i % step == 0).Select(y => (double)y).ToArray(),
            years.Where((_, i) => i % step == 0).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray());
        p.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        p.Axes.Margins(bottom: 0);
        return p;
    }

    private static ReportChart HorizontalBars(string id, string title, List<string> labels, List<double> values, string axis)
    {
        using var plot = new DisposablePlot(NewPlot(title));
        var p = plot.Plot;
        var n = labels.Count;
        // Largest on top: positions count down.
        var bars = values.Select((v, i) => new Bar { Position = n - 1 - i, Value = v, FillColor = Palette[0], LineWidth = 0 }).ToList();
        var series = p.Add.Bars(bars);
        series.Horizontal = true;
        p.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), labels.ToArray());
        p.Axes.Left.MajorTickStyle.Length = 0;
        p.Axes.Bottom.Label.Text = axis;
        p.Axes.Bottom.Label.FontName = ChineseFont.Value;
        p.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        p.Axes.Margins(left: 0);
        p.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        return Render(id, title, p, Width, Math.Max(240, 60 + n * 30));
    }

    private static ReportChart Advantage(List<AdvantageRow> rows, string city, string province, string title, ChartWords words)
    {
        using var plot = new DisposablePlot(NewPlot(title));
        var p = plot.Plot;
        var n = rows.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < n; i++)
        {
            var pos = (n - 1 - i) * 3.0;
            bars.Add(new Bar { Position = pos + 1, Value = rows[i].CityRta ?? 0, FillColor = Palette[1], LineWidth = 0 });
            bars.Add(new Bar { Position = pos, Value = rows[i].ProvinceRta ?? 0, FillColor = Palette[0], LineWidth = 0 });
        }
        var series = p.Add.Bars(bars);
        series.Horizontal = true;
        var line = p.Add.VerticalLine(1);
        line.Color = Colors.Gray;
        line.LinePattern = LinePattern.Dashed;
        p.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (n - 1 - i) * 3.0 + 0.5).ToArray(), rows.Select(r => Shorten(words.Field(r.Field.ToString(CultureInfo.InvariantCulture), r.Name), 14)).ToArray());
        p.Axes.Left.MajorTickStyle.Length = 0;
        p.Legend.ManualItems.Add(new LegendItem { LabelText = city, FillColor = Palette[1] });
        p.Legend.ManualItems.Add(new LegendItem { LabelText = province, FillColor = Palette[0] });
        // Outside the data area, like the trend chart's: long bars reach the lower right corner.
        p.ShowLegend(Edge.Bottom);
        p.Legend.Orientation = Orientation.Horizontal;
        p.Axes.Margins(left: 0);
        return Render("rta", title, p, Width, Math.Max(260, 60 + n * 40));
    }

    private static ReportChart Network(IReadOnlyList<CoApplicantLink> links, string title)
    {
        using var plot = new DisposablePlot(NewPlot(title));
        var p = plot.Plot;
        var shown = links.Take(15).ToList();
        var nodes = shown.SelectMany(l => new[] { l.A, l.B }).Distinct(StringComparer.Ordinal).ToList();
        var at = new Dictionary<string, Coordinates>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var angle = 2 * Math.PI * i / nodes.Count;
            at[nodes[i]] = new Coordinates(Math.Cos(angle), Math.Sin(angle));
        }
        var max = shown.Max(l => l.Patents);
        foreach (var l in shown)
        {
            var line = p.Add.Line(at[l.A], at[l.B]);
            line.LineWidth = (float)(1 + 5.0 * l.Patents / max);
            line.Color = Palette[0].WithAlpha(0.6);
        }
        foreach (var name in nodes)
        {
            var c = at[name];
            var marker = p.Add.Marker(c);
            marker.Size = 10;
            marker.Color = Palette[1];
            var label = p.Add.Text(Shorten(name, 12), c.X * 1.08, c.Y * 1.08);
            label.LabelFontName = ChineseFont.Value;
            label.LabelFontSize = 12;
            label.LabelAlignment = c.X >= 0 ? Alignment.MiddleLeft : Alignment.MiddleRight;
        }
        p.Axes.SetLimits(-2.2, 2.2, -1.3, 1.3);
        p.HideGrid();
        p.Axes.Frameless();
        return Render("network", title, p, Width, 460);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Plots hold native SkiaSharp resources.</summary>
    private readonly struct DisposablePlot(Plot plot) : IDisposable
    {
        public Plot Plot { get; } = plot;
        public void Dispose() => Plot.Dispose();
    }
}
