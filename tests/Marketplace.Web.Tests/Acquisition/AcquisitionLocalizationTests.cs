using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Web.Acquisition;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Acquisition;

/// <summary>Acquisition's refusals, notices and labels reach the page through variables: each has its Chinese.</summary>
public sealed partial class AcquisitionLocalizationTests
{
    [Fact]
    public void Every_acquisition_refusal_notice_and_label_has_a_Chinese_translation()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx"));
        var translated = resx.Root!.Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "Acquisition"), "*.cs").Select(File.ReadAllText).ToList();
        var used = sources.SelectMany(s => RuleMessage().Matches(s).Concat(Notice().Matches(s)))
            .Select(m => m.Groups["key"].Value.Replace("\\\"", "\"", StringComparison.Ordinal))
            .Concat(AcquisitionLabels.All)
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count > 50, $"expected the acquisition messages, found {used.Count}");
        var missing = used.Where(k => !translated.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex(@"new AcquisitionRuleException\([^,]+, ""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex RuleMessage();

    [GeneratedRegex(@"QueueAsync\(Recipient\.[A-Za-z]+\([^;]*?\),\s*""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Notice();
}
