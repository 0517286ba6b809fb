using Marketplace.Web.Tests.Reports;

namespace Marketplace.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // Reports: operators request them; a generated report, its downloads and the city dashboard are public by link.
    private static IReadOnlyList<Row> ReportsRows =>
    [
        new("GET", "/reports", _ => "/reports", Via.Cookie, "302 403 403 403 200 200"),
        new("POST", "/reports", _ => "/reports", Via.Cookie, "302 403 403 403 302 302",
            () => new() { ["Region"] = "泉州", ["FromYear"] = "2018", ["ToYear"] = "2023" }),
        new("GET", "/reports/{id}", i => $"/reports/{i["report"]}", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/reports/{id}/report.pdf", i => $"/reports/{i["report"]}/report.pdf", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/reports/{id}/report.xlsx", i => $"/reports/{i["report"]}/report.xlsx", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/reports/{id}/charts/{chart}.svg", i => $"/reports/{i["report"]}/charts/trend.svg", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/dashboard", _ => "/dashboard", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/dashboard/records", _ => "/dashboard/records?indicator=valid-inventions", Via.Cookie, "200 200 200 200 200 200"),
    ];

    private static async Task<IReadOnlyDictionary<string, string>> ReportsIdsAsync(IServiceProvider services) =>
        new Dictionary<string, string> { ["report"] = await QuanzhouPatents.ReportAsync(services, QuanzhouPatents.QuanzhouScope) };
}
