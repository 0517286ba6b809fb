using Analytics.Reports;
using Analytics.Taxonomy;
using Analytics.TechnologyFields;
using Analytics.Tests.Support;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics.Tests.Reports;

/// <summary>
/// Reports and the city's indicators count what they leave out, by reason (no date, outside the period or region,
/// no address, no legal status, no IPC, no applicant), so that the pages can say so beside the figures.
/// </summary>
public sealed class ExclusionCountsTests
{
    private static PatentRecord Made(string id, string? address, string? ipc, int? year, LegalStatus status = LegalStatus.InForce,
        string? applicant = "测试公司", string? regionCode = null, DocumentType type = DocumentType.Invention)
    {
        var r = new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse(id),
            DocumentType = type,
            Titles = [new LocalizedText("zh", "测试专利 " + id)],
            IpcCodes = ipc is null ? [] : [ipc],
            ApplicationDate = year is { } y ? new DateOnly(y, 3, 1) : null,
            LegalStatus = status,
            RegionCode = regionCode,
        };
        if (applicant is not null) r.Applicants.Add(new Party { Name = applicant, Address = address, Type = PartyType.Enterprise });
        return r;
    }

    private static NavigationReport Run(IEnumerable<PatentRecord> records, ReportScope scope)
    {
        var builder = new NavigationReportBuilder(scope, new CityDefinition(), IndustryTaxonomy.Default, TechnologyFieldConcordance.Default);
        foreach (var r in records) builder.Add(r);
        return builder.Build(FixedClock.At2026.GetUtcNow(), TimeSpan.Zero);
    }

    [Fact]
    public void A_report_scoped_to_H01M_on_the_samples_says_its_other_matches_have_no_date_or_fall_outside_the_period()
    {
        var corpus = Samples.All.DistinctBy(r => r.Id).ToList();
        var matches = corpus.Where(r => r.IpcCodes.Any(c => c.StartsWith("H01M", StringComparison.Ordinal))).ToList();
        var undated = matches.Count(r => r.ApplicationDate is null && r.PublicationDate is null);

        var report = Run(corpus, new ReportScope { Ipc = ["H01M"], FromYear = 2016, ToYear = 2026 });

        // What search finds for ipc:H01M is the whole of the technology matches; the report explains every one it leaves out.
        Assert.Equal(matches.Count, report.Excluded.TechnologyMatches);
        Assert.True(undated > 100, $"the samples' title-and-IPC list carries no dates ({undated} undated H01M patents)");
        Assert.Equal(undated, report.Excluded.NoFilingDate);
        Assert.Equal(matches.Count, report.RecordsInScope + report.Excluded.NoFilingDate + report.Excluded.OutsidePeriod);
        Assert.True(report.Excluded.Any);
    }

    [Fact]
    public void A_report_with_a_region_counts_the_matches_it_leaves_out_by_date_period_and_place()
    {
        PatentRecord[] corpus =
        [
            Made("CN900000101B", "福建省晋江市陈埭镇", "H01M10/05", 2020),
            Made("CN900000102B", "福建省晋江市陈埭镇", "H01M10/05", 2021, LegalStatus.Unknown),
            Made("CN900000103B", "福建省晋江市陈埭镇", "H01M10/05", null),
            Made("CN900000104B", "福建省晋江市陈埭镇", "H01M10/05", 2010),
            Made("CN900000105B", "上海市浦东新区", "H01M10/05", 2020),
            Made("CN900000106B", null, "H01M10/05", 2020),
            Made("CN900000107B", "福建省晋江市陈埭镇", "G06F16/00", 2020),
        ];

        var report = Run(corpus, new ReportScope { Ipc = ["H01M"], Region = "泉州", FromYear = 2018, ToYear = 2022 });

        Assert.Equal(2, report.RecordsInScope);
        var x = report.Excluded;
        Assert.Equal((6L, 1L, 1L, 2L, 1L), (x.TechnologyMatches, x.NoFilingDate, x.OutsidePeriod, x.OutsideRegion, x.OutsideRegionUnplaced));
        Assert.Equal(1, x.NoLegalStatus);
    }

    [Fact]
    public void A_report_counts_patents_in_scope_without_IPC_applicant_or_place_and_the_synthetic_ones()
    {
        var synthetic = Made("CN900000203B", "福建省泉州市丰泽区", "H01M10/05", 2020);
        synthetic.Labels[SyntheticData.Label] = [SyntheticData.CityDemoSlice];
        PatentRecord[] corpus =
        [
            Made("CN900000201S", "福建省泉州市丰泽区", null, 2020, type: DocumentType.Design),
            Made("CN900000202B", null, "H01M10/05", 2020, applicant: null),
            synthetic,
        ];

        var report = Run(corpus, new ReportScope { FromYear = 2018, ToYear = 2022 });

        Assert.Equal(3, report.RecordsInScope);
        Assert.Equal((1L, 1L, 1L), (report.Excluded.NoIpc, report.Excluded.NoApplicant, report.Excluded.Unplaced));
        Assert.Equal(1, report.SyntheticInScope);
    }

    [Fact]
    public void The_city_indicators_count_what_each_figure_leaves_out_and_the_synthetic_patents()
    {
        var synthetic = Made("CN900000306B", "福建省泉州市丰泽区", "H01M10/05", 2020);
        synthetic.Labels[SyntheticData.Label] = [SyntheticData.CityDemoSlice];
        synthetic.Labels[LabelFacets.HighValue] = ["true"];
        PatentRecord[] corpus =
        [
            Made("CN900000301B", null, "H01M10/05", 2020, applicant: null),
            Made("CN900000302B", null, "H01M10/05", 2020, applicant: null, regionCode: "35"),
            Made("CN900000303B", "福建省晋江市陈埭镇", "H01M10/05", 2020, LegalStatus.Unknown),
            Made("CN900000304B", "福建省晋江市陈埭镇", "H01M10/05", null),
            Made("CN900000305B", "福建省晋江市陈埭镇", "H01M10/05", 2005),
            synthetic,
        ];
        var builder = new CityIndicatorsBuilder(new CityDefinition(), 10, FixedClock.At2026);
        foreach (var r in corpus) builder.Add(r);

        var snapshot = builder.Build("v1");

        var x = snapshot.Excluded;
        Assert.Equal((1L, 1L, 1L), (x.NoPlace, x.ProvinceOnly, x.UnknownStatusInventions));
        // 304 and 305 are valid inventions without a high-value label; the synthetic one has its label.
        Assert.Equal(2, x.UnlabelledValidInventions);
        Assert.Equal((1L, 1L), (x.NoFilingDate, x.BeforeTrend));
        Assert.Equal(1, snapshot.SyntheticPatents);
        Assert.Equal(4, snapshot.Total.Patents);
    }
}
