using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Web.Reports;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Reports;

public sealed partial class ReportPhasesTests
{
    [Fact]
    public void Every_phase_a_report_goes_through_has_a_title_in_both_languages()
    {
        // The phases the report job sets and the ones Analytics reports while it builds a report.
        var sources = new[]
        {
            Path.Combine(RepositoryPaths.WebProject, "Reports", "ReportRequests.cs"),
            Path.Combine(RepositoryPaths.WebProject, "Reports", "ReportStore.cs"),
            Path.Combine(RepositoryPaths.Root, "Analytics", "Reports", "NavigationReportBuilder.cs"),
            Path.Combine(RepositoryPaths.Root, "Analytics", "Reports", "NavigationReportService.cs"),
        };
        var phases = sources.SelectMany(f => Phase().Matches(File.ReadAllText(f)).Select(m => m.Groups["phase"].Value)).ToHashSet(StringComparer.Ordinal);
        var translated = XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx"))
            .Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["queued", "reading", "summarising", "searching", "documents", "done"]), phases);
        Assert.All(phases, p => Assert.True(ReportPhases.All.ContainsKey(p), $"phase '{p}' has no title"));
        Assert.All(ReportPhases.All.Values, t => Assert.Contains(t, translated));
    }

    [GeneratedRegex(@"(?:new ReportProgress\([^,]+, ReportState\.\w+|new AnalyticsProgress\()\s*,?\s*""(?<phase>[^""]+)""")]
    private static partial Regex Phase();
}
