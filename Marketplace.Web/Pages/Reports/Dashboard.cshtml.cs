using Analytics.Reports;
using Marketplace.Web.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Reports;

/// <summary>
/// The city's IP indicators against the plan's targets. Public: the figures are aggregates of public patent
/// data and of the marketplace's published activity, which the city reports openly; no personal data.
/// </summary>
public sealed class DashboardModel(CityDashboard dashboard, IMarketplaceIndicators marketplace, DashboardOptions options) : PageModel
{
    public CityIndicatorsSnapshot? Snapshot { get; private set; }
    public bool Computing { get; private set; }
    public DashboardOptions Targets => options;
    /// <summary>The marketplace figures: an id for the page, the English label, the figure.</summary>
    public IReadOnlyList<(string Id, string Label, MarketplaceFigure Figure)> Marketplace { get; private set; } = [];

    /// <summary>Years of the marketplace trend table: every year any marketplace figure has, oldest first.</summary>
    public IReadOnlyList<int> MarketplaceYears => [.. Marketplace.SelectMany(m => m.Figure.Trend.Select(p => p.Year)).Distinct().Order()];

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Snapshot, Computing) = await dashboard.GetAsync(ct);
        Marketplace =
        [
            ("open-licences-published", "Open licences published", await marketplace.OpenLicensesPublishedAsync(ct)),
            ("open-licences-taken", "Open licences taken", await marketplace.OpenLicensesTakenAsync(ct)),
            ("licence-revenue", "Licence revenue", await marketplace.LicenseRevenueAsync(ct)),
            ("contests-held", "Contests held", await marketplace.ContestsHeldAsync(ct)),
        ];
    }

    /// <summary>Share of a target reached, 0–100 (capped), or null without a positive target.</summary>
    public static int? PercentOf(double value, double? target) => target is > 0 ? (int)Math.Min(100, Math.Floor(value * 100 / target.Value)) : null;

    /// <summary>Counts without decimals; money with fen only when there are some.</summary>
    public static string Amount(decimal value) =>
        value.ToString(value == decimal.Truncate(value) ? "N0" : "N2", System.Globalization.CultureInfo.InvariantCulture);

    public static string RecordsLink(string indicator, string? county) =>
        "/dashboard/records?indicator=" + indicator + (county is null ? "" : "&county=" + Uri.EscapeDataString(county));
}
