using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Web.Pledges;
using Marketplace.Web.Products;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Pledges;

/// <summary>Pledge and product messages reach the page through variables (refusals, import problems, notices, labels): each has its Chinese.</summary>
public sealed partial class PledgeLocalizationTests
{
    [Fact]
    public void Every_pledge_and_product_refusal_expectation_notice_and_label_has_a_Chinese_translation()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx"));
        var translated = resx.Root!.Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
        var sources = new[] { "Pledges", "Products" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, folder), "*.cs")).Select(File.ReadAllText).ToList();
        var used = sources.SelectMany(s => Refusal().Matches(s).Concat(Expectation().Matches(s)).Concat(Notice().Matches(s)))
            .Select(m => m.Groups["key"].Value)
            .Concat(PledgeFields.All)
            .Concat(ProductLabels.All)
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(used.Count > 40, $"expected the pledge and product messages, found {used.Count}");
        var missing = used.Where(k => !translated.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex(@"RuleException\([\w.]+, ""(?<key>[^""]*)""")]
    private static partial Regex Refusal();

    /// <summary>What an import row was expected to hold: the second argument of a problem (the first is the field).</summary>
    [GeneratedRegex(@"(?:Problem\(|Fail\(|new\(file, 1, )(?:[\w.]+|""File""), ""(?<key>[^""]*)""")]
    private static partial Regex Expectation();

    [GeneratedRegex(@"""(?<key>(?:A|The|Your) [^""]*(?:\{0\})[^""]*\.)""")]
    private static partial Regex Notice();
}
