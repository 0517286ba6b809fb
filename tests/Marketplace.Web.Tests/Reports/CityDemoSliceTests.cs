using System.Globalization;
using System.Net;
using Analytics.Reports;
using Analytics.Taxonomy;
using Marketplace.Web.Demo;
using Marketplace.Web.Reports;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Reports;

/// <summary>The site as a newcomer starts it, with the Quanzhou demo slice on (as by default) and labelled at start.</summary>
public sealed class CitySliceSite : IAsyncLifetime
{
    public MarketplaceSite Site { get; } = MarketplaceSite.WithSettings(new Dictionary<string, string?>
    {
        ["Analytics:LabelOnStart"] = "true",
        ["Demo:CitySlice"] = "true",
    });

    public async Task InitializeAsync()
    {
        await Site.InitializeAsync();
        await Site.Services.GetRequiredService<CityDashboard>().WaitAsync();
    }

    public Task DisposeAsync() => Site.DisposeAsync();
}

/// <summary>
/// The demo slice makes Quanzhou visible on first start: synthetic patents in every county, marked as demo data on the
/// patent page, in search, on the dashboard and on reports; and they go again when the setting is off.
/// </summary>
public sealed class CityDemoSliceTests(CitySliceSite fixture) : IClassFixture<CitySliceSite>
{
    private const string Operator = "operator@demo.patent-marketplace.local";
    private MarketplaceSite Site => fixture.Site;

    [Fact]
    public async Task The_slice_is_loaded_at_first_start_and_each_record_is_marked_on_its_page_and_in_search()
    {
        var ids = await CityDemoSlice.IdsAsync(Site.Index);
        Assert.True(ids.Count >= 200, $"{ids.Count} demo records");
        Assert.All(ids, id => Assert.StartsWith("CN99", id, StringComparison.Ordinal));

        using var client = new SiteClient(Site.BaseAddress);
        var page = await client.PageAsync("/patents/" + ids[0]);
        Assert.NotNull(page.QuerySelector(".patent-head .badge-demo"));
        var source = (await Site.Index.GetAsync(ids[0]))!.Extra["demo_source"];
        Assert.Contains(source, page.QuerySelector("#synthetic-note")!.TextContent, StringComparison.Ordinal);

        var search = await client.PageAsync("/search?q=" + Uri.EscapeDataString("applicant:\"" + CityDemoSliceGenerator.University + "\""));
        var hits = search.QuerySelectorAll(".hit");
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.NotNull(h.QuerySelector(".badge-demo")));
        // A real sample carries no mark.
        var real = await client.PageAsync("/patents/CN115883397A");
        Assert.Null(real.QuerySelector(".badge-demo"));
        Assert.Null(real.QuerySelector("#synthetic-note"));
    }

    [Fact]
    public async Task The_slice_has_inventions_utility_models_and_designs_with_several_legal_statuses_in_every_county()
    {
        var records = new List<PatentRecord>();
        await foreach (var r in Site.Index.ScanAsync(RecordView.Summary))
            if (SyntheticData.IsSynthetic(r)) records.Add(r);

        Assert.Equal([DocumentType.Invention, DocumentType.UtilityModel, DocumentType.Design], records.Select(r => r.DocumentType).Distinct().Order());
        Assert.True(records.Select(r => r.LegalStatus).Distinct().Count() >= 4);
        Assert.True(records.Select(r => r.ApplicationDate!.Value.Year).Distinct().Count() >= 8);
        Assert.All(records, r => Assert.True(r.ApplicationDate <= CityDemoSliceGenerator.AsOf && (r.GrantDate ?? r.PublicationDate) <= CityDemoSliceGenerator.AsOf));
        var regions = new RegionResolver(new CityDefinition());
        var counties = records.Select(r => regions.Resolve(r).County).ToHashSet();
        Assert.Equal(CityDefinition.QuanzhouCounties.Select(c => c.Name).ToHashSet(), counties);
        Assert.True(records.Select(r => r.Labels.GetValueOrDefault(LabelFacets.Chain)?.FirstOrDefault()).OfType<string>().Distinct().Count() >= 6,
            "the slice spreads over the city's industry chains");
    }

    [Fact]
    public async Task Generating_the_slice_again_from_the_same_samples_gives_the_same_records()
    {
        var samples = new List<PatentRecord>();
        await foreach (var r in Site.Index.ScanAsync(RecordView.Full))
            if (!SyntheticData.IsSynthetic(r)) samples.Add(r);
        var city = Site.Services.GetRequiredService<ReportOptions>().City;
        var first = CityDemoSliceGenerator.Generate(samples, IndustryTaxonomy.Default, city);
        var second = CityDemoSliceGenerator.Generate(samples.AsEnumerable().Reverse(), IndustryTaxonomy.Default, city);

        Assert.Equal(first.Select(RecordJson.Serialize), second.Select(RecordJson.Serialize));
        var stored = await Site.Index.GetManyAsync(first.Select(r => r.Id).ToList());
        Assert.Equal(first.Count, stored.Count);
        Assert.All(first, r => Assert.Equal(r.Title("zh"), stored[r.Id].Title("zh")));
    }

    [Fact]
    public async Task The_dashboard_shows_non_zero_city_figures_in_every_county_with_a_note_on_the_demo_data()
    {
        using var client = new SiteClient(Site.BaseAddress);
        var page = await client.PageAsync("/dashboard?culture=en");

        var note = page.QuerySelector("#dashboard-demo-note")!.TextContent;
        Assert.Contains("synthetic demo patents", note, StringComparison.Ordinal);
        Assert.Contains("Demo:CitySlice=false", note, StringComparison.Ordinal);
        foreach (var id in new[] { "#indicator-patents", "#indicator-valid-inventions" })
            Assert.True(long.Parse(page.QuerySelector(id + " .value")!.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > 0, id);
        Assert.True(Site.Services.GetRequiredService<CityDashboard>().Latest!.Total.HighValueInventions > 0, "high-value inventions among the demo patents");
        var rows = page.QuerySelectorAll("#dashboard-counties tbody tr");
        Assert.Equal(CityDefinition.QuanzhouCounties.Count, rows.Length);
        Assert.All(rows, row => Assert.True(long.Parse(row.Children[2].TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > 0, row.Children[0].TextContent));
        // The samples carry no addresses: the dashboard says how many it cannot place.
        Assert.Contains("neither an applicant address nor a province code", page.QuerySelector("#dashboard-unplaced")!.TextContent, StringComparison.Ordinal);

        var chinese = await client.PageAsync("/dashboard?culture=zh-CN");
        Assert.Contains("合成演示专利", chinese.QuerySelector("#dashboard-demo-note")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_on_the_city_says_it_includes_demo_data_and_why_other_patents_are_left_out()
    {
        using var client = await new SiteClient(Site.BaseAddress).SignInAsDemoAsync(Operator);
        using var response = await client.SubmitAsync("/reports", "#report-request",
            new Dictionary<string, string> { ["Region"] = "泉州", ["FromYear"] = "2016", ["ToYear"] = "2026" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;
        var finished = await Site.Services.GetRequiredService<ReportStore>().WhenFinishedAsync(url["/reports/".Length..]).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(ReportState.Done, finished.State);

        var page = await client.PageAsync(url + "?culture=en");
        Assert.Contains("synthetic demo patents", page.QuerySelector("#report-demo-note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("neither a filing nor a publication date", page.QuerySelector("#left-out-no-date")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("outside the region 泉州", page.QuerySelector("#left-out-region")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("no IPC code", page.QuerySelector("#left-out-ipc")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>Switching the slice off removes every record of it at the next start, and nothing else.</summary>
public sealed class CityDemoSliceRemovalTests
{
    [Fact]
    public async Task Turning_the_slice_off_removes_every_demo_record_at_the_next_start()
    {
        var folder = Path.Combine(Path.GetTempPath(), "marketplace-demo-slice-" + Guid.NewGuid().ToString("N")[..12]);
        var on = MarketplaceSite.WithSettings(new Dictionary<string, string?> { ["Demo:CitySlice"] = "true" }, folder);
        try
        {
            long samples;
            try
            {
                await on.InitializeAsync();
                var demo = await CityDemoSlice.IdsAsync(on.Index);
                Assert.NotEmpty(demo);
                samples = (await on.Index.GetStatsAsync()).Records - demo.Count;
            }
            finally
            {
                await on.DisposeAsync();
            }
            var off = MarketplaceSite.WithSettings(new Dictionary<string, string?> { ["Demo:CitySlice"] = "false" }, folder);
            try
            {
                await off.InitializeAsync();
                Assert.Empty(await CityDemoSlice.IdsAsync(off.Index));
                Assert.Equal(samples, (await off.Index.GetStatsAsync()).Records);
                var snapshot = await off.Services.GetRequiredService<CityDashboard>().WaitAsync();
                Assert.Equal(0, snapshot!.SyntheticPatents);
                Assert.Equal(0, snapshot.Total.Patents);
                using var client = new SiteClient(off.BaseAddress);
                var page = await client.PageAsync("/dashboard?culture=en");
                Assert.NotNull(page.QuerySelector("#dashboard-basis"));
                Assert.Null(page.QuerySelector("#dashboard-demo-note"));
            }
            finally
            {
                await off.DisposeAsync();
            }
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
