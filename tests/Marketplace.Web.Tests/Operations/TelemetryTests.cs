using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Marketplace.Web.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Operations;

/// <summary>Spans, counters, the metrics scrape and the trace id a visitor can quote, observed on the running site.</summary>
[Collection(OperationsSiteGroup.Name)]
public sealed class TelemetryTests(OperationsSite ops, ITestOutputHelper output)
{
    /// <summary>
    /// A trace the test starts: the client sends it as <c>traceparent</c> and the site continues it, so the test knows
    /// the request's trace id in advance (the site's spans of other requests have other ids).
    /// </summary>
    private static Activity StartTrace() =>
        new Activity("test client").SetIdFormat(ActivityIdFormat.W3C)
            .SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();

    [Fact]
    public async Task A_search_page_request_is_traced_down_to_the_engine_s_query_parse_search_facet_count_and_highlight()
    {
        using var client = ops.Site.CreateClient();
        // The site's first page waits for its start-up work; the traced request is a warm one.
        using (var warm = await client.GetAsync($"/search?q=电池 OR yy{Guid.NewGuid():N}")) Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        // A query never asked before, so the engine searches instead of answering from its result cache.
        using var root = StartTrace();
        var trace = root.TraceId;
        using var response = await client.GetAsync($"/search?q=电池 OR zz{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = ops.SpansOf(trace);
        var seen = string.Join(", ", spans.Select(s => $"{s.Source.Name}/{s.OperationName}/{s.Kind}"));
        var request = spans.SingleOrDefault(s => s.Kind == ActivityKind.Server);
        Assert.True(request is not null, "one server span; spans: " + seen);
        var search = spans.SingleOrDefault(s => s.OperationName == "search patents");
        Assert.True(search is not null, "one engine span; spans: " + seen);
        Assert.Equal("Search.Indexer", search.Source.Name);
        Assert.False((bool)search.GetTagItem("search.cached")!);
        Assert.True((long)search.GetTagItem("search.hits")! > 0);
        Assert.True(IsWithin(search, request, spans), "the engine's span belongs to the request's span");
        foreach (var step in new[] { "query parse", "search", "facet count", "highlight" })
        {
            var span = spans.SingleOrDefault(s => s.OperationName == step && s.Source.Name == "Search.Indexer");
            Assert.True(span is not null, $"one '{step}' span; spans: {seen}");
            Assert.Equal(search.SpanId, span.ParentSpanId);
        }
        // The trace as an operator's trace viewer shows it (quoted in the closing note of issue 21).
        WriteTree(spans, request, 0);
    }

    private void WriteTree(IReadOnlyList<Activity> spans, Activity span, int depth)
    {
        var tags = string.Join(", ", span.TagObjects.Where(t => t.Key.StartsWith("search.", StringComparison.Ordinal) || t.Key is "http.route" or "http.response.status_code" or "db.system")
            .Select(t => $"{t.Key}={t.Value}"));
        output.WriteLine($"{new string(' ', depth * 2)}{span.Source.Name} / {span.DisplayName}: {span.Duration.TotalMilliseconds:F1} ms{(tags.Length > 0 ? " (" + tags + ")" : "")}");
        foreach (var child in spans.Where(s => s.ParentSpanId == span.SpanId).OrderBy(s => s.StartTimeUtc))
            WriteTree(spans, child, depth + 1);
    }

    [Fact]
    public async Task Database_queries_of_a_page_are_spans_of_its_request()
    {
        using var client = ops.Site.CreateClient();
        using var root = StartTrace();
        var trace = root.TraceId;
        using var response = await client.GetAsync("/licences");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = ops.SpansOf(trace);
        Assert.Contains(spans, s => s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Searches_and_searches_that_find_nothing_are_counted()
    {
        var searches = ops.CounterTotal("marketplace.searches");
        var zeroHits = ops.CounterTotal("marketplace.searches.zero_hits");
        using var client = ops.Site.CreateClient();
        (await client.GetAsync($"/search?q=zz{Guid.NewGuid():N}")).EnsureSuccessStatusCode();
        (await client.GetAsync($"/api/v1/patents?q=电池 OR zz{Guid.NewGuid():N}")).EnsureSuccessStatusCode();

        // At least: sites of other tests in this process may count searches at the same time.
        Assert.True(ops.CounterTotal("marketplace.searches") >= searches + 2);
        Assert.True(ops.CounterTotal("marketplace.searches.zero_hits") >= zeroHits + 1);
    }

    [Fact]
    public async Task The_metrics_scrape_answers_the_operations_token_in_prometheus_format_and_sends_anyone_else_to_sign_in()
    {
        using var client = ops.Site.CreateClient();
        (await client.GetAsync("/search?q=电池")).EnsureSuccessStatusCode();

        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new("Bearer", OperationsSite.Token);
        using var answer = await client.SendAsync(scrape);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE marketplace_searches_total counter", text, StringComparison.Ordinal);
        // The series infra/grafana/marketplace-dashboard.json reads that exist from the start (the sample load included).
        foreach (var series in new[] { "http_server_request_duration_seconds_bucket", "marketplace_jobs_backlog{", "search_index_size_bytes",
                     "search_index_records", "search_duration_seconds_bucket", "search_load_rate_per_second_bucket", "search_load_records_total" })
            Assert.True(text.Contains(series, StringComparison.Ordinal), $"{series} is not in the scrape:\n{text}");

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new("Bearer", OperationsSite.Token + "x");
        using var refused = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/login", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_not_found_page_shows_the_trace_id_of_the_request()
    {
        using var client = ops.Site.CreateClient();
        using var root = StartTrace();
        var trace = root.TraceId;
        using var response = await client.GetAsync("/patents/CN000000000A");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Support.Html.ReadAsync(response);
        Assert.Equal(trace.ToHexString(), page.QuerySelector("[data-trace-id]")?.TextContent);
    }

    [Fact]
    public async Task An_unhandled_failure_shows_the_error_page_with_the_trace_id_the_failed_request_was_traced_under()
    {
        using var client = ops.Site.CreateClient();
        using var root = StartTrace();
        var trace = root.TraceId;
        using var response = await client.GetAsync(OperationsSite.FailingPath);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await Support.Html.ReadAsync(response);
        Assert.Equal(trace.ToHexString(), page.QuerySelector("[data-trace-id]")?.TextContent);
        var failed = Assert.Single(ops.SpansOf(trace), s => s.Kind == ActivityKind.Server);
        Assert.Equal(500, failed.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task An_api_problem_carries_the_trace_id_of_the_request()
    {
        using var client = ops.Site.CreateClient();
        using var root = StartTrace();
        var trace = root.TraceId;
        using var response = await client.GetAsync("/api/v1/open-licences?page=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(trace.ToHexString(), problem.RootElement.GetProperty("traceId").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("page", out _));
    }

    [Fact]
    public void A_readable_log_line_names_the_level_the_source_and_the_trace_it_belongs_to()
    {
        using var activity = new Activity("test").Start();
        var formatter = new ReadableConsoleFormatter();
        using var writer = new StringWriter();
        var entry = new LogEntry<string>(LogLevel.Warning, "Marketplace.Web.Samples.FirstStartSampleLoader", new EventId(1), "样例加载 sample load slow", null, (s, _) => s);
        formatter.Write(entry, null, writer);

        var line = writer.ToString().TrimEnd();
        Assert.Matches(@"^\d\d:\d\d:\d\dZ WARN FirstStartSampleLoader  样例加载 sample load slow  \[trace [0-9a-f]{32}\]$", line);
        Assert.EndsWith($"[trace {activity.TraceId.ToHexString()}]", line, StringComparison.Ordinal);
    }

    private static bool IsWithin(Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        for (var current = span; current is not null; current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
            if (current.SpanId == ancestor.SpanId) return true;
        return false;
    }
}
