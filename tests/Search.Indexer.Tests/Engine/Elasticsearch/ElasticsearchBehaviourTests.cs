using System.Text.Json.Nodes;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Elasticsearch;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;
using static Search.Indexer.Tests.Engine.SampleRecords;

namespace Search.Indexer.Tests.Engine.Elasticsearch;

/// <summary>The engine against a local HTTP stub: retries, partial failures, wrong servers, no server.</summary>
public sealed class ElasticsearchBehaviourTests : IDisposable
{
    private readonly TempFolder _quarantine = new();

    private ElasticsearchOptions Options(string url) => new()
    {
        Url = url,
        IndexName = "patents",
        QuarantinePath = _quarantine.Path,
        BulkRetryDelay = TimeSpan.FromMilliseconds(1),
        BulkMaxRetries = 3,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    private static string BulkAnswer(params int[] statuses)
    {
        var items = new JsonArray();
        foreach (var s in statuses)
        {
            var result = new JsonObject { ["status"] = s };
            if (s >= 300)
                result["error"] = new JsonObject { ["type"] = s == 429 ? "es_rejected_execution_exception" : "document_parsing_exception", ["reason"] = s == 429 ? "rejected execution" : "failed to parse field [pd] of type [date]" };
            items.Add(new JsonObject { ["index"] = result });
        }
        return new JsonObject { ["took"] = 1, ["errors"] = statuses.Any(s => s >= 300), ["items"] = items }.ToJsonString();
    }

    private static int BulkLines(StubRequest r) => r.Body.TrimEnd('\n').Split('\n').Length / 2;

    [Fact]
    public async Task Bulk_429ThenSuccess_RetriesTheRequestAndIndexesEverything()
    {
        var bulks = 0;
        using var stub = new ElasticsearchStub(r => r.Path == "/_bulk"
            ? Interlocked.Increment(ref bulks) == 1 ? new StubAnswer(429, """{"error":{"type":"es_rejected_execution_exception"},"status":429}""") : new StubAnswer(200, BulkAnswer(201, 201))
            : null);
        using var index = new ElasticsearchIndex(Options(stub.Url));

        await index.UpsertAsync([Get(Drone), Get(Camera)]);

        Assert.Equal(new BulkSummary(Indexed: 2, Retried: 2, Failed: 0), index.BulkSummary);
        Assert.Equal(2, stub.Requests.Count(r => r.Path == "/_bulk"));
        Assert.Null(index.QuarantineFile);
    }

    [Fact]
    public async Task SetLabels_counts_updated_documents_skips_missing_ones_and_fails_on_a_refused_update()
    {
        static string Answer(params (int Status, string Result)[] items) => new JsonObject
        {
            ["errors"] = items.Any(i => i.Status >= 300),
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject
            {
                ["update"] = i.Status >= 300
                    ? new JsonObject { ["_id"] = "x", ["status"] = i.Status, ["error"] = new JsonObject { ["type"] = i.Result, ["reason"] = "refused" } }
                    : new JsonObject { ["_id"] = "x", ["status"] = i.Status, ["result"] = i.Result },
            })]),
        }.ToJsonString();
        var answers = new Queue<string>([Answer((200, "updated"), (200, "noop"), (404, "document_missing_exception")), Answer((400, "script_exception"))]);
        using var stub = new ElasticsearchStub(r => r.Path == "/_bulk" ? new StubAnswer(200, answers.Dequeue()) : null);
        using var index = new ElasticsearchIndex(Options(stub.Url));
        var change = LabelChanges.Label("open_license", "available");

        Assert.Equal(1, await index.SetLabelsAsync(new Dictionary<string, LabelChanges> { [Drone] = change, [Camera] = change, ["CN999999999U"] = change }));
        var e = await Assert.ThrowsAsync<ElasticsearchEngineException>(() => index.SetLabelsAsync(new Dictionary<string, LabelChanges> { [Drone] = change }));
        Assert.Contains("script_exception", e.Message, StringComparison.Ordinal);
        var bulk = stub.Requests.First(r => r.Path == "/_bulk").Body;
        Assert.Contains("\"update\"", bulk, StringComparison.Ordinal);
        Assert.DoesNotContain("\"index\":{", bulk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_items_refused_with_429_are_sent_again_alone()
    {
        var bulks = 0;
        using var stub = new ElasticsearchStub(r => r.Path == "/_bulk"
            ? Interlocked.Increment(ref bulks) == 1 ? new StubAnswer(200, BulkAnswer(201, 429, 201)) : new StubAnswer(200, BulkAnswer(201))
            : null);
        using var index = new ElasticsearchIndex(Options(stub.Url));

        await index.UpsertAsync([Get(Drone), Get(Camera), Get(Keywords)]);

        Assert.Equal(new BulkSummary(3, 1, 0), index.BulkSummary);
        var second = stub.Requests.Where(r => r.Path == "/_bulk").ElementAt(1);
        Assert.Equal(1, BulkLines(second));
        Assert.Contains(Camera, second.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_requests_are_cut_by_count_and_by_size()
    {
        using var stub = new ElasticsearchStub(r => r.Path == "/_bulk"
            ? new StubAnswer(200, BulkAnswer([.. Enumerable.Repeat(201, BulkLines(r))]))
            : null);
        var options = Options(stub.Url);
        options.BulkBatchSize = 4;
        using (var byCount = new ElasticsearchIndex(options))
            await byCount.UpsertAsync(All());
        // Two requests in flight at once: they may arrive in any order.
        Assert.Equal([4, 4, 4, 1], stub.Requests.Where(r => r.Path == "/_bulk").Select(BulkLines).OrderDescending().ToArray());

        stub.Requests.Clear();
        options.BulkMaxBytes = 1024; // smaller than any document: one record per request
        using (var bySize = new ElasticsearchIndex(options))
            await bySize.UpsertAsync([Get(Drone), Get(Camera), Get(Keywords)]);
        Assert.Equal([1, 1, 1], stub.Requests.Where(r => r.Path == "/_bulk").Select(BulkLines).ToArray());
    }

    [Fact]
    public async Task Bulk_partial_failure_indexes_the_rest_and_quarantines_the_refused_reloadably()
    {
        using var stub = new ElasticsearchStub(r => r.Path == "/_bulk" ? new StubAnswer(200, BulkAnswer(201, 400, 200)) : null);
        using var index = new ElasticsearchIndex(Options(stub.Url));

        await index.UpsertAsync([Get(Drone), Get(Camera), Get(Keywords)]);

        Assert.Equal(new BulkSummary(2, 0, 1), index.BulkSummary);
        Assert.NotNull(index.QuarantineFile);
        var entry = JsonNode.Parse(File.ReadAllLines(index.QuarantineFile!).Single())!;
        Assert.Equal("jsonl", entry["format"]!.ToString());
        Assert.Contains("document_parsing_exception", entry["reason"]!.ToString(), StringComparison.Ordinal);
        // The raw value is the record itself: fix it and load the quarantine file again.
        Assert.Equal(RecordJson.Serialize(Get(Camera)), entry["raw"]!.ToString());
        var reread = new QuarantineReader(DefaultReaders.Catalog).Read(File.OpenRead(index.QuarantineFile!), "q.jsonl").Single();
        Assert.Equal(Camera, reread.Record?.Id);
    }

    [Fact]
    public async Task Bulk_429Forever_GivesUpWithAnExplainedError()
    {
        using var stub = new ElasticsearchStub(r => r.Path == "/_bulk" ? new StubAnswer(429, """{"error":{"type":"es_rejected_execution_exception","reason":"queue full"},"status":429}""") : null);
        using var index = new ElasticsearchIndex(Options(stub.Url));

        var e = await Assert.ThrowsAsync<ElasticsearchEngineException>(() => index.UpsertAsync([Get(Drone)]));
        Assert.Contains("gave up after 4 attempts", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, stub.Requests.Count(r => r.Path == "/_bulk"));
    }

    [Fact]
    public async Task Open_server_that_is_not_Elasticsearch_says_so()
    {
        using var stub = new ElasticsearchStub(_ => new StubAnswer(200, "<html><body>It works!</body></html>", ElasticProduct: false, ContentType: "text/html"));
        using var index = new ElasticsearchIndex(Options(stub.Url));

        var e = await Assert.ThrowsAsync<ElasticsearchEngineException>(() => index.EnsureReadyAsync());
        Assert.Contains("not Elasticsearch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_nothing_listening_says_connection_refused()
    {
        var url = $"http://127.0.0.1:{ElasticsearchStub.FreePort()}";
        using var index = new ElasticsearchIndex(Options(url));

        var e = await Assert.ThrowsAsync<ElasticsearchEngineException>(() => index.SearchAsync(new PatentQuery { Text = "电池" }));
        Assert.Contains("Cannot reach Elasticsearch", e.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", e.Message, StringComparison.Ordinal);
        Assert.Contains("Search:Elasticsearch:Url", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_credentials_refused_says_which_settings_to_check()
    {
        using var stub = new ElasticsearchStub(_ => new StubAnswer(401, """{"error":{"type":"security_exception","reason":"unable to authenticate user"},"status":401}"""));
        var options = Options(stub.Url);
        options.Username = "elastic";
        options.Password = "wrong";
        using var index = new ElasticsearchIndex(options);

        var e = await Assert.ThrowsAsync<ElasticsearchEngineException>(() => index.EnsureReadyAsync());
        Assert.Contains("rejected the credentials", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("Basic ", stub.Requests.First().Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_without_smartcn_says_how_to_install_it()
    {
        using var stub = new ElasticsearchStub(r => r.Path == "/_analyze"
            ? new StubAnswer(400, """{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"failed to find global analyzer [smartcn]"}],"type":"illegal_argument_exception","reason":"failed to find global analyzer [smartcn]"},"status":400}""")
            : null);
        using var index = new ElasticsearchIndex(Options(stub.Url));

        var e = await Assert.ThrowsAsync<ElasticsearchEngineException>(() => index.EnsureReadyAsync());
        Assert.Contains("analysis-smartcn", e.Message, StringComparison.Ordinal);
        Assert.Contains("bin/elasticsearch-plugin install analysis-smartcn", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_no_alias_yet_puts_the_template_and_creates_a_version_behind_the_alias()
    {
        using var stub = new ElasticsearchStub(r => r.Path == "/_alias/patents" ? new StubAnswer(404, """{"error":"alias [patents] missing","status":404}""")
            : r.Method == "HEAD" ? new StubAnswer(404, "") : null);
        using var index = new ElasticsearchIndex(Options(stub.Url));

        await index.EnsureReadyAsync();

        var template = stub.Requests.Single(r => r.Path == "/_index_template/patents");
        Assert.Equal("PUT", template.Method);
        Assert.Equal("patents-v*", JsonNode.Parse(template.Body)!["index_patterns"]![0]!.ToString());
        var created = stub.Requests.Single(r => r.Method == "PUT" && r.Path.StartsWith("/patents-v", StringComparison.Ordinal));
        Assert.NotNull(JsonNode.Parse(created.Body)!["aliases"]!["patents"]);
    }

    [Fact]
    public async Task Promote_swaps_the_alias_atomically_and_deletes_old_versions()
    {
        using var stub = new ElasticsearchStub(r => r.Method == "GET" && r.Path == "/patents-v*"
            ? new StubAnswer(200, """{"patents-v20260101T000000000":{},"patents-v20250101T000000000":{},"patents-v20270101T000000000":{}}""")
            : null);
        using var index = new ElasticsearchIndex(Options(stub.Url));

        var deleted = await index.PromoteAsync("patents-v20270101T000000000");

        var swap = JsonNode.Parse(stub.Requests.Single(r => r.Path == "/_aliases").Body)!["actions"]!.AsArray();
        Assert.Equal("patents-v20260101T000000000", swap[0]!["remove"]!["index"]!.ToString());
        Assert.Equal("patents-v20270101T000000000", swap[1]!["add"]!["index"]!.ToString());
        Assert.Equal(["patents-v20250101T000000000", "patents-v20260101T000000000"], deleted);
        Assert.Equal(2, stub.Requests.Count(r => r.Method == "DELETE"));
        var swapAt = stub.Requests.ToList().FindIndex(r => r.Path == "/_aliases");
        Assert.True(stub.Requests.ToList().FindIndex(r => r.Method == "DELETE") > swapAt, "old versions are deleted only after the swap");
    }

    [Fact]
    public async Task Probe_reports_the_version_and_count_and_no_version_once_the_alias_is_gone()
    {
        var aliasGone = false;
        using var stub = new ElasticsearchStub(r =>
            r.Path == "/patents/_count" ? new StubAnswer(200, """{"count":42}""")
            : r.Path == "/_alias/patents" && Volatile.Read(ref aliasGone) ? new StubAnswer(404, """{"error":"alias [patents] missing","status":404}""")
            : null);
        using var index = new ElasticsearchIndex(Options(stub.Url));

        Assert.Equal(("patents-v20260101T000000000", 42L), await index.ProbeAsync());
        Volatile.Write(ref aliasGone, true);
        Assert.Null((await index.ProbeAsync()).Version);
        Assert.DoesNotContain(stub.Requests, r => r.Path.EndsWith("/_search", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_missing_url_names_the_key()
    {
        var e = Assert.Throws<ElasticsearchEngineException>(() => new ElasticsearchIndex(new ElasticsearchOptions()));
        Assert.Contains("Search:Elasticsearch:Url", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _quarantine.Dispose();
}
