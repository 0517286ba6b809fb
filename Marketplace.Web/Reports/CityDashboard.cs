using Analytics.Reports;
using Search.Indexer.Engine;

namespace Marketplace.Web.Reports;

/// <summary>The city dashboard's settings (section "Dashboard"): the plan's targets and the years of the trend.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Target of high-value invention patents per 10,000 residents from the city's plan; null until an operator sets it.</summary>
    public double? HighValuePer10kTarget { get; set; }

    /// <summary>Target number of valid invention patents from the city's plan; null until an operator sets it.</summary>
    public long? ValidInventionsTarget { get; set; }

    /// <summary>Target number of open licences taken; null until set.</summary>
    public long? OpenLicensesTakenTarget { get; set; }

    /// <summary>The year the targets are for (e.g. 2026, the end of the 2024–2026 plan).</summary>
    public int? TargetYear { get; set; }

    /// <summary>Years shown in the trend.</summary>
    public int TrendYears { get; set; } = 10;
}

/// <summary>
/// One marketplace figure for the dashboard: a value when its feature is connected, or why it is not
/// (shown as "—" with the explanation).
/// </summary>
public sealed record MarketplaceFigure(decimal? Value, string? Unit, string? Explanation, string? Link)
{
    public static MarketplaceFigure NotAvailable(string explanation) => new(null, null, explanation, null);
}

/// <summary>The marketplace's own figures on the dashboard: open licences published and taken, licence revenue, contests held.</summary>
/// <remarks>Implemented by the features that own the data (open licensing, payments, contests); see <see cref="NotYetConnectedMarketplaceIndicators"/>.</remarks>
public interface IMarketplaceIndicators
{
    Task<MarketplaceFigure> OpenLicensesPublishedAsync(CancellationToken ct = default);
    Task<MarketplaceFigure> OpenLicensesTakenAsync(CancellationToken ct = default);
    Task<MarketplaceFigure> LicenseRevenueAsync(CancellationToken ct = default);
    Task<MarketplaceFigure> ContestsHeldAsync(CancellationToken ct = default);
}

/// <summary>Honest placeholder until the licensing, payment and contest features provide their figures.</summary>
public sealed class NotYetConnectedMarketplaceIndicators : IMarketplaceIndicators
{
    private static Task<MarketplaceFigure> Missing(string feature) =>
        Task.FromResult(MarketplaceFigure.NotAvailable($"Not yet available: the {feature} feature does not report this figure yet."));

    public Task<MarketplaceFigure> OpenLicensesPublishedAsync(CancellationToken ct = default) => Missing("open licensing");
    public Task<MarketplaceFigure> OpenLicensesTakenAsync(CancellationToken ct = default) => Missing("open licensing");
    public Task<MarketplaceFigure> LicenseRevenueAsync(CancellationToken ct = default) => Missing("licence payment");
    public Task<MarketplaceFigure> ContestsHeldAsync(CancellationToken ct = default) => Missing("contest");
}

/// <summary>
/// The city's indicators, computed by one background pass over the index and kept until the index changes:
/// the first visitor after a change sees the previous figures (or "computing") while the pass runs.
/// </summary>
public sealed class CityDashboard(IPatentIndex index, ReportOptions reports, DashboardOptions options, TimeProvider clock, ILogger<CityDashboard> logger)
{
    private readonly Lock _gate = new();
    private CityIndicatorsSnapshot? _snapshot;
    private Task? _computing;

    /// <summary>The latest figures (null before the first pass ends) and whether a pass is under way.</summary>
    public async Task<(CityIndicatorsSnapshot? Snapshot, bool Computing)> GetAsync(CancellationToken ct = default)
    {
        var version = await NavigationReportService.IndexVersionAsync(index, ct);
        lock (_gate)
        {
            if (_snapshot?.IndexVersion == version) return (_snapshot, false);
            if (_computing is null || _computing.IsCompleted) _computing = Task.Run(() => ComputeAsync(version), CancellationToken.None); // the pass outlives the request that started it
            return (_snapshot, true);
        }
    }

    /// <summary>Waits for the pass under way (tests and warm-up).</summary>
    public async Task<CityIndicatorsSnapshot?> WaitAsync(CancellationToken ct = default)
    {
        var (snapshot, computing) = await GetAsync(ct);
        Task? running;
        lock (_gate) running = _computing;
        if (computing && running is not null) await running.WaitAsync(ct);
        return (await GetAsync(ct)).Snapshot ?? snapshot;
    }

    private async Task ComputeAsync(string version)
    {
        try
        {
            var builder = new CityIndicatorsBuilder(reports.City, Math.Clamp(options.TrendYears, 3, 30), clock);
            await foreach (var r in index.ExportAsync()) builder.Add(r);
            var snapshot = builder.Build(version);
            lock (_gate) _snapshot = snapshot;
        }
        catch (Exception e) when (e is not OperationCanceledException) // logged; the next visit tries again
        {
            logger.LogError(e, "City indicators could not be computed");
        }
    }
}
