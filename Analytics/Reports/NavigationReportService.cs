using System.Globalization;
using Analytics.Taxonomy;
using Analytics.TechnologyFields;
using Search.Indexer.Engine;

namespace Analytics.Reports;

/// <summary>Settings of navigation reports and the city's indicators, bound from the configuration section "Reports".</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>The city reports compare against its province and the corpus (Quanzhou unless configured).</summary>
    public CityDefinition City { get; set; } = new();

    public RecommendationOptions Recommendations { get; set; } = new();
}

/// <summary>
/// Generates navigation reports over a patent index: one streamed pass over every record's summary
/// (<see cref="IPatentIndex.ScanAsync"/>), after asking the engine which patents a scope's query matches; then charts and documents on demand.
/// </summary>
public sealed class NavigationReportService(ReportOptions options, IndustryTaxonomy taxonomy, TechnologyFieldConcordance fields, TimeProvider clock)
{
    public ReportOptions Options => options;
    public IndustryTaxonomy Taxonomy => taxonomy;

    /// <summary>
    /// Changes whenever a report of the same scope over the same index would come out differently: 2 since a report's
    /// query is read by the search engine rather than matched as substrings. Part of <see cref="IndexVersionAsync"/>,
    /// so reports cached by an earlier method are computed again.
    /// </summary>
    public const int Method = 2;

    /// <summary>A version of the index's content (and the report method) for caches: records and size on disk change with any write.</summary>
    public static async Task<string> IndexVersionAsync(IPatentIndex index, CancellationToken ct = default)
    {
        var stats = await index.GetStatsAsync(ct).ConfigureAwait(false);
        return Version(stats);
    }

    private static string Version(IndexStats stats) => string.Create(CultureInfo.InvariantCulture, $"{stats.Records}-{stats.SizeBytes}-m{Method}");

    /// <summary>Problems with a scope, as (field, English message) pairs.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate(ReportScope scope)
    {
        var problems = scope.Validate(options.City).ToList();
        if (scope.Chain is { Length: > 0 } chain && taxonomy.Chain(chain) is null)
            problems.Add((nameof(ReportScope.Chain), $"'{chain}' is not an industry chain of the taxonomy ({string.Join(", ", taxonomy.Chains.Select(c => c.Id))})."));
        return problems;
    }

    public async Task<NavigationReport> GenerateAsync(IPatentIndex index, ReportScope scope, IProgress<AnalyticsProgress>? progress = null, CancellationToken ct = default)
    {
        var problems = Validate(scope);
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems.Select(p => p.Message)), nameof(scope));
        var stats = await index.GetStatsAsync(ct).ConfigureAwait(false);
        var version = Version(stats);
        IReadOnlySet<string>? matches = null;
        if (scope.HasQuery)
        {
            progress?.Report(new AnalyticsProgress("searching", 0, stats.Records));
            matches = await index.MatchingIdsAsync(new PatentQuery { Text = scope.Query }, ct).ConfigureAwait(false);
        }
        var builder = new NavigationReportBuilder(scope, options.City, taxonomy, fields, options.Recommendations, matches);
        return await NavigationReportBuilder.RunAsync(index.ScanAsync(RecordView.Summary, ct), builder, stats.Records, progress, clock, version, ct).ConfigureAwait(false);
    }
}
