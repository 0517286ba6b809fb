using System.Text.Json.Nodes;
using Analytics.Taxonomy;
using Marketplace.Web.Tests.Needs;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// The site takes Analytics' settings from configuration like every other part: an operator's taxonomy
/// (Analytics:TaxonomyPath) is the one the pages show, and a bad Analytics value stops start-up naming its key.
/// </summary>
public sealed class AnalyticsSettingsTests : IDisposable
{
    private const string RenamedZh = "测试改名纺织链";
    private const string RenamedEn = "Renamed test textiles chain";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "analytics-settings-" + Guid.NewGuid().ToString("N")[..12]);

    public AnalyticsSettingsTests() => Directory.CreateDirectory(_folder);

    private static string ShippedTaxonomy => Path.Combine(RepositoryPaths.Root, "Analytics", "Taxonomy", "taxonomy.json");

    /// <summary>A copy of the shipped taxonomy with its first chain renamed, as an operator would edit it.</summary>
    private string EditedTaxonomy()
    {
        var taxonomy = JsonNode.Parse(File.ReadAllText(ShippedTaxonomy))!;
        var chain = taxonomy["chains"]![0]!;
        chain["nameZh"] = RenamedZh;
        chain["nameEn"] = RenamedEn;
        var path = Path.Combine(_folder, "taxonomy.json");
        File.WriteAllText(path, taxonomy.ToJsonString());
        return path;
    }

    [Fact]
    public async Task NeedsForm_with_an_operators_taxonomy_configured_lists_its_chain_names_in_both_languages()
    {
        var shipped = IndustryTaxonomy.Default.Chains[0];
        var site = MarketplaceSite.WithSettings(new Dictionary<string, string?> { ["Analytics:TaxonomyPath"] = EditedTaxonomy() });
        try
        {
            await site.InitializeAsync();
            using var enterprise = await new SiteClient(site.BaseAddress).SignInAsDemoAsync(NeedsScenario.EnterpriseOwner);

            var chinese = await enterprise.PageAsync("/needs/new");
            var english = await enterprise.PageAsync("/needs/new?culture=en");

            var option = $"select[name='Input.ChainId'] option[value='{shipped.Id}']";
            Assert.Equal(RenamedZh, chinese.QuerySelector(option)!.TextContent.Trim());
            Assert.Equal(RenamedEn, english.QuerySelector(option)!.TextContent.Trim());
            Assert.DoesNotContain(shipped.NameZh, chinese.QuerySelector("select[name='Input.ChainId']")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await site.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Analytics:HighValue:PledgeThresholdCny", "-1")]
    [InlineData("Analytics:Sleeping:MinYearsSinceGrant", "-3")]
    [InlineData("Analytics:Matching:Pool", "0")]
    [InlineData("Analytics:Chains:MinModelConfidence", "1.5")]
    [InlineData("Analytics:Value:MinCohortSize", "0")]
    public async Task Startup_with_an_invalid_analytics_setting_stops_with_a_message_naming_the_key(string key, string value)
    {
        var e = await StartupFailure(new Dictionary<string, string?> { [key] = value });

        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_with_a_taxonomy_file_that_does_not_read_stops_naming_the_key_and_the_problem()
    {
        var broken = Path.Combine(_folder, "broken-taxonomy.json");
        File.WriteAllText(broken, """{ "version": "1", "chains": [] }""");

        var e = await StartupFailure(new Dictionary<string, string?> { ["Analytics:TaxonomyPath"] = broken });

        Assert.Contains("Analytics:TaxonomyPath", e.Message, StringComparison.Ordinal);
        Assert.Contains("no chains", e.Message, StringComparison.Ordinal);
    }

    private static async Task<OptionsValidationException> StartupFailure(Dictionary<string, string?> settings)
    {
        var site = MarketplaceSite.WithSettings(settings);
        try
        {
            return await Assert.ThrowsAsync<OptionsValidationException>(site.InitializeAsync);
        }
        finally
        {
            await site.DisposeAsync();
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
