using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Engine;

/// <summary>Labels written by later analysis become facet fields the engine filters and counts.</summary>
public sealed class LabelFacetTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Labels_are_counted_and_filtered_as_facets_and_survive_the_stored_record()
    {
        var drone = SampleRecords.Get(SampleRecords.Drone);
        drone.Labels[LabelFacets.Chain] = ["smart-manufacturing", "digital-economy"];
        drone.Labels[LabelFacets.TechField] = ["Transport"];
        drone.Scores["valueIndex"] = 0.4;
        var camera = SampleRecords.Get(SampleRecords.Camera);
        camera.Labels[LabelFacets.Chain] = ["digital-economy"];
        camera.Labels[LabelFacets.SubTopic] = ["digital-economy/2"];
        var unlabelled = SampleRecords.Get(SampleRecords.Keywords);
        using var index = LuceneIndex.Open(_folder.Path);
        await index.UpsertAsync([drone, camera, unlabelled]);
        await index.CommitAsync();

        var all = await index.SearchAsync(new PatentQuery { Facets = LabelFacets.All });
        var chains = all.Facets[LabelFacets.Chain].ToDictionary(f => f.Value, f => f.Count);
        Assert.Equal(2, chains["digital-economy"]);
        Assert.Equal(1, chains["smart-manufacturing"]);
        Assert.Equal(1, Assert.Single(all.Facets[LabelFacets.SubTopic]).Count);
        Assert.Equal("Transport", Assert.Single(all.Facets[LabelFacets.TechField]).Value);

        var filtered = await index.SearchAsync(new PatentQuery
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { [LabelFacets.Chain] = ["smart-manufacturing"] },
        });
        var hit = Assert.Single(filtered.Hits);
        Assert.Equal(SampleRecords.Drone, hit.Record.Id);
        Assert.Equal(0.4, hit.Record.Scores["valueIndex"]);
        Assert.Equal(["smart-manufacturing", "digital-economy"], hit.Record.Labels[LabelFacets.Chain]);
    }

    [Fact]
    public async Task FlagLabels_high_value_sleeping_and_open_license_are_facets_and_filters()
    {
        var drone = SampleRecords.Get(SampleRecords.Drone);
        drone.Labels[LabelFacets.HighValue] = ["true"];
        drone.Labels[LabelFacets.OpenLicense] = [LabelFacets.OpenLicenseAvailable];
        var camera = SampleRecords.Get(SampleRecords.Camera);
        camera.Labels[LabelFacets.HighValue] = ["false"];
        camera.Labels[LabelFacets.Sleeping] = ["true"];
        using var index = LuceneIndex.Open(_folder.Path);
        await index.UpsertAsync([drone, camera, SampleRecords.Get(SampleRecords.Keywords)]);
        await index.CommitAsync();

        var all = await index.SearchAsync(new PatentQuery { Facets = [LabelFacets.HighValue, LabelFacets.Sleeping, LabelFacets.OpenLicense] });
        Assert.Equal([new FacetValue("false", 1), new FacetValue("true", 1)], all.Facets[LabelFacets.HighValue].OrderBy(f => f.Value, StringComparer.Ordinal));
        Assert.Equal([new FacetValue("true", 1)], all.Facets[LabelFacets.Sleeping]);
        Assert.Equal([new FacetValue(LabelFacets.OpenLicenseAvailable, 1)], all.Facets[LabelFacets.OpenLicense]);

        var open = await index.SearchAsync(new PatentQuery
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { [LabelFacets.OpenLicense] = [LabelFacets.OpenLicenseAvailable] },
        });
        Assert.Equal(SampleRecords.Drone, Assert.Single(open.Hits).Record.Id);
    }

    public void Dispose() => _folder.Dispose();
}
