using Analytics.Reports;
using Marketplace.Web.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Dashboard;

/// <summary>
/// The city's IP indicators against the plan's targets. Public: the figures are aggregates of public patent
/// data and of the marketplace's published activity, which the city reports openly; no personal data.
/// </summary>
public sealed class IndexModel(CityDashboard dashboard, IMarketplaceIndicators marketplace, DashboardOptions options) : PageModel
{
    public CityIndicatorsSnapshot? Snapshot { get; private set; }
    public bool Computing { get; private set; }
    public DashboardOptions Targets => options;
    public IReadOnlyList<(string Label, MarketplaceFigure Figure)> Marketplace { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Snapshot, Computing) = await dashboard.GetAsync(ct);
        Marketplace =
        [
            ("Open licences published", await marketplace.OpenLicensesPublishedAsync(ct)),
            ("Open licences taken", await marketplace.OpenLicensesTakenAsync(ct)),
            ("Licence revenue", await marketplace.LicenseRevenueAsync(ct)),
            ("Contests held", await marketplace.ContestsHeldAsync(ct)),
        ];
    }

    public static string RecordsLink(string indicator, string? county) =>
        "/dashboard/records?indicator=" + indicator + (county is null ? "" : "&county=" + Uri.EscapeDataString(county));
}
