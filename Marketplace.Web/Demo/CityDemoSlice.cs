using Analytics.Reports;
using Analytics.Taxonomy;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Demo;

/// <summary>The demo data's settings (section "Demo").</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>
    /// Add the Quanzhou demo slice (<see cref="CityDemoSliceGenerator"/>) at first start when the demo accounts are seeded;
    /// false removes it from the index at the next start (<c>Demo__CitySlice=false</c>).
    /// </summary>
    public bool CitySlice { get; set; } = true;
}

/// <summary>
/// Puts the Quanzhou demo slice into the index at first start, after the samples it is recombined from, and takes
/// it out again at any start once <see cref="DemoOptions.CitySlice"/> is off. Only with the demo accounts: a site
/// whose database was not seeded with demo data never gets synthetic patents.
/// </summary>
public sealed partial class CityDemoSlice(
    IPatentIndex index,
    IServiceScopeFactory scopes,
    IOptions<DemoOptions> options,
    IOptions<DatabaseOptions> database,
    IndustryTaxonomy taxonomy,
    ReportOptions reports,
    ILogger<CityDemoSlice> logger)
{
    /// <summary>Adds the slice to a freshly loaded index; returns how many records it added (0 when off or without demo accounts).</summary>
    public async Task<int> AddAtFirstStartAsync(CancellationToken ct)
    {
        if (!options.Value.CitySlice || !database.Value.ShouldSeedDemoData || !await DemoAccountsExistAsync(ct)) return 0;
        var samples = new List<PatentRecord>();
        await foreach (var r in index.ScanAsync(RecordView.Full, ct)) samples.Add(r);
        var slice = CityDemoSliceGenerator.Generate(samples, taxonomy, reports.City);
        if (slice.Count == 0) return 0;
        await index.UpsertAsync(slice.ToList(), ct);
        await index.CommitAsync(ct);
        LogAdded(logger, slice.Count, reports.City.Name);
        return slice.Count;
    }

    /// <summary>With the slice switched off, deletes every record of it from the index; returns how many.</summary>
    public async Task<int> RemoveIfOffAsync(CancellationToken ct)
    {
        if (options.Value.CitySlice) return 0;
        var ids = await IdsAsync(index, ct);
        foreach (var id in ids) await index.DeleteAsync(id, ct);
        if (ids.Count == 0) return 0;
        await index.CommitAsync(ct);
        LogRemoved(logger, ids.Count);
        return ids.Count;
    }

    /// <summary>The ids of the slice's records in <paramref name="patents"/>.</summary>
    public static async Task<IReadOnlyList<string>> IdsAsync(IPatentIndex patents, CancellationToken ct = default)
    {
        var ids = new List<string>();
        await foreach (var r in patents.ScanAsync(RecordView.Summary, ct))
            if (r.Labels.TryGetValue(SyntheticData.Label, out var sets) && sets.Contains(SyntheticData.CityDemoSlice)) ids.Add(r.Id);
        return ids;
    }

    private async Task<bool> DemoAccountsExistAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var admin = DemoData.Accounts[0].Email;
        return await db.Users.AnyAsync(u => u.Email == admin, ct);
    }

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Demo slice: {Count} synthetic patents of {City} applicants added to the index (marked as synthetic demo data; Demo:CitySlice=false removes them)")]
    private static partial void LogAdded(ILogger logger, int count, string city);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "Demo slice: {Count} synthetic patents removed from the index (Demo:CitySlice is off)")]
    private static partial void LogRemoved(ILogger logger, int count);
}
