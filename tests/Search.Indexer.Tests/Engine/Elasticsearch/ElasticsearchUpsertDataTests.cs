using System.Text.Json.Nodes;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Elasticsearch;
using Search.Indexer.Tests.Support;
using static Search.Indexer.Tests.Engine.SampleRecords;

namespace Search.Indexer.Tests.Engine.Elasticsearch;

/// <summary>
/// A load's write on Elasticsearch (ADR-027) against a local stub: a scripted update per record that the cluster runs on
/// the stored document, keeping its labels, scores and their fields, with the whole document as the upsert of a new one.
/// What the script does to a stored document is the conformance suite's, on a real cluster.
/// </summary>
public sealed class ElasticsearchUpsertDataTests : IDisposable
{
    private readonly TempFolder _quarantine = new();

    [Fact]
    public async Task UpsertData_sends_a_scripted_update_keeping_the_stored_labels_with_the_whole_document_as_upsert()
    {
        var answer = new JsonObject
        {
            ["errors"] = false,
            ["items"] = new JsonArray(
                new JsonObject { ["update"] = new JsonObject { ["_id"] = Drone, ["status"] = 200, ["result"] = "updated" } },
                new JsonObject { ["update"] = new JsonObject { ["_id"] = Camera, ["status"] = 201, ["result"] = "created" } }),
        }.ToJsonString();
        using var stub = new ElasticsearchStub(r => r.Path == "/_bulk" ? new StubAnswer(200, answer) : null);
        using var index = new ElasticsearchIndex(new ElasticsearchOptions
        {
            Url = stub.Url,
            IndexName = "patents",
            QuarantinePath = _quarantine.Path,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        var drone = Get(Drone);
        drone.Labels[LabelFacets.Chain] = ["stale-chain"];

        await index.UpsertDataAsync([drone, Get(Camera)]);

        Assert.Equal(new BulkSummary(Indexed: 2, Retried: 0, Failed: 0), index.BulkSummary);
        var lines = stub.Requests.Single(r => r.Path == "/_bulk").Body.TrimEnd('\n').Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(4, lines.Count);
        var action = lines[0]["update"]!;
        Assert.Equal(Drone, action["_id"]!.GetValue<string>());
        Assert.True(action["retry_on_conflict"]!.GetValue<int>() > 0);
        var body = lines[1];
        var script = body["script"]!;
        Assert.Contains("labels", script["source"]!.GetValue<string>(), StringComparison.Ordinal);
        var kept = script["params"]!["labelFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.Contains(PatentFields.Facet(LabelFacets.Chain), kept);
        Assert.Contains(PatentFields.Facet(LabelFacets.OpenLicense), kept);
        // The stale label is only in the document a missing record is created from; the script keeps the stored one.
        Assert.Equal("stale-chain", body["upsert"]!["record"]!["labels"]![LabelFacets.Chain]![0]!.GetValue<string>());
        Assert.Equal(Drone, body["upsert"]![PatentFields.Id]!.GetValue<string>());
        Assert.Equal(Drone, script["params"]!["doc"]![PatentFields.Id]!.GetValue<string>());
        Assert.Equal(Camera, lines[2]["update"]!["_id"]!.GetValue<string>());
    }

    public void Dispose() => _quarantine.Dispose();
}
