using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>Licensing's messages reach the page through variables (refusals, checks, notices, labels): each has its Chinese.</summary>
public sealed partial class LicensingLocalizationTests
{
    [Fact]
    public void Every_licensing_message_label_and_notice_has_a_Chinese_translation()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx"));
        var translated = resx.Root!.Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "Licensing"), "*.cs").Select(File.ReadAllText).ToList();
        var used = sources.SelectMany(s => RuleMessage().Matches(s).Concat(CheckMessage().Matches(s)).Concat(Notice().Matches(s)).Concat(Ownership().Matches(s)))
            .Select(m => m.Groups["key"].Value.Replace("\\\"", "\"", StringComparison.Ordinal))
            .Concat(LicensingLabels.All)
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count > 100, $"expected the licensing messages, found {used.Count}");
        var missing = used.Where(k => !translated.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex(@"new LicensingRuleException\(""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex RuleMessage();

    [GeneratedRegex(@"new\(""[a-z.\-]+"", ""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex CheckMessage();

    [GeneratedRegex(@"Notify\([^;]*?""(?<key>[A-Z](?:[^""\\]|\\.)*)"",\s*\$?""/")]
    private static partial Regex Notice();

    [GeneratedRegex(@"OwnershipAnswer\((?:true|false), ""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Ownership();
}
