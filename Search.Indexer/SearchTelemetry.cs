using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Search.Indexer;

/// <summary>
/// The search side's own spans and instruments, named <see cref="Name"/>: a host that wants them listens to this
/// source and meter (the web application exports both over OpenTelemetry). Nothing here knows about an exporter.
/// </summary>
public static class SearchTelemetry
{
    public const string Name = "Search.Indexer";

    /// <summary>Spans of one search (query parse, search, facet count, highlight) and of loads.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Records a load handed to the engine, by outcome (added, merged, unchanged, quarantined).</summary>
    public static readonly Counter<long> LoadedRecords = Meter.CreateCounter<long>(
        "search.load.records", "{record}", "Records read by loads, by outcome.");

    /// <summary>Records per second of each finished load: the figure operators compare between loads and machines.</summary>
    public static readonly Histogram<double> LoadRate = Meter.CreateHistogram(
        "search.load.rate", "{record}/s", "Records per second of each finished load.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 100_000] });

    /// <summary>How long the engine took to answer a search (answers from the result cache included, tagged).</summary>
    public static readonly Histogram<double> SearchDuration = Meter.CreateHistogram(
        "search.duration", "s", "Time the search engine took to answer one search.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
}
