using Analytics.Chains;
using Analytics.Lifecycle;
using Analytics.Sleeping;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Search.Indexer;
using Search.Indexer.Engine;

namespace Analytics.Tests.Hosting;

/// <summary>Train from the index, label it, and find the labels as facets: the path <c>Analytics train</c> and <c>label</c> take.</summary>
public sealed class AnalyticsIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task LabelIndex_writes_chains_and_value_index_back_as_facets_and_scores()
    {
        using var index = SearchEngines.Open(Path.Combine(_folder.Path, "index"));
        var records = Samples.All.Where((r, i) => i % 5 == 0 || r.Country != "CN" || r.Abstracts.Count > 0).ToList();
        await index.UpsertAsync(records);
        await index.CommitAsync();
        var analytics = new PatentAnalytics(new AnalyticsOptions { ModelsPath = Path.Combine(_folder.Path, "models"), BatchSize = 500 },
            IndustryTaxonomy.Default, FixedClock.At2026);

        var manifest = await analytics.TrainAsync(index.ExportAsync());
        var summary = await analytics.LabelIndexAsync(index);

        Assert.True(File.Exists(Path.Combine(_folder.Path, "models", ModelStore.VersionsFolder, "0001", ChainModel.ManifestFile)));
        Assert.True(manifest.SeedLabelled > 0);
        Assert.Equal((await index.GetStatsAsync()).Records, summary.Records);
        Assert.True(summary.WithChain > summary.Records / 2);
        var result = await index.SearchAsync(new PatentQuery { Facets = [LabelFacets.Chain, LabelFacets.TechField] });
        Assert.True(result.Facets[LabelFacets.Chain].Count >= 8);
        Assert.Contains(result.Facets[LabelFacets.TechField], f => f.Value == "Computer technology");
        var drone = await index.GetAsync("CN218751475U");
        Assert.Contains("digital-economy", drone!.Labels[LabelFacets.Chain]);
        Assert.Equal(["false"], drone.Labels[LabelNames.HighValue]);
        Assert.InRange(drone.Scores[LabelNames.ValueIndex], 0, 1);
        var filtered = await index.SearchAsync(new PatentQuery { Filters = new Dictionary<string, IReadOnlyList<string>> { [LabelFacets.Chain] = ["tea-food"] } });
        Assert.True(filtered.Total > 0);
    }

    [Fact]
    public async Task SleepingReport_ranks_the_institutes_unused_patents_by_value()
    {
        using var index = SearchEngines.Open(Path.Combine(_folder.Path, "index"));
        await index.UpsertAsync(Samples.Read(Path.Combine(Samples.Folder, "cn-export", "cn_export_utf8_bom.csv")).ToList());
        await index.CommitAsync();
        var analytics = new PatentAnalytics(new AnalyticsOptions(), IndustryTaxonomy.Default, FixedClock.At2026);

        var found = await analytics.SleepingReportAsync(index, new SleepingPatentOptions { RequireNoImplementation = false });

        // Granted 2021-2023, in force, no transactions: every granted one is at least 3 years old by 2026-11-27.
        Assert.Equal(["CN215361852U", "CN215590999U", "CN216160555U", "CN216774847U", "CN217546176U", "CN218751475U", "CN218824140U"], found.Select(f => f.Id).Order());
        Assert.Equal(found.Select(f => f.Value.Index), found.Select(f => f.Value.Index).OrderByDescending(v => v));
    }

    [Fact]
    public async Task SleepingReport_for_one_portfolio_screens_only_that_owners_patents()
    {
        using var index = SearchEngines.Open(Path.Combine(_folder.Path, "index"));
        await index.UpsertAsync(Samples.Read(Path.Combine(Samples.Folder, "cn-export", "cn_export_utf8_bom.csv")).ToList());
        await index.CommitAsync();
        var analytics = new PatentAnalytics(new AnalyticsOptions(), IndustryTaxonomy.Default, FixedClock.At2026);

        var own = await analytics.SleepingReportAsync(index, new SleepingPatentOptions { RequireNoImplementation = false, OwnerNames = ["中科大数据研究院"] });
        var other = await analytics.SleepingReportAsync(index, new SleepingPatentOptions { RequireNoImplementation = false, OwnerNames = ["华侨大学"] });

        Assert.Equal(7, own.Count);
        Assert.All(own, s => Assert.Contains("中科大数据研究院", s.Owners, StringComparison.Ordinal));
        Assert.Empty(other);
    }

    [Fact]
    public void AddAnalytics_with_a_missing_taxonomy_file_stops_at_start_with_the_key()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Analytics:TaxonomyPath"] = Path.Combine(_folder.Path, "missing.json");
        builder.AddAnalytics();
        using var host = builder.Build();
        var e = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AnalyticsOptions>>().Value);
        Assert.Contains("Analytics:TaxonomyPath", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAnalytics_binds_the_section_and_registers_the_services()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Analytics:HighValue:PledgeThresholdCny"] = "8000000";
        builder.Configuration["Analytics:Sleeping:MinYearsSinceGrant"] = "5";
        builder.AddAnalytics();
        using var host = builder.Build();
        var analytics = host.Services.GetRequiredService<PatentAnalytics>();
        Assert.Equal(8_000_000m, analytics.Options.HighValue.PledgeThresholdCny);
        Assert.Equal(5, analytics.Options.Sleeping.MinYearsSinceGrant);
        Assert.Same(IndustryTaxonomy.Default, analytics.Taxonomy);
    }

    [Fact]
    public void AddAnalytics_binds_every_settings_class_from_its_own_section()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Analytics:Matching:Pool"] = "50";
        builder.Configuration["Analytics:HighValue:MaintainedYears"] = "12";
        builder.Configuration["Analytics:Sleeping:MinYearsSinceGrant"] = "4";
        builder.Configuration["Analytics:Value:MinCohortSize"] = "10";
        builder.Configuration["Analytics:Chains:MaxSubTopics"] = "5";
        builder.AddAnalytics();
        using var host = builder.Build();

        Assert.Equal(50, host.Services.GetRequiredService<Analytics.Matching.MatchingOptions>().Pool);
        Assert.Equal(12, host.Services.GetRequiredService<Analytics.HighValue.HighValueOptions>().MaintainedYears);
        Assert.Equal(4, host.Services.GetRequiredService<SleepingPatentOptions>().MinYearsSinceGrant);
        Assert.Equal(10, host.Services.GetRequiredService<Analytics.Value.ValueIndexOptions>().MinCohortSize);
        Assert.Equal(5, host.Services.GetRequiredService<ChainModelOptions>().MaxSubTopics);
        Assert.Equal(12, host.Services.GetRequiredService<PatentAnalytics>().Options.HighValue.MaintainedYears);
    }

    [Fact]
    public async Task AddAnalytics_with_an_invalid_setting_stops_the_host_naming_the_key()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Analytics:Value:Weights:Claims"] = "-1";
        builder.AddAnalytics();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Analytics:Value:Weights", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
