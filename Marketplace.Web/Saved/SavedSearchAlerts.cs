using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Data;
using Marketplace.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Quartz;
using Search.Indexer.Engine;

namespace Marketplace.Web.Saved;

/// <summary>What one alert run did, for the log and the tests.</summary>
public sealed record AlertRunSummary(int Checked, int Baselined, int Notifications, int Failed);

/// <summary>
/// Alerts for saved searches (ADR-010): each run compares the patents a search matches now (the newest
/// <see cref="Window"/> by publication date, and separately those with an open licence available) with
/// the ids it has already seen, tells the owner through <see cref="INotifier"/> of ids never seen and of
/// seen ones that newly carry an open licence, and records them as seen in the same save as the notification.
/// </summary>
public sealed class SavedSearchAlerts(MarketplaceDbContext db, IPatentIndex index, INotifier notifier, TimeProvider clock, ILogger<SavedSearchAlerts> logger)
{
    /// <summary>How many of a search's newest matches each run looks at (and of its open-licence matches).</summary>
    public const int Window = 1000;

    /// <summary>Seen ids kept per search; beyond this the oldest that left the window are forgotten.</summary>
    public const int MaxSeen = 3 * Window;

    private const int Batch = 200;

    public const string NewPatentsMessage = "{0} new patents match your saved search “{1}”";
    public const string OpenLicenseMessage = "{0} patents matching your saved search “{1}” now have an open licence available";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string Link(SavedSearch saved, bool openLicense = false) =>
        $"/saved/searches/{saved.Id}" + (openLicense ? "?open=1" : "");

    /// <summary>Checks every saved search with alerts on; one failing search is logged and the others still run.</summary>
    public async Task<AlertRunSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var ids = await db.Set<SavedSearch>().Where(s => s.AlertsEnabled).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        int baselined = 0, notifications = 0, failed = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var saved = await db.Set<SavedSearch>().FirstOrDefaultAsync(s => s.Id == id && s.AlertsEnabled, cancellationToken);
            if (saved is null) continue;
            try
            {
                if (saved.BaselineAt is null)
                {
                    await BaselineAsync(saved, cancellationToken);
                    baselined++;
                }
                else notifications += await CheckAsync(saved, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                SavedLog.AlertFailed(logger, saved.Id, e);
            }
        }
        return new AlertRunSummary(ids.Count, baselined, notifications, failed);
    }

    /// <summary>Records what the search matches now as seen, without telling anyone; later runs alert only on what comes after.</summary>
    public async Task BaselineAsync(SavedSearch saved, CancellationToken cancellationToken = default)
    {
        var current = await MatchesAsync(saved, cancellationToken);
        await db.Set<SavedSearchSeen>().Where(s => s.SavedSearchId == saved.Id).ExecuteDeleteAsync(cancellationToken);
        var now = Now;
        db.AddRange(current.Select(kv => new SavedSearchSeen(saved.Id, kv.Key, now, kv.Value)));
        saved.MarkBaseline(now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One search: the notifications sent (0, 1 or 2).</summary>
    public async Task<int> CheckAsync(SavedSearch saved, CancellationToken cancellationToken = default)
    {
        var current = await MatchesAsync(saved, cancellationToken);
        var seen = await db.Set<SavedSearchSeen>().Where(s => s.SavedSearchId == saved.Id).ToDictionaryAsync(s => s.PatentId, StringComparer.Ordinal, cancellationToken);
        var now = Now;
        var fresh = 0;
        var newlyOpen = 0;
        foreach (var (patentId, open) in current)
        {
            if (seen.TryGetValue(patentId, out var row))
            {
                // Only what the engine says now counts: a licence withdrawn and declared again alerts again.
                if (open && !row.OpenLicense) newlyOpen++;
                if (open != row.OpenLicense) row.SetOpenLicense(open);
            }
            else
            {
                fresh++;
                db.Add(new SavedSearchSeen(saved.Id, patentId, now, open));
            }
        }
        Prune(seen.Values, current, fresh);
        saved.MarkChecked(now, fresh > 0 || newlyOpen > 0);

        // The notifications are queued into this unit of work: the seen ids and the notifications are stored by one
        // SaveChanges, so a crash can neither lose an alert nor send it twice. E-mails follow the save.
        var sent = 0;
        if (fresh > 0)
        {
            await notifier.QueueAsync(Recipient.User(saved.UserId), NewPatentsMessage, Link(saved), Count(fresh), saved.Name);
            sent++;
        }
        if (newlyOpen > 0)
        {
            await notifier.QueueAsync(Recipient.User(saved.UserId), OpenLicenseMessage, Link(saved, openLicense: true), Count(newlyOpen), saved.Name);
            sent++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        return sent;
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keeps the seen set bounded: when it grows past <see cref="MaxSeen"/>, ids no longer matched go first, oldest first.</summary>
    private void Prune(IEnumerable<SavedSearchSeen> seen, Dictionary<string, bool> current, int added)
    {
        var all = seen.ToList();
        var excess = all.Count + added - MaxSeen;
        if (excess <= 0) return;
        foreach (var row in all.Where(r => !current.ContainsKey(r.PatentId)).OrderBy(r => r.SeenAt).ThenBy(r => r.PatentId, StringComparer.Ordinal).Take(excess))
            db.Remove(row);
    }

    /// <summary>
    /// The ids the search matches now with their open-licence state: its newest <see cref="Window"/> by
    /// publication date, plus its newest <see cref="Window"/> among patents with an open licence available
    /// (so a licence on an older patent is not missed because newer patents fill the window).
    /// </summary>
    private async Task<Dictionary<string, bool>> MatchesAsync(SavedSearch saved, CancellationToken cancellationToken)
    {
        var request = SavedSearchService.Request(saved.Query, out var errors);
        if (errors.Count > 0) throw new InvalidOperationException($"Saved search {saved.Id} has an invalid query: {string.Join("; ", errors)}");
        var query = request.ToQuery() with { Facets = [], Highlight = false, Sort = SearchSort.PublicationDateDescending, PageSize = Batch };
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        await foreach (var record in WindowAsync(query, cancellationToken))
            result[record.Id] = IsOpen(record);

        var filters = new Dictionary<string, IReadOnlyList<string>>(query.Filters, StringComparer.Ordinal)
        {
            [LabelFacets.OpenLicense] = [LabelFacets.OpenLicenseAvailable],
        };
        await foreach (var record in WindowAsync(query with { Filters = filters }, cancellationToken))
            result[record.Id] = IsOpen(record);
        return result;
    }

    private async IAsyncEnumerable<Search.Indexer.Records.PatentRecord> WindowAsync(PatentQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var page = 1; (page - 1) * Batch < Window; page++)
        {
            var result = await index.SearchAsync(query with { Page = page }, cancellationToken);
            foreach (var hit in result.Hits) yield return hit.Record;
            if (result.Hits.Count < Batch) yield break;
        }
    }

    private static bool IsOpen(Search.Indexer.Records.PatentRecord record) =>
        LabelFacets.ValuesOf(record, LabelFacets.OpenLicense).Contains(LabelFacets.OpenLicenseAvailable);
}

/// <summary>How often the saved-search alerts run, and whether on a schedule at all (tests switch it off and call the run directly).</summary>
public sealed class SavedSearchAlertOptions
{
    public const string Section = "SavedSearchAlerts";

    public bool Enabled { get; set; } = true;

    [Range(5, 1440)]
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>
/// Runs the saved-search alerts every <see cref="SavedSearchAlertOptions.IntervalMinutes"/> (the first run one interval
/// after the job is first scheduled) as a recurring job (ADR-019). People who chose the daily digest get them in the
/// digest, like every notification.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SavedSearchAlertJob(IServiceScopeFactory scopes, ILogger<SavedSearchAlertJob> logger) : IJob
{
    public const string JobName = "saved-search-alerts";

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var summary = await RunOnceAsync(scopes, logger, context.CancellationToken);
        if (summary.Failed > 0)
            throw new JobExecutionException($"Alerts failed for {summary.Failed} of {summary.Checked} saved searches; the log names them.");
    }

    /// <summary>One run over every saved search with alerts on; tests call it directly. Runs never overlap in one process.</summary>
    public static async Task<AlertRunSummary> RunOnceAsync(IServiceScopeFactory scopes, ILogger logger, CancellationToken cancellationToken = default)
    {
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var summary = await scope.ServiceProvider.GetRequiredService<SavedSearchAlerts>().RunAsync(cancellationToken);
            SavedLog.RunFinished(logger, summary.Checked, summary.Baselined, summary.Notifications, summary.Failed);
            return summary;
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}

internal static partial class SavedLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Error, Message = "Alerts for saved search {SavedSearchId} failed")]
    public static partial void AlertFailed(ILogger logger, Guid savedSearchId, Exception exception);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Saved-search alerts: {Checked} searches checked, {Baselined} baselined, {Notifications} notifications, {Failed} failed")]
    public static partial void RunFinished(ILogger logger, int @checked, int baselined, int notifications, int failed);
}
