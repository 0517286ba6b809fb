using System.Text;
using System.Text.Json.Nodes;
using Elastic.Transport;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Elasticsearch;
using static Search.Indexer.Tests.Engine.SampleRecords;
using EsHttpMethod = Elastic.Transport.HttpMethod;

namespace Search.Indexer.Tests.Engine.Elasticsearch;

/// <summary>
/// The exact requests the engine sends, captured without a server: the official client runs over its
/// in-memory request invoker and the body it put on the wire is read back from the call details, then
/// compared as parsed JSON (the serializer escapes Chinese) with the files under Expected/. A change
/// to the template, the documents or the query DSL shows up here as a diff to review.
/// </summary>
public sealed class ElasticsearchContractTests
{
    private static readonly string ExpectedFolder = Path.Combine(AppContext.BaseDirectory, "Engine", "Elasticsearch", "Expected");

    private static async Task<byte[]> CaptureAsync(EsHttpMethod method, string path, string body, bool ndjson = false)
    {
        var invoker = new InMemoryRequestInvoker(Encoding.UTF8.GetBytes("{\"acknowledged\":true}"), 200, null, "application/json",
            new Dictionary<string, IEnumerable<string>> { ["x-elastic-product"] = ["Elasticsearch"] });
        var connection = new ElasticsearchConnection(new ElasticsearchOptions { Url = "http://es.invalid:9200" }, invoker);
        var response = await connection.SendAsync(method, path, body, CancellationToken.None, ndjson);
        Assert.True(response.Success);
        return Assert.IsType<byte[]>(response.RequestBody);
    }

    private static void AssertSameJson(string expectedFile, string actual)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(ExpectedFolder, expectedFile)));
        var parsed = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(expected, parsed), $"{expectedFile} differs; sent:\n{parsed}");
    }

    [Fact]
    public async Task Template_is_the_committed_mapping()
    {
        var sent = await CaptureAsync(EsHttpMethod.PUT, "/_index_template/patents", ElasticsearchSchema.Template("patents", 3, 1).ToJsonString());
        AssertSameJson("template.json", Encoding.UTF8.GetString(sent));
    }

    [Fact]
    public void Template_maps_every_facet_of_the_engine_contract()
    {
        var properties = ElasticsearchSchema.Mappings()["properties"]!.AsObject();
        foreach (var facet in PatentFacets.All)
            Assert.Equal("keyword", properties["f_" + facet.Name]?["type"]?.ToString());
    }

    [Fact]
    public async Task Bulk_is_ndjson_of_index_actions_and_documents()
    {
        var body = ElasticsearchBulkWriter.Body("patents-v1", [Get(Drone), Get(LithiumBattery), Get(DrainRobot)]);
        var sent = Encoding.UTF8.GetString(await CaptureAsync(EsHttpMethod.POST, "/_bulk", body, ndjson: true));
        Assert.EndsWith("\n", sent, StringComparison.Ordinal);
        var lines = sent.TrimEnd('\n').Split('\n');
        var expected = File.ReadAllText(Path.Combine(ExpectedFolder, "bulk.ndjson")).TrimEnd('\n').Split('\n');
        Assert.Equal(expected.Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected[i]), JsonNode.Parse(lines[i])), $"line {i + 1} differs:\n{lines[i]}");
    }

    [Fact]
    public async Task Label_update_is_ndjson_of_scripted_updates_retried_on_conflict()
    {
        var changes = new Dictionary<string, LabelChanges>
        {
            [Drone] = new()
            {
                Labels = new Dictionary<string, IReadOnlyList<string>> { ["chain"] = ["low-altitude", "low-altitude", " "], ["chain_reason"] = ["low-altitude: rules 0.90 — B64U"], ["sleeping"] = [] },
                Scores = new Dictionary<string, double> { ["valueIndex"] = 0.75 },
                ReplacedScorePrefixes = ["valueIndex", "chain_confidence:"],
            },
            [Camera] = LabelChanges.Label("open_license", "available"),
        };
        var body = ElasticsearchLabelUpdate.Body("patents", changes);
        var sent = Encoding.UTF8.GetString(await CaptureAsync(EsHttpMethod.POST, "/_bulk", body, ndjson: true));
        var lines = sent.TrimEnd('\n').Split('\n');
        var expected = File.ReadAllText(Path.Combine(ExpectedFolder, "label-update.ndjson")).TrimEnd('\n').Split('\n');
        Assert.Equal(expected.Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = JsonNode.Parse(lines[i])!;
            // The script is compared apart, as text: one script for every document, so the cluster compiles it once.
            if (line["script"] is { } script)
            {
                Assert.Equal(ElasticsearchLabelUpdate.Script, script["source"]!.GetValue<string>());
                script.AsObject().Remove("source");
            }
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected[i]), line), $"line {i + 1} differs:\n{line.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Scan_summary_asks_only_for_the_summary_parts_of_the_stored_record()
    {
        var body = ElasticsearchIndex.PageBody(RecordView.Summary, "CN216774847U").ToJsonString();
        AssertSameJson("scan-summary.json", Encoding.UTF8.GetString(await CaptureAsync(EsHttpMethod.POST, "/patents/_search", body)));
        var full = ElasticsearchIndex.PageBody(RecordView.Full, null);
        Assert.Equal("[\"record\"]", full["_source"]!.ToJsonString());
        Assert.Null(full["search_after"]);
    }

    [Fact]
    public async Task MatchingIds_pages_through_the_searchs_query_without_sources()
    {
        var query = new PatentQuery
        {
            Text = "锂电池 -回收",
            Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetFields.Country] = ["CN"] },
            Facets = [FacetFields.Applicant],
            PageSize = 20,
        };
        var body = ElasticsearchIndex.MatchingIdsBody(query, "CN216774847U").ToJsonString();
        AssertSameJson("matching-ids.json", Encoding.UTF8.GetString(await CaptureAsync(EsHttpMethod.POST, "/patents/_search", body)));
        var search = ElasticsearchSearchRequest.Build(query, out _);
        Assert.True(JsonNode.DeepEquals(search["query"], ElasticsearchIndex.MatchingIdsBody(query, null)["query"]));
    }

    [Fact]
    public async Task Search_with_text_filters_facets_and_highlighting_is_the_committed_query()
    {
        var query = new PatentQuery
        {
            Text = "排水 OR (title:robot -储能) ipc:H01L pn:CN218751475",
            Filters = new Dictionary<string, IReadOnlyList<string>>
            {
                [FacetFields.Country] = ["CN"],
                [FacetFields.LegalStatus] = ["inForce", "pending"],
            },
            PublicationDate = new DateRange(new DateOnly(2020, 1, 1), new DateOnly(2023, 12, 31)),
            Facets = [FacetFields.IpcSubclass, FacetFields.Applicant],
            FacetSize = 5,
            Sort = SearchSort.PublicationDateDescending,
            Page = 2,
            PageSize = 10,
        };
        var body = ElasticsearchSearchRequest.Build(query, out var highlight);
        Assert.True(highlight);
        var sent = await CaptureAsync(EsHttpMethod.POST, "/patents/_search", body.ToJsonString());
        AssertSameJson("search.json", Encoding.UTF8.GetString(sent));
    }

    [Fact]
    public void Search_value_index_sort_puts_unscored_last_and_keeps_scores()
    {
        var body = ElasticsearchSearchRequest.Build(new PatentQuery { Text = "电池", Sort = SearchSort.ValueIndexDescending }, out _);
        Assert.Equal("_last", body["sort"]![0]!["value_index"]!["missing"]!.ToString());
        Assert.True(body["track_scores"]!.GetValue<bool>());
    }

    [Fact]
    public void Search_weight_wraps_the_clause_in_a_boosted_bool()
    {
        var plain = ElasticsearchQueryTranslator.Translate(QuerySyntax.Parse("电池"))!;
        var weighted = ElasticsearchQueryTranslator.Translate(QuerySyntax.Parse("电池^3"))!;
        Assert.Equal(3f, weighted["bool"]!["boost"]!.GetValue<float>());
        Assert.True(JsonNode.DeepEquals(plain, weighted["bool"]!["must"]![0]));
    }

    [Fact]
    public void Search_empty_text_is_match_all_without_highlighting()
    {
        var body = ElasticsearchSearchRequest.Build(new PatentQuery(), out var highlight);
        Assert.False(highlight);
        Assert.NotNull(body["query"]!["match_all"]);
        Assert.Null(body["highlight"]);
    }

    [Fact]
    public void Search_bad_paging_is_refused_before_any_request()
    {
        var e = Assert.Throws<ArgumentException>(() => ElasticsearchSearchRequest.Build(new PatentQuery { Page = 101, PageSize = 100 }, out _));
        Assert.Contains("10000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Highlight_fragment_is_html_encoded_with_marks()
    {
        Assert.Equal("A <mark>robot</mark> &amp; 排水<mark>管</mark>",
            ElasticsearchSearchRequest.ToHtml($"A {ElasticsearchSearchRequest.PreTag}robot{ElasticsearchSearchRequest.PostTag} & 排水{ElasticsearchSearchRequest.PreTag}管{ElasticsearchSearchRequest.PostTag}"));
    }
}
