using Analytics.Reports;
using Marketplace.Web.Patents;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Reports;

/// <summary>
/// Navigation reports (专利导航) and the city dashboard: report generation in a background queue with a
/// cache on disk, the downloads, and the dashboard's indicators.
/// </summary>
public static class ReportsHostingExtensions
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>()
            .BindConfiguration(ReportOptions.Section)
            .Validate(o => RegionResolver.Provinces.ContainsKey(o.City.ProvinceCode), "Reports:City:ProvinceCode must be a two-digit province code (GB/T 2260, e.g. 35).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.City.Name), "Reports:City:Name is required.")
            .Validate(o => o.City.Population.Values.All(p => p >= 0) && o.City.Counties.All(c => c.Population >= 0 && c.Name.Length > 0),
                "Reports:City:Counties need a name and a population of zero or more.")
            .ValidateOnStart();
        builder.Services.AddOptions<ReportStorageOptions>().BindConfiguration(ReportOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.StoragePath), "Reports:StoragePath is required.");
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .Validate(o => o.HighValuePer10kTarget is null or >= 0 && o.ValidInventionsTarget is null or >= 0 && o.OpenLicensesTakenTarget is null or >= 0
                && o.OpenLicensesPublishedTarget is null or >= 0 && o.LicenseRevenueTargetYuan is null or >= 0 && o.ContestsHeldTarget is null or >= 0,
                "Dashboard targets cannot be negative (Dashboard:HighValuePer10kTarget, ValidInventionsTarget, OpenLicensesPublishedTarget, OpenLicensesTakenTarget, LicenseRevenueTargetYuan, ContestsHeldTarget).")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReportOptions>>().Value);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReportStorageOptions>>().Value);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DashboardOptions>>().Value);
        builder.Services.AddSingleton<NavigationReportService>();
        builder.Services.AddSingleton<ReportStore>();
        builder.Services.AddSingleton<ReportRequests>();
        builder.Services.AddSingleton<CityDashboard>();
        builder.Services.AddHostedService<DashboardWarmUp>();
        builder.Services.AddScoped<IMarketplaceIndicators, MarketplaceIndicators>();
        return builder;
    }

    /// <summary>Downloads of a stored report: anyone with its link (reports hold public bibliographic data only).</summary>
    public static WebApplication MapReports(this WebApplication app)
    {
        app.MapGet("/reports/{id}/report.pdf", (string id, ReportStore store) => Download(store, id, "report.pdf", "application/pdf", $"patent-navigation-{id}.pdf"));
        app.MapGet("/reports/{id}/report.xlsx", (string id, ReportStore store) =>
            Download(store, id, "report.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"patent-navigation-{id}.xlsx"));
        app.MapGet("/reports/{id}/charts/{chart}.svg", async (string id, string chart, ReportStore store, PatentLabels labels, CancellationToken ct) =>
        {
            if (!chart.All(c => char.IsAsciiLetterLower(c)) || chart.Length > 20) return Results.NotFound();
            // Stored charts are Chinese, as the report's documents are; the request's language (?culture=) draws its own.
            if (PatentLabels.TextLanguage == "zh") return Download(store, id, Path.Combine("charts", chart + ".svg"), "image/svg+xml", null);
            var path = await store.TranslatedChartPathAsync(id, chart, PatentLabels.TextLanguage, report => ReportCharts.Draw(report, labels.Text), ct);
            return path is null ? Results.NotFound() : Results.File(path, "image/svg+xml");
        });
        return app;
    }

    private static IResult Download(ReportStore store, string id, string name, string contentType, string? downloadName) =>
        store.FilePath(id, name) is { } path ? Results.File(path, contentType, downloadName) : Results.NotFound();
}
