using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Web.Saved;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Saved;

/// <summary>The saved-items rules and alerts speak through L[message]: every such message needs its Chinese text.</summary>
public sealed partial class SavedTextTests
{
    [Fact]
    public void Every_rule_and_alert_message_of_saved_searches_and_collections_has_a_Chinese_translation()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx"));
        var translated = resx.Root!.Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "Saved"), "*.cs")
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "Pages", "Saved"), "*.cs"));
        var messages = sources.SelectMany(f => RuleMessage().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .Append(SavedSearchAlerts.NewPatentsMessage)
            .Append(SavedSearchAlerts.OpenLicenseMessage)
            .ToList();

        Assert.True(messages.Count > 15, $"expected the rules' messages, found {messages.Count}");
        var missing = messages.Where(m => !translated.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex(@"new SavedRuleException\(""(?<key>[^""]*)""")]
    private static partial Regex RuleMessage();
}
