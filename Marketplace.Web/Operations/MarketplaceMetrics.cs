using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Search.Indexer.Engine;

namespace Marketplace.Web.Operations;

/// <summary>
/// The marketplace's own figures, beside what ASP.NET Core, HttpClient, EF Core and the runtime report: what people do
/// (searches and those that found nothing, licences taken, payments, needs posted) and how far background work lags
/// (jobs waiting, records per second). Features count through this one type; nothing else creates instruments.
/// </summary>
public sealed class MarketplaceMetrics
{
    /// <summary>The meter and activity source name hosts listen to.</summary>
    public const string Name = "Marketplace.Web";

    /// <summary>Spans of the marketplace's own work (backups); requests, queries and searches have theirs already.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _searches;
    private readonly Counter<long> _zeroHitSearches;
    private readonly Counter<long> _licensesTaken;
    private readonly Counter<long> _payments;
    private readonly Counter<long> _needsPosted;
    private readonly Histogram<double> _jobRate;
    private readonly ConcurrentDictionary<string, Func<long>> _backlogs = new(StringComparer.Ordinal);

    public MarketplaceMetrics(IMeterFactory meters, IPatentIndex index)
    {
        var meter = meters.Create(Name);
        _searches = meter.CreateCounter<long>("marketplace.searches", "{search}", "Searches run from the search page and the API.");
        _zeroHitSearches = meter.CreateCounter<long>("marketplace.searches.zero_hits", "{search}", "Searches that found no patent.");
        _licensesTaken = meter.CreateCounter<long>("marketplace.licenses.taken", "{license}", "Open licences taken (notice given).");
        _payments = meter.CreateCounter<long>("marketplace.payments", "{payment}", "Payments applied, by kind (upfront, royalty) and channel.");
        _needsPosted = meter.CreateCounter<long>("marketplace.needs.posted", "{need}", "Technical needs posted, on the site or over the API.");
        _jobRate = meter.CreateHistogram<double>("marketplace.jobs.rate", "{record}/s", "Records per second of each finished background job.");
        meter.CreateObservableGauge("marketplace.jobs.backlog", ObserveBacklogs, "{job}", "Background jobs waiting to run, by kind.");
        // Stats are kept per index version by the engine, so a scrape costs nothing until the index changes.
        meter.CreateObservableGauge("search.index.size", () => Stats(index).SizeBytes, "By", "Bytes the patent index takes on disk.");
        meter.CreateObservableGauge("search.index.records", () => Stats(index).Records, "{record}", "Patent records in the index.");
    }

    private static IndexStats Stats(IPatentIndex index) => index.GetStatsAsync().GetAwaiter().GetResult();

    public void SearchRun(long hits)
    {
        _searches.Add(1);
        if (hits == 0) _zeroHitSearches.Add(1);
    }

    public void LicenseTaken() => _licensesTaken.Add(1);

    /// <param name="kind"><c>upfront</c> or <c>royalty</c>.</param>
    /// <param name="channel"><c>online</c> or <c>bank-transfer</c>.</param>
    public void PaymentApplied(string kind, string channel) =>
        _payments.Add(1, new KeyValuePair<string, object?>("payment.kind", kind), new KeyValuePair<string, object?>("payment.channel", channel));

    public void NeedPosted() => _needsPosted.Add(1);

    /// <summary>A finished job's throughput; jobs that read nothing are left out (no rate to speak of).</summary>
    public void JobFinished(string job, long records, TimeSpan elapsed)
    {
        if (records > 0 && elapsed > TimeSpan.Zero)
            _jobRate.Record(records / elapsed.TotalSeconds, new KeyValuePair<string, object?>("job", job));
    }

    /// <summary>A queue whose length is reported as the backlog of <paramref name="job"/> whenever metrics are read.</summary>
    public void TrackBacklog(string job, Func<long> waiting) => _backlogs[job] = waiting;

    private IEnumerable<Measurement<long>> ObserveBacklogs() =>
        _backlogs.Select(b => new Measurement<long>(b.Value(), new KeyValuePair<string, object?>("job", b.Key))).ToList();
}
