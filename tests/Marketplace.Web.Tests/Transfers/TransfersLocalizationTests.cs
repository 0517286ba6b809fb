using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Web.Tests.Support;
using Marketplace.Web.Transfers;

namespace Marketplace.Web.Tests.Transfers;

/// <summary>Transfers' refusals, signing checks, notices and labels reach the page through variables: each has its Chinese.</summary>
public sealed partial class TransfersLocalizationTests
{
    [Fact]
    public void Every_transfer_refusal_check_notice_and_label_has_a_Chinese_translation()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx"));
        var translated = resx.Root!.Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "Transfers"), "*.cs").Select(File.ReadAllText).ToList();
        var used = sources.SelectMany(s => RuleMessage().Matches(s).Concat(CheckMessage().Matches(s)).Concat(Notice().Matches(s)))
            .Select(m => m.Groups["key"].Value.Replace("\\\"", "\"", StringComparison.Ordinal))
            .Concat(TransferLabels.All)
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count > 60, $"expected the transfer messages, found {used.Count}");
        var missing = used.Where(k => !translated.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex(@"new TransferRuleException\(""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex RuleMessage();

    [GeneratedRegex(@"new\(""[a-z\-]+"", ""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex CheckMessage();

    /// <summary>Notices to an organisation, and the lapse notices handed to the helper that sends them.</summary>
    [GeneratedRegex(@"(?:QueueAsync\(Recipient\.[A-Za-z]+\([^;]*?\),|LapseOpenOffersAsync\([^;]*?,)\s*""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Notice();
}
