using Marketplace.Web.Exports;
using Marketplace.Web.Localization;
using Marketplace.Web.Patents;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Search;

/// <summary>Patent records come from uploaded files: a title or applicant written as a formula must reach the search export as text.</summary>
public sealed class ResultExportFormulaTests
{
    public static TheoryData<ExportFormat, string> Cases()
    {
        var cases = new TheoryData<ExportFormat, string>();
        foreach (var format in new[] { ExportFormat.Csv, ExportFormat.Xlsx })
            foreach (var lead in ExportFiles.FormulaLeads) cases.Add(format, lead);
        return cases;
    }

    private static async IAsyncEnumerable<PatentRecord> Records(string text)
    {
        await Task.Yield();
        yield return new PatentRecord
        {
            PublicationNumber = new PatentNumber("CN", "100000001", "A"),
            Titles = [new LocalizedText("zh", text)],
            Applicants = [new Party { Name = text }],
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_title_and_an_applicant_starting_with_a_formula_character_are_exported_as_text(ExportFormat format, string lead)
    {
        var localizer = new StringLocalizer<SharedResource>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
        using var body = new MemoryStream();

        await new ResultExport(localizer, Analytics.Taxonomy.IndustryTaxonomy.Default).WriteAsync(format, Records(ExportFiles.Formula(lead)), body, CancellationToken.None);

        var rows = ExportFiles.Rows(body.ToArray(), format == ExportFormat.Csv ? TableFormat.Csv : TableFormat.Xlsx);
        Assert.Equal("CN100000001A", rows[1][0]);
        Assert.Equal("'" + ExportFiles.Formula(lead), rows[1][2]); // title (zh)
        Assert.Equal("'" + ExportFiles.Formula(lead), rows[1][4]); // applicants
    }
}
