using Analytics.Reports;
using Marketplace.Web.Reports;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Reports;

/// <summary>
/// A small hand-made corpus for the report and dashboard tests (the accounts sites start with an empty index):
/// Quanzhou applicants in three counties, a Fuzhou and a Shanghai applicant. Figures the tests expect are
/// counted by hand from this table.
/// </summary>
public static class QuanzhouPatents
{
    // id, county address, IPC, filed, type, status, high-value, open licence, applicant, applicant type
    private static readonly (string Id, string Address, string Ipc, int Year, DocumentType Type, LegalStatus Status, bool High, bool Open, string Applicant, PartyType Kind)[] Rows =
    [
        ("CN900000001B", "362200福建省晋江市陈埭镇", "A43B13/04", 2019, DocumentType.Invention, LegalStatus.InForce, true, false, "晋江鞋业测试有限公司", PartyType.Enterprise),
        ("CN900000002B", "福建省晋江市安海镇", "A43B13/04", 2020, DocumentType.Invention, LegalStatus.InForce, false, true, "晋江鞋业测试有限公司", PartyType.Enterprise),
        ("CN900000003U", "福建省晋江市安海镇", "A43B13/14", 2021, DocumentType.UtilityModel, LegalStatus.InForce, false, false, "晋江鞋业测试有限公司", PartyType.Enterprise),
        ("CN900000004B", "福建省泉州市丰泽区城东", "H01L21/02", 2019, DocumentType.Invention, LegalStatus.InForce, true, false, "泉州测试大学", PartyType.University),
        ("CN900000005B", "福建省泉州市丰泽区城东", "H01L21/02", 2020, DocumentType.Invention, LegalStatus.InForce, false, false, "泉州测试大学", PartyType.University),
        ("CN900000006B", "福建省泉州市丰泽区城东", "H01L21/02", 2021, DocumentType.Invention, LegalStatus.InForce, false, false, "泉州测试大学", PartyType.University),
        ("CN900000007A", "福建省德化县浔中镇", "C04B33/00", 2022, DocumentType.Invention, LegalStatus.Pending, false, false, "德化陶瓷测试有限公司", PartyType.Enterprise),
        ("CN900000008B", "福建省福州市鼓楼区", "H01L21/02", 2020, DocumentType.Invention, LegalStatus.InForce, false, false, "福州测试研究院", PartyType.ResearchInstitute),
        ("CN900000009B", "上海市浦东新区", "A43B13/04", 2020, DocumentType.Invention, LegalStatus.Lapsed, false, false, "上海测试公司", PartyType.Enterprise),
    ];

    /// <summary>Patents of applicants in each Quanzhou county, counted by hand from the table.</summary>
    public static readonly IReadOnlyDictionary<string, (int Patents, int ValidInventions, int HighValue)> ByCounty = new Dictionary<string, (int, int, int)>
    {
        ["晋江市"] = (3, 2, 1),
        ["丰泽区"] = (3, 3, 1),
        ["德化县"] = (1, 0, 0),
    };

    /// <summary>Filings per year of applicants in each county, counted by hand from the table (other years: none).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<int, int>> FilingsByCounty = new Dictionary<string, IReadOnlyDictionary<int, int>>
    {
        ["晋江市"] = new Dictionary<int, int> { [2019] = 1, [2020] = 1, [2021] = 1 },
        ["丰泽区"] = new Dictionary<int, int> { [2019] = 1, [2020] = 1, [2021] = 1 },
        ["德化县"] = new Dictionary<int, int> { [2022] = 1 },
    };

    public static IEnumerable<PatentRecord> Records() => Rows.Select(r =>
    {
        var record = new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse(r.Id),
            DocumentType = r.Type,
            Stage = r.Status == LegalStatus.Pending ? PublicationStage.Application : PublicationStage.Grant,
            Titles = [new LocalizedText("zh", "报告测试专利" + r.Id[^3..])],
            IpcCodes = [r.Ipc],
            Applicants = [new Party { Name = r.Applicant, Address = r.Address, Type = r.Kind }],
            ApplicationDate = new DateOnly(r.Year, 5, 1),
            GrantDate = r.Status == LegalStatus.Pending ? null : new DateOnly(r.Year + 1, 9, 1),
            LegalStatus = r.Status,
        };
        record.Labels[LabelFacets.HighValue] = [r.High ? "true" : "false"];
        if (r.Open) record.Labels[LabelFacets.OpenLicense] = [LabelFacets.OpenLicenseAvailable];
        return record;
    });

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Puts the corpus in the site's index (once per index: upserts by id) and waits for the dashboard's figures.</summary>
    public static async Task EnsureAsync(IServiceProvider services)
    {
        await Gate.WaitAsync();
        try
        {
            var index = services.GetRequiredService<IPatentIndex>();
            if (await index.GetAsync("CN900000001B") is null)
            {
                await index.UpsertAsync(Records().ToList());
                await index.CommitAsync();
            }
            await services.GetRequiredService<CityDashboard>().WaitAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static readonly ReportScope QuanzhouScope = new() { Region = "泉州", FromYear = 2018, ToYear = 2023 };

    /// <summary>Generates (or finds) the report of <paramref name="scope"/> straight through the services, as the worker does.</summary>
    public static async Task<string> ReportAsync(IServiceProvider services, ReportScope scope)
    {
        await EnsureAsync(services);
        var index = services.GetRequiredService<IPatentIndex>();
        var store = services.GetRequiredService<ReportStore>();
        var id = ReportStore.IdOf(scope, await NavigationReportService.IndexVersionAsync(index));
        if (store.Exists(id)) return id;
        var report = await services.GetRequiredService<NavigationReportService>().GenerateAsync(index, scope);
        var charts = ReportCharts.Draw(report);
        await store.SaveAsync(id, report, charts, ReportDocuments.Pdf(report, charts), ReportDocuments.Excel(report), CancellationToken.None);
        return id;
    }
}
