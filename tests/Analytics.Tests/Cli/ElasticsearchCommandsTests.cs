using System.Text.Json.Nodes;
using Analytics.Cli;
using Analytics.Tests.Support;
using Search.Indexer.Records;
using Search.Indexer.Tests.Engine.Elasticsearch;

namespace Analytics.Tests.Cli;

/// <summary>
/// Analytics on a cluster (<c>--engine elasticsearch</c>): labels are read from and written to it in place, reads ask it,
/// no Lucene folder is made, and a cluster that cannot be reached is said so. The cluster is the engine tests' HTTP stub.
/// </summary>
public sealed class ElasticsearchCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<PatentRecord> _stored = Samples.All.Where(r => r.IpcCodes.Count > 0).DistinctBy(r => r.Id).Take(40).ToList();

    private string LuceneFolder => _folder.File("index");

    /// <summary>A cluster holding <see cref="_stored"/>: counts, pages of records in id order, and label updates taken.</summary>
    private StubAnswer? Cluster(StubRequest r)
    {
        if (r.Path == "/patents/_search")
        {
            var body = JsonNode.Parse(r.Body)!;
            if (body["aggs"] is not null)
                return new StubAnswer(200, new JsonObject { ["hits"] = new JsonObject { ["total"] = new JsonObject { ["value"] = _stored.Count } }, ["aggregations"] = new JsonObject() }.ToJsonString());
            var hits = new JsonArray();
            if (body["search_after"] is null)
                foreach (var record in _stored.OrderBy(x => x.Id, StringComparer.Ordinal))
                    hits.Add(new JsonObject { ["_id"] = record.Id, ["sort"] = new JsonArray(record.Id), ["_source"] = new JsonObject { ["record"] = JsonNode.Parse(RecordJson.Serialize(record)) } });
            return new StubAnswer(200, new JsonObject { ["hits"] = new JsonObject { ["hits"] = hits } }.ToJsonString());
        }
        if (r.Path == "/_bulk")
        {
            var items = new JsonArray();
            foreach (var action in r.Body.TrimEnd('\n').Split('\n').Where((_, i) => i % 2 == 0))
                items.Add(new JsonObject { ["update"] = new JsonObject { ["_id"] = JsonNode.Parse(action)!["update"]!["_id"]!.ToString(), ["status"] = 200, ["result"] = "updated" } });
            return new StubAnswer(200, new JsonObject { ["errors"] = false, ["items"] = items }.ToJsonString());
        }
        return null;
    }

    [Fact]
    public async Task Label_on_the_cluster_reads_its_records_and_writes_their_labels_back_to_it_with_no_lucene_folder()
    {
        var models = _folder.File("models");
        var trained = await RunAsync("train", "--input", Path.Combine(Samples.Folder, "cn-titles-ipc"), "--models", models);
        Assert.True(trained.Code == 0, trained.Output);
        using var stub = new ElasticsearchStub(Cluster);

        var (code, output) = await RunAsync("label", "--engine", "elasticsearch", "--es-url", stub.Url, "--index", LuceneFolder, "--models", models, "--json");

        Assert.True(code == 0, output);
        var updated = stub.Requests.Where(r => r.Path == "/_bulk")
            .SelectMany(r => r.Body.TrimEnd('\n').Split('\n').Where((_, i) => i % 2 == 0))
            .Select(l => JsonNode.Parse(l)!["update"]!)
            .ToList();
        Assert.Equal(_stored.Select(r => r.Id).Order(StringComparer.Ordinal), updated.Select(u => u["_id"]!.ToString()).Order(StringComparer.Ordinal));
        Assert.All(updated, u => Assert.Equal("patents", u["_index"]!.ToString()));
        Assert.Equal(_stored.Count, JsonNode.Parse(output[..(output.LastIndexOf('}') + 1)])!["records"]!.GetValue<long>());
        Assert.False(Directory.Exists(LuceneFolder), "labelling the cluster must not write a Lucene folder");
    }

    [Fact]
    public async Task A_command_on_a_cluster_that_cannot_be_reached_says_so_without_a_stack_trace()
    {
        var (code, output) = await RunAsync("match", "--title", "无人机巡检", "--engine", "elasticsearch", "--es-url", $"http://127.0.0.1:{ElasticsearchStub.FreePort()}", "--index", LuceneFolder);

        Assert.Equal(4, code);
        Assert.Contains("Cannot reach Elasticsearch at", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(LuceneFolder));
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await AnalyticsCommands.Build(stdout, stderr).Parse(args).InvokeAsync();
        return (code, stdout + stderr.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
