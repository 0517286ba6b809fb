using System.Text.Json.Nodes;
using Search.Indexer.Cli;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Records;
using Search.Indexer.Tests.Engine;
using Search.Indexer.Tests.Engine.Elasticsearch;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Cli;

/// <summary><c>reindex</c> between the embedded index and a cluster (an HTTP stub that answers like one).</summary>
public sealed class ReindexCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Index => _folder.File("index");

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliCommands.Build(stdout, stderr).Parse(args).InvokeAsync();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static StubAnswer? BulkOk(StubRequest r)
    {
        if (r.Path != "/_bulk") return null;
        var items = new JsonArray();
        for (var i = 0; i < r.Body.TrimEnd('\n').Split('\n').Length / 2; i++) items.Add(new JsonObject { ["index"] = new JsonObject { ["status"] = 201 } });
        return new StubAnswer(200, new JsonObject { ["errors"] = false, ["items"] = items }.ToJsonString());
    }

    [Fact]
    public async Task ToElasticsearch_sends_every_record_to_a_new_version_then_swaps_the_alias()
    {
        using (var lucene = LuceneIndex.Open(Index))
        {
            await lucene.UpsertAsync(SampleRecords.All());
            await lucene.CommitAsync();
        }
        using var stub = new ElasticsearchStub(BulkOk);

        var (exit, output, error) = await RunAsync("reindex", "--to", "elasticsearch", "--index", Index, "--es-url", stub.Url, "--batch-size", "5", "--quarantine", _folder.File("q"));

        Assert.True(exit == 0, error);
        var bulks = stub.Requests.Where(r => r.Path == "/_bulk").ToList();
        Assert.Equal(3, bulks.Count); // 13 records in bulk requests of at most 5
        var version = stub.Requests.Single(r => r.Method == "PUT" && r.Path.StartsWith("/patents-v", StringComparison.Ordinal) && !r.Path.EndsWith("/_settings", StringComparison.Ordinal)).Path[1..];
        var sentIds = bulks.SelectMany(b => b.Body.TrimEnd('\n').Split('\n').Where((_, i) => i % 2 == 0))
            .Select(l => JsonNode.Parse(l)!["index"]!)
            .Select(a => { Assert.Equal(version, a["_index"]!.ToString()); return a["_id"]!.ToString(); })
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(SampleRecords.All().Select(r => r.Id).Order(StringComparer.Ordinal).ToArray(), sentIds);
        var swap = stub.Requests.Single(r => r.Path == "/_aliases");
        Assert.Contains(version, swap.Body, StringComparison.Ordinal);
        Assert.Contains("Indexed 13, retried 0, failed 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToLucene_copies_the_cluster_records_into_the_folder()
    {
        var records = SampleRecords.All().Take(3).ToList();
        using var stub = new ElasticsearchStub(r =>
        {
            if (r.Path != "/patents/_search") return null;
            var body = JsonNode.Parse(r.Body)!;
            if (body["size"]!.GetValue<int>() == 0) return new StubAnswer(200, """{"hits":{"total":{"value":3}},"aggregations":{}}""");
            var hits = new JsonArray();
            foreach (var rec in body["search_after"] is null ? records : [])
                hits.Add(new JsonObject { ["_id"] = rec.Id, ["_source"] = new JsonObject { ["record"] = JsonNode.Parse(RecordJson.Serialize(rec)) }, ["sort"] = new JsonArray(rec.Id) });
            return new StubAnswer(200, new JsonObject { ["hits"] = new JsonObject { ["hits"] = hits } }.ToJsonString());
        });

        var (exit, output, error) = await RunAsync("reindex", "--to", "lucene", "--index", Index, "--es-url", stub.Url);

        Assert.True(exit == 0, error);
        Assert.Contains("Copied 3 records from elasticsearch to lucene", output, StringComparison.Ordinal);
        using var lucene = LuceneIndex.Open(Index);
        Assert.Equal(3, (await lucene.GetStatsAsync()).Records);
        Assert.Equal(RecordJson.Serialize(records[1]), RecordJson.Serialize((await lucene.GetAsync(records[1].Id))!));
    }

    [Fact]
    public async Task ToElasticsearch_no_cluster_explains_and_fails()
    {
        // The source is read read-only, so it must exist: what is under test is the missing cluster.
        using (var source = LuceneIndex.Open(Index))
        {
            await source.UpsertAsync([SampleRecords.Get(SampleRecords.Drone)]);
            await source.CommitAsync();
        }
        var (exit, _, error) = await RunAsync("reindex", "--to", "elasticsearch", "--index", Index, "--es-url", $"http://127.0.0.1:{ElasticsearchStub.FreePort()}");
        Assert.Equal(4, exit);
        Assert.Contains("Cannot reach Elasticsearch", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
