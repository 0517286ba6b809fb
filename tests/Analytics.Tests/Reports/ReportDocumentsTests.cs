using System.Diagnostics;
using Analytics.Cli;
using Analytics.Reports;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Analytics.TechnologyFields;
using ClosedXML.Excel;
using PdfSharp.Pdf.IO;
using Search.Indexer;

namespace Analytics.Tests.Reports;

/// <summary>The report's charts, PDF and workbook, and the <c>report</c> command over a real Lucene index of the sample.</summary>
public sealed class ReportDocumentsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly CityDefinition Zhengzhou = new()
    {
        Name = "郑州", ProvinceCode = "41", PostalPrefixes = ["450"], Counties = [new CountyDefinition { Name = "郑东新区", Population = 1_000_000 }],
    };

    /// <summary>The report over the test samples for a city (Zhengzhou) they have applicants in; the chart tests draw it too.</summary>
    internal static NavigationReport SampleReport()
    {
        var builder = new NavigationReportBuilder(new ReportScope { FromYear = 2015, ToYear = 2025 }, Zhengzhou, IndustryTaxonomy.Default, TechnologyFieldConcordance.Default);
        foreach (var r in Samples.All.DistinctBy(r => r.Id)) builder.Add(r);
        return builder.Build(FixedClock.At2026.GetUtcNow(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Charts_are_svg_with_Chinese_text_in_a_browser_font_and_png_images()
    {
        var charts = ReportCharts.Draw(SampleReport());

        Assert.Contains(charts, c => c.Id == "trend");
        Assert.Contains(charts, c => c.Id == "rta");
        foreach (var chart in charts)
        {
            Assert.StartsWith("<?xml", chart.Svg, StringComparison.Ordinal);
            Assert.Contains("WenQuanYi Micro Hei", chart.Svg, StringComparison.Ordinal);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, chart.Png[..4]);
        }
        Assert.Contains("申请", charts.Single(c => c.Id == "trend").Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_has_every_module_and_renders_to_png_pages()
    {
        var report = SampleReport();
        var bytes = ReportDocuments.Pdf(report);

        using (var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import))
            Assert.True(pdf.PageCount >= 4, $"expected at least 4 pages, got {pdf.PageCount}");
        var file = Path.Combine(AppContext.BaseDirectory, "screenshots", "report-sample.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
        // Rendered for a person to look at (test.sh installs poppler-utils): the pages stay in the test output.
        using var render = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", file, Path.Combine(Path.GetDirectoryName(file)!, "report-page")])
            { RedirectStandardError = true })!;
        render.WaitForExit();
        Assert.Equal(0, render.ExitCode);
        Assert.True(Directory.GetFiles(Path.GetDirectoryName(file)!, "report-page-*.png").Length >= 4);
    }

    [Fact]
    public void Excel_has_a_sheet_per_module_with_the_reports_numbers()
    {
        var report = SampleReport();
        using var book = new XLWorkbook(new MemoryStream(ReportDocuments.Excel(report)));

        foreach (var sheet in new[] { "概要", "趋势", "IPC小类", "技术领域", "申请人", "区域定位", "RTA", "供给", "建议" })
            Assert.True(book.Worksheets.Contains(sheet), $"sheet {sheet}");
        var trends = book.Worksheet("趋势");
        for (var i = 0; i < report.Trends.Years.Count; i++)
        {
            Assert.Equal(report.Trends.Years[i].Year, trends.Cell(i + 2, 1).GetValue<int>());
            Assert.Equal(report.Trends.Years[i].Applications, trends.Cell(i + 2, 2).GetValue<long>());
        }
        Assert.Equal(report.Players.TopApplicants[0].Name, book.Worksheet("申请人").Cell(2, 1).GetString());
    }

    [Fact]
    public async Task ReportCommand_over_an_index_writes_pdf_Excel_and_json()
    {
        var indexPath = Path.Combine(_folder.Path, "index");
        using (var index = SearchEngines.Open(indexPath))
        {
            await index.UpsertAsync(Samples.Read(Path.Combine(Samples.Folder, "cn-export", "cn_export_utf8_bom.csv")).ToList());
            await index.CommitAsync();
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] outputs = [_folder.File("r.pdf"), _folder.File("r.xlsx"), _folder.File("r.json")];

        var code = await AnalyticsCommands.Build(stdout, stderr)
            .Parse(["report", "--index", indexPath, "--ipc", "B64C", "--from", "2020", "--to", "2024", "--out", .. outputs, "--bench"]).InvokeAsync();

        Assert.True(code == 0, stderr.ToString());
        Assert.All(outputs, o => Assert.True(new FileInfo(o).Length > 1000, o));
        // Three rows of the export carry B64C (hand-checked in the CSV).
        Assert.Contains("3 of 10 patents in scope", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("peak memory", stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--out", "r.doc")]
    [InlineData("--region", "火星")]
    [InlineData("--chain", "no-such-chain")]
    public async Task ReportCommand_refuses_bad_input_with_a_message(string option, string value)
    {
        var stderr = new StringWriter();
        string[] args = option == "--out"
            ? ["report", "--index", _folder.Path, "--out", _folder.File(value)]
            : ["report", "--index", _folder.Path, option, value, "--out", _folder.File("r.pdf")];
        var code = await AnalyticsCommands.Build(new StringWriter(), stderr).Parse(args).InvokeAsync();
        Assert.Equal(2, code);
        Assert.NotEmpty(stderr.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
