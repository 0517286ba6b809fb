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
public sealed class MarketplaceMetrics : IDisposable
{
    /// <summary>The meter and activity source name hosts listen to.</summary>
    public const string SourceName = "Marketplace.Web";

    /// <summary>Spans of the marketplace's own work (backups); requests, queries and searches have theirs already.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    // One meter per process, like the runtime's: a MeterProvider keeps the first of two same-named instruments and
    // drops the other, so per-host meters would lose counts wherever two hosts share a process (the tests' sites).
    private static readonly Meter Meter = new(SourceName);
    private static readonly Counter<long> Searches = Meter.CreateCounter<long>("marketplace.searches", "{search}", "Searches run from the search page and the API.");
    private static readonly Counter<long> ZeroHitSearches = Meter.CreateCounter<long>("marketplace.searches.zero_hits", "{search}", "Searches that found no patent.");
    private static readonly Counter<long> LicensesTaken = Meter.CreateCounter<long>("marketplace.licenses.taken", "{license}", "Open licences taken (notice given).");
    private static readonly Counter<long> Payments = Meter.CreateCounter<long>("marketplace.payments", "{payment}", "Payments applied, by kind (upfront, royalty) and channel.");
    private static readonly Counter<long> NeedsPosted = Meter.CreateCounter<long>("marketplace.needs.posted", "{need}", "Technical needs posted, on the site or over the API.");
    private static readonly Histogram<double> JobRate = Meter.CreateHistogram("marketplace.jobs.rate", "{record}/s", "Records per second of each finished background job.", tags: null, advice: RateBuckets);

    /// <summary>Not "job": Prometheus gives that label to the scrape target itself.</summary>
    private const string JobTag = "marketplace.job";

    // Buckets for the figures these histograms hold (the default buckets suit milliseconds, not seconds or records/s).
    private static readonly InstrumentAdvice<double> RateBuckets = new() { HistogramBucketBoundaries = [10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 100_000] };

    /// <summary>The hosts alive in this process, whose queues and index the gauges read.</summary>
    private static readonly ConcurrentDictionary<MarketplaceMetrics, byte> Live = new();

    private readonly IPatentIndex _index;
    private readonly ConcurrentDictionary<string, Func<long>> _backlogs = new(StringComparer.Ordinal);

    static MarketplaceMetrics()
    {
        Meter.CreateObservableGauge<long>("marketplace.jobs.backlog", () => Live.Keys.SelectMany(m => m.Backlogs()).ToList(), "{job}", "Background jobs waiting to run, by kind.");
        // Stats are kept per index version by the engine, so a scrape costs nothing until the index changes.
        Meter.CreateObservableGauge<long>("search.index.size", () => IndexMeasurements(s => s.SizeBytes), "By", "Bytes the patent index takes on disk.");
        Meter.CreateObservableGauge<long>("search.index.records", () => IndexMeasurements(s => s.Records), "{record}", "Patent records in the index.");
    }

    /// <summary>A host stopping while metrics are read has closed its index: it is left out of that reading.</summary>
    private static List<Measurement<long>> IndexMeasurements(Func<IndexStats, long> figure)
    {
        var measurements = new List<Measurement<long>>();
        foreach (var metrics in Live.Keys)
        {
            try { measurements.Add(new Measurement<long>(figure(metrics.Stats()))); }
            catch (ObjectDisposedException) { }
        }
        return measurements;
    }

    public MarketplaceMetrics(IPatentIndex index)
    {
        _index = index;
        Live.TryAdd(this, 0);
    }

    private IndexStats Stats() => _index.GetStatsAsync().GetAwaiter().GetResult();

    private IEnumerable<Measurement<long>> Backlogs() =>
        _backlogs.Select(b => new Measurement<long>(b.Value(), new KeyValuePair<string, object?>(JobTag, b.Key)));

    /// <summary>The host stops: its index and queues are no longer read.</summary>
    public void Dispose() => Live.TryRemove(this, out _);

    public void SearchRun(long hits)
    {
        Searches.Add(1);
        if (hits == 0) ZeroHitSearches.Add(1);
    }

    public void LicenseTaken() => LicensesTaken.Add(1);

    /// <param name="kind"><c>upfront</c> or <c>royalty</c>.</param>
    /// <param name="channel"><c>online</c> or <c>bank-transfer</c>.</param>
    public void PaymentApplied(string kind, string channel) =>
        Payments.Add(1, new KeyValuePair<string, object?>("payment.kind", kind), new KeyValuePair<string, object?>("payment.channel", channel));

    public void NeedPosted() => NeedsPosted.Add(1);

    /// <summary>A finished job's throughput; jobs that read nothing are left out (no rate to speak of).</summary>
    public void JobFinished(string job, long records, TimeSpan elapsed)
    {
        if (records > 0 && elapsed > TimeSpan.Zero)
            JobRate.Record(records / elapsed.TotalSeconds, new KeyValuePair<string, object?>(JobTag, job));
    }

    /// <summary>A queue whose length is reported as the backlog of <paramref name="job"/> whenever metrics are read.</summary>
    public void TrackBacklog(string job, Func<long> waiting) => _backlogs[job] = waiting;
}
