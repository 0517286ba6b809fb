using Analytics.Reports;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Analytics.TechnologyFields;
using ScottPlot;

namespace Analytics.Tests.Reports;

/// <summary>The report charts' layout as ScottPlot lays it out: the legend beside the data, never over the bars, and room for every axis label.</summary>
public sealed class ReportChartLayoutTests
{
    private static NavigationReport SampleReport() => ReportDocumentsTests.SampleReport();

    [Fact]
    public void TrendChart_has_its_legend_below_the_data_area_and_room_to_spare_for_the_left_axis_labels()
    {
        using var plot = ReportCharts.TrendPlot(SampleReport().Trends);
        ReportCharts.LeaveRoomForAxisLabels(plot, 800, 380);
        var png = plot.GetImageBytes(800, 380, ImageFormat.Png);
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "report-trend.png"), png);

        var render = plot.LastRender;
        Assert.False(plot.Legend.IsVisible, "a legend drawn inside the data area covers the bars");
        var legend = Assert.Single(plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
        Assert.Equal(Edge.Bottom, legend.Edge);
        Assert.True(render.Layout.PanelSizes[legend] > 0, "the legend panel has no height");

        // The left tick labels and the axis title, measured in the chart's own font, leave room to spare before the
        // figure's edge (tick marks and ScottPlot's own padding take about 13 px of it).
        var left = plot.Axes.Left;
        using var paint = Paint.NewDisposablePaint();
        var widest = left.TickGenerator.Ticks.Where(t => t.IsMajor && t.Position >= render.AxisLimits.Bottom && t.Position <= render.AxisLimits.Top)
            .Max(t => Measure(left.TickLabelStyle, t.Label, paint).Width);
        var title = left.Label.Measure(paint).Height;
        var room = render.DataRect.Left - render.FigureRect.Left;
        Assert.True(room >= widest + title + 13 + ReportCharts.AxisLabelRoom,
            $"left of the data area {room:0} px: tick labels need {widest:0} px and the axis title {title:0} px");
    }

    [Fact]
    public void TrendChart_keeps_that_room_at_the_double_size_the_pdf_uses()
    {
        using var plot = ReportCharts.TrendPlot(SampleReport().Trends);
        ReportCharts.LeaveRoomForAxisLabels(plot, 800, 380);
        using (plot.GetImage(800, 380)) { }
        var atScreen = plot.LastRender.DataRect.Left;

        plot.ScaleFactor = 2;
        ReportCharts.LeaveRoomForAxisLabels(plot, 1600, 760);
        using (plot.GetImage(1600, 760)) { }

        // ScottPlot lays the figure out in units the scale factor multiplies: the same number means the same layout.
        Assert.InRange(plot.LastRender.DataRect.Left, atScreen - 1, atScreen + 1);
    }

    private static PixelSize Measure(LabelStyle style, string text, Paint paint)
    {
        var kept = style.Text;
        style.Text = text;
        var size = style.Measure(paint).Size;
        style.Text = kept;
        return size;
    }
}
