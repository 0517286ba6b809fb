using System.Net;
using Marketplace.Web.Organizations;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Web.Patents;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests;

[Collection(SharedSite.Name)]
public sealed partial class LocalizationTests(MarketplaceSite site)
{
    [Fact]
    public async Task The_site_speaks_Chinese_by_default_even_to_an_English_browser()
    {
        using var client = site.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        var page = await Html.ReadAsync(await client.GetAsync("/"));

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("专利导航与开放许可平台", page.QuerySelector(".brand")!.TextContent.Trim());
        Assert.Equal("检索", page.QuerySelector(".topbar-search button")!.TextContent.Trim());
        Assert.Equal("English", page.QuerySelector(".lang a")!.TextContent.Trim());
    }

    [Fact]
    public async Task Culture_en_in_the_query_string_shows_the_English_text()
    {
        using var client = site.CreateClient();

        var page = await Html.ReadAsync(await client.GetAsync("/search?culture=en"));

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Patent Navigation & Open Licensing", page.QuerySelector(".brand")!.TextContent.Trim());
        Assert.Equal("中文", page.QuerySelector(".lang a")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_language_link_remembers_English_in_a_cookie_and_returns_to_the_page()
    {
        using var client = site.CreateClient();
        var zh = await Html.ReadAsync(await client.GetAsync("/search?q=abc"));
        var switchLink = zh.QuerySelector(".lang a")!.GetAttribute("href")!;

        using var switched = await client.GetAsync(switchLink);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/search?q=abc", switched.Headers.Location!.OriginalString);

        var en = await Html.ReadAsync(await client.GetAsync("/"));
        Assert.Equal("Patent Navigation & Open Licensing", en.QuerySelector(".brand")!.TextContent.Trim());

        using var back = await client.GetAsync("/culture/zh-CN?returnUrl=/");
        var zhAgain = await Html.ReadAsync(await client.GetAsync("/"));
        Assert.Equal("专利导航与开放许可平台", zhAgain.QuerySelector(".brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task Switching_back_to_Chinese_from_a_culture_en_link_drops_the_culture_parameter()
    {
        using var client = site.CreateClient();
        var en = await Html.ReadAsync(await client.GetAsync("/search?q=abc&culture=en"));
        var switchLink = en.QuerySelector(".lang a")!.GetAttribute("href")!;

        using var switched = await client.GetAsync(switchLink);
        var zh = await Html.ReadAsync(await client.GetAsync(switched.Headers.Location!.OriginalString));

        Assert.Equal("/search?q=abc", switched.Headers.Location!.OriginalString);
        Assert.Equal("专利导航与开放许可平台", zh.QuerySelector(".brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_language_switch_refuses_unknown_cultures_and_foreign_return_urls()
    {
        using var client = site.CreateClient();

        using var unknown = await client.GetAsync("/culture/fr");
        using var foreign = await client.GetAsync("/culture/en?returnUrl=//evil.example/");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, foreign.StatusCode);
        Assert.Equal("/", foreign.Headers.Location!.OriginalString);
    }

    [Fact]
    public void Every_UI_string_in_pages_and_code_has_a_Chinese_translation()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx"));
        var translated = resx.Root!.Elements("data")
            .Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => d.Attribute("name")!.Value)
            .ToHashSet(StringComparer.Ordinal);

        var sources = Directory.EnumerateFiles(RepositoryPaths.WebProject, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var used = sources
            .SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Concat(AttributeText().Matches(File.ReadAllText(f)))
                .Select(m => m.Groups["key"].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .Concat(EnglishLabels())
            .Concat(PatentLabels.CountryNames)
            .Concat(AnalyticsPhraseKeys())
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(used.Count > 50, $"expected the pages to use many strings, found {used.Count}");
        var missing = used.Where(k => !translated.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_entry_of_the_Chinese_resource_is_still_used_somewhere()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx"));
        // A key is live when the code holds it as a string literal (whichever way it then reaches the localizer:
        // L[...], a variable, an enum label, a rule message) or when an enum's name is the key.
        var code = string.Join("\n", new[] { RepositoryPaths.WebProject, AnalyticsProject }
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !IsBuildOutput(f))
            .Select(File.ReadAllText));
        // The loaders' rejection reasons are keyed by their English templates, listed in Search.Indexer's one catalogue.
        var enumKeys = Enum.GetNames<Marketplace.Web.Reports.ReportState>().Concat(EnglishLabels())
            .Concat(global::Search.Indexer.Readers.RejectionReasons.All.Where(t => t.IsTranslated).Select(t => t.English))
            .ToHashSet(StringComparer.Ordinal);

        var unused = resx.Root!.Elements("data").Select(d => d.Attribute("name")!.Value)
            .Where(k => !enumKeys.Contains(k) && !code.Contains("\"" + k.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", StringComparison.Ordinal))
            .ToList();

        Assert.True(unused.Count == 0, "No code uses these entries of SharedResource.zh-CN.resx any more:\n" + string.Join("\n", unused));
    }

    private static string AnalyticsProject => Path.Combine(RepositoryPaths.Root, "Analytics");

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    /// <summary>The keys of the phrases Analytics explains its rules and reports with (a bare "{0}" has nothing to translate).</summary>
    private static IEnumerable<string> AnalyticsPhraseKeys() =>
        Directory.EnumerateFiles(AnalyticsProject, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f))
            .SelectMany(f => PhraseKey().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .Where(k => k.Any(char.IsLetter));

    [GeneratedRegex(@"Phrase\.Of\(""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex PhraseKey();

    [GeneratedRegex(@"\b[Ll]\[""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerKey();

    /// <summary>Display names and validation messages of data annotations, localised through the same resource.</summary>
    [GeneratedRegex(@"\b(?:ErrorMessage|Name) = ""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex AttributeText();

    /// <summary>Labels and messages that reach L[...] through a variable: organisation types, roles, states, rule messages.</summary>
    private static IEnumerable<string> EnglishLabels() =>
        Enum.GetValues<Marketplace.Web.Organizations.OrganizationType>().Select(t => t.Label())
            .Concat(Enum.GetValues<Marketplace.Web.Organizations.OrganizationRole>().Select(r => r.Label()))
            .Concat(Enum.GetValues<Marketplace.Web.Organizations.VerificationStatus>().Select(s => s.Label()))
            .Concat(Enum.GetValues<Marketplace.Web.Organizations.CreditCodeError>().Where(e => e != Marketplace.Web.Organizations.CreditCodeError.None).Select(e => e.Message()))
            .Concat(Marketplace.Web.Api.ApiScopes.All.Select(Marketplace.Web.Pages.OpenId.ApiClientsModel.ScopeLabel))
            .Concat(RuleMessages());

    /// <summary>Every message an organisation rule throws (they are shown through L[ex.Message]).</summary>
    private static IEnumerable<string> RuleMessages()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "Organizations"), "*.cs")
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "OpenId"), "*.cs"))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "Accounts"), "*.cs"));
        return sources.SelectMany(f => RuleMessage().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .Concat(OrganizationServiceMessages().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.WebProject, "Organizations", "OrganizationService.cs"))).Select(m => m.Groups["key"].Value));
    }

    [GeneratedRegex(@"new OrganizationRuleException\(""(?<key>[^""]*)""\)")]
    private static partial Regex RuleMessage();

    [GeneratedRegex(@"return \(null, ""(?<key>[^""]*)""\)")]
    private static partial Regex OrganizationServiceMessages();
}
