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

    /// <summary>Target number of open-licence declarations standing (published, not withdrawn); null until set.</summary>
    public long? OpenLicensesPublishedTarget { get; set; }

    /// <summary>Target licence revenue in yuan (RMB), upfront fees and royalties paid; null until set.</summary>
    public decimal? LicenseRevenueTargetYuan { get; set; }

    /// <summary>Target number of high-value patent contests held; null until set.</summary>
    public long? ContestsHeldTarget { get; set; }

    /// <summary>The year the targets are for (e.g. 2026, the end of the 2024–2026 plan).</summary>
    public int? TargetYear { get; set; }

    /// <summary>Years shown in the trend.</summary>
    public int TrendYears { get; set; } = 10;
}

/// <summary>
/// One marketplace figure for the dashboard: a value with its unit, a line saying what it counts
/// (an English key with arguments), the link to the records behind it, an optional second figure with
/// its own link (e.g. the patents covered, as a search), the plan's target and the trend by year; or,
/// when it cannot be computed, why (shown as "—").
/// </summary>
public sealed record MarketplaceFigure(decimal? Value, string? Unit, string? Explanation, string? Link)
{
    /// <summary>A second figure (e.g. "{0} patents covered") with its arguments and link.</summary>
    public string? Detail { get; init; }

    public IReadOnlyList<string> DetailArguments { get; init; } = [];

    public string? DetailLink { get; init; }

    /// <summary>The plan's target, and the setting that holds it (named on the page while it is unset).</summary>
    public decimal? Target { get; init; }

    public string? TargetSetting { get; init; }

    /// <summary>Value per calendar year (UTC), oldest first, years without activity as 0.</summary>
    public IReadOnlyList<FigurePoint> Trend { get; init; } = [];

    /// <summary>Share of the target reached, 0–100 (capped), or null without a target.</summary>
    public int? PercentOfTarget => Target is > 0 && Value is { } v ? (int)Math.Min(100m, Math.Floor(v * 100m / Target.Value)) : null;
}

public sealed record FigurePoint(int Year, decimal Value);

/// <summary>The marketplace's own figures on the dashboard: open licences published and taken, licence revenue, contests held.</summary>
/// <remarks>Implemented from the marketplace tables by <see cref="MarketplaceIndicators"/>.</remarks>
public interface IMarketplaceIndicators
{
    Task<MarketplaceFigure> OpenLicensesPublishedAsync(CancellationToken ct = default);
    Task<MarketplaceFigure> OpenLicensesTakenAsync(CancellationToken ct = default);
    Task<MarketplaceFigure> LicenseRevenueAsync(CancellationToken ct = default);
    Task<MarketplaceFigure> ContestsHeldAsync(CancellationToken ct = default);
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
    /// <summary>The last computed figures, without asking for newer ones (GetAsync starts a pass when the index changed).</summary>
    public CityIndicatorsSnapshot? Latest
    {
        get { lock (_gate) return _snapshot; }
    }

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
            await foreach (var r in index.ScanAsync(RecordView.Summary)) builder.Add(r);
            var snapshot = builder.Build(version);
            lock (_gate) _snapshot = snapshot;
        }
        catch (Exception e) when (e is not OperationCanceledException) // logged; the next visit tries again
        {
            logger.LogError(e, "City indicators could not be computed");
        }
    }
}
