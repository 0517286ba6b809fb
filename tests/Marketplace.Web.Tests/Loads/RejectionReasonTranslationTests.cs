using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Web.Tests.Support;
using Search.Indexer.Readers;

namespace Marketplace.Web.Tests.Loads;

/// <summary>Every reason a loader can give for a rejection reads in Chinese, with the same values in it as in English.</summary>
public sealed partial class RejectionReasonTranslationTests
{
    private static Dictionary<string, string> Chinese() =>
        XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "", StringComparer.Ordinal);

    [Fact]
    public void Every_reason_a_loader_can_give_has_a_Chinese_translation_with_the_same_placeholders()
    {
        var chinese = Chinese();
        var templates = RejectionReasons.All.Where(t => t.IsTranslated).ToList();
        Assert.True(templates.Count > 80, $"expected the loaders' whole catalogue, found {templates.Count}");

        var missing = templates.Where(t => !chinese.TryGetValue(t.English, out var zh) || string.IsNullOrWhiteSpace(zh)).Select(t => $"{t.Code}: {t.English}").ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));

        var mismatched = templates.Where(t => !Placeholders(t.English).SetEquals(Placeholders(chinese[t.English]))).Select(t => t.Code).ToList();
        Assert.True(mismatched.Count == 0, "The Chinese text fills other placeholders than the English:\n" + string.Join("\n", mismatched));
        // Each translation must format (balanced braces) as the site formats it.
        Assert.All(templates, t => Assert.NotEmpty(string.Format(System.Globalization.CultureInfo.InvariantCulture, chinese[t.English], ["a", "b", "c", "d"])));
    }

    [Fact]
    public void A_Chinese_translation_is_Chinese_not_the_English_copied()
    {
        var chinese = Chinese();
        var untranslated = RejectionReasons.All.Where(t => t.IsTranslated && !chinese[t.English].Any(c => c is >= '\u4e00' and <= '\u9fff')).Select(t => t.Code).ToList();
        Assert.True(untranslated.Count == 0, "Not translated:\n" + string.Join("\n", untranslated));
    }

    private static HashSet<string> Placeholders(string format) =>
        Placeholder().Matches(format.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
