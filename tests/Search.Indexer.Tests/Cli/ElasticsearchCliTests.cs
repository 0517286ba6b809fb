using System.Text.Json.Nodes;
using Search.Indexer.Cli;
using Search.Indexer.Records;
using Search.Indexer.Tests.Engine;
using Search.Indexer.Tests.Engine.Elasticsearch;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Cli;

/// <summary>
/// The command line on a cluster (<c>--engine elasticsearch</c>): loads write straight to it, reads ask it, and no
/// Lucene folder is made on the way. The cluster is an HTTP stub that answers like one (request-contract tests).
/// </summary>
public sealed class ElasticsearchCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string LuceneFolder => _folder.File("index");

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliCommands.Build(stdout, stderr).Parse(args).InvokeAsync();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A cluster that holds nothing yet and accepts every document it is sent.</summary>
    private static StubAnswer? EmptyClusterTakingWrites(StubRequest r)
    {
        if (r.Path == "/_bulk")
        {
            var items = new JsonArray();
            for (var i = 0; i < r.Body.TrimEnd('\n').Split('\n').Length / 2; i++) items.Add(new JsonObject { ["index"] = new JsonObject { ["status"] = 201 } });
            return new StubAnswer(200, new JsonObject { ["errors"] = false, ["items"] = items }.ToJsonString());
        }
        if (r.Path.EndsWith("/_mget", StringComparison.Ordinal))
        {
            var docs = new JsonArray();
            foreach (var id in JsonNode.Parse(r.Body)!["ids"]!.AsArray()) docs.Add(new JsonObject { ["_id"] = id!.ToString(), ["found"] = false });
            return new StubAnswer(200, new JsonObject { ["docs"] = docs }.ToJsonString());
        }
        return null;
    }

    // A load writes its records' data as scripted updates that keep stored labels (ADR-027); other writes index whole documents.
    private static string[] BulkIds(StubRequest bulk) =>
        [.. bulk.Body.TrimEnd('\n').Split('\n').Where((_, i) => i % 2 == 0).Select(l => JsonNode.Parse(l) is { } action ? (action["index"] ?? action["update"])!["_id"]!.ToString() : "")];

    [Fact]
    public async Task A_load_on_the_cluster_sends_every_record_in_bulk_through_the_alias_and_makes_no_lucene_folder()
    {
        using var stub = new ElasticsearchStub(EmptyClusterTakingWrites);
        var file = TestFiles.File("cn-export-by-application", "cn_applications_minimal.csv");

        var (exit, output, error) = await RunAsync("load", file, "--engine", "elasticsearch", "--es-url", stub.Url, "--index", LuceneFolder,
            "--quarantine", _folder.File("quarantine"), "--manifest", _folder.File("loaded.json"), "--json");

        Assert.True(exit == 0, error);
        var sent = stub.Requests.Where(r => r.Path == "/_bulk").SelectMany(BulkIds).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3, sent.Length);
        Assert.All(sent, id => Assert.StartsWith("CN", id, StringComparison.Ordinal));
        Assert.Contains(stub.Requests, r => r.Path == "/patents/_mget");
        Assert.Equal(3, JsonNode.Parse(output)!["loaded"]!.GetValue<int>());
        Assert.False(Directory.Exists(LuceneFolder), "a load on the cluster must not write a Lucene folder");
        Assert.True(File.Exists(_folder.File("loaded.json")), "the file is listed as loaded");
    }

    [Fact]
    public async Task Search_on_the_cluster_asks_the_alias_and_prints_its_hits()
    {
        var record = SampleRecords.All()[0];
        using var stub = new ElasticsearchStub(r => r.Path.EndsWith("/_search", StringComparison.Ordinal)
            ? new StubAnswer(200, new JsonObject
            {
                ["hits"] = new JsonObject
                {
                    ["total"] = new JsonObject { ["value"] = 1 },
                    ["hits"] = new JsonArray(new JsonObject { ["_id"] = record.Id, ["_score"] = 2.5, ["_source"] = new JsonObject { ["record"] = JsonNode.Parse(RecordJson.Serialize(record)) } }),
                },
            }.ToJsonString())
            : null);

        var (exit, output, error) = await RunAsync("search", "锂电池", "--engine", "elasticsearch", "--es-url", stub.Url, "--es-index", "city-patents", "--json");

        Assert.True(exit == 0, error);
        Assert.Contains(stub.Requests, r => r.Method == "POST" && r.Path == "/city-patents/_search");
        var json = JsonNode.Parse(output)!;
        Assert.Equal(1, json["total"]!.GetValue<long>());
        Assert.Equal(record.Id, json["hits"]![0]!["id"]!.ToString());
    }

    [Fact]
    public async Task A_cluster_url_that_is_not_http_is_refused_before_anything_is_read()
    {
        var (exit, _, error) = await RunAsync("stats", "--engine", "elasticsearch", "--es-url", "ftp://es.example:9200");

        Assert.Equal(3, exit);
        Assert.Contains("'ftp://es.example:9200', which is not an http(s) URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_does_not_answer_ends_the_command_with_its_address_not_a_stack_trace()
    {
        var url = $"http://127.0.0.1:{ElasticsearchStub.FreePort()}/";

        var (exit, _, error) = await RunAsync("get", "CN202223220665.2", "--engine", "elasticsearch", "--es-url", url);

        Assert.Equal(4, exit);
        Assert.Contains("127.0.0.1", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_engine_name_is_refused_with_the_names_allowed()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var errors = CliCommands.Build(stdout, stderr).Parse(["stats", "--engine", "solr"]).Errors;

        var error = Assert.Single(errors).Message;
        Assert.Contains("solr", error, StringComparison.Ordinal);
        Assert.Contains("lucene", error, StringComparison.Ordinal);
        Assert.Contains("elasticsearch", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
