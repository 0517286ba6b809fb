using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Api;
using Marketplace.Web.OpenId;
using Marketplace.Web.Tests.Support;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Search;

/// <summary>/api/v1 against its own OpenAPI document: every answer carries exactly the properties the document promises.</summary>
[Collection(SharedSite.Name)]
public sealed class PublicApiContractTests(MarketplaceSite site)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<JsonElement> OpenApiAsync()
    {
        using var client = site.CreateClient();
        using var response = await client.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var r))
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(r.GetString()!.Split('/')[^1]);
        return schema;
    }

    /// <summary>Checks an answer against a schema, recursively through objects and arrays; returns the differences.</summary>
    private static void Conform(JsonElement document, JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        schema = Resolve(document, schema);
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            var declared = properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var p in value.EnumerateObject())
            {
                if (!declared.Contains(p.Name)) problems.Add($"{path}.{p.Name} is not in the document");
                else if (p.Value.ValueKind != JsonValueKind.Null) Conform(document, properties.GetProperty(p.Name), p.Value, $"{path}.{p.Name}", problems);
            }
            if (schema.TryGetProperty("required", out var required))
                foreach (var r in required.EnumerateArray())
                    if (!value.TryGetProperty(r.GetString()!, out _)) problems.Add($"{path}.{r.GetString()} is required but missing");
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Conform(document, items, item, $"{path}[{i++}]", problems);
        }
    }

    private static JsonElement ResponseSchema(JsonElement document, string path, string status) =>
        document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

    [Fact]
    public async Task The_OpenAPI_document_describes_exactly_the_v1_endpoints()
    {
        var document = await OpenApiAsync();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        // Open licences and needs share the document (Api/MarketplaceApiTests checks it against every v1 route).
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/v1/patents", "/api/v1/patents/{number}"], paths.Where(p => p.StartsWith("/api/v1/patents", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var search = document.GetProperty("paths").GetProperty("/api/v1/patents").GetProperty("get");
        var names = search.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        string[] expected = ["page", "q", "size", "sort", .. Marketplace.Web.Patents.PatentSearchRequest.FacetNames.Select(f => "f." + f)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.True(search.GetProperty("responses").TryGetProperty("429", out _));
    }

    [Fact]
    public async Task Search_answers_conform_to_the_document_and_carry_facets_and_paging()
    {
        await LabelledSamples.EnsureAsync(site);
        var document = await OpenApiAsync();
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/api/v1/patents?q=" + Uri.EscapeDataString("无人机") + "&size=3&page=1&f.country=CN");
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problems = new List<string>();
        Conform(document, ResponseSchema(document, "/api/v1/patents", "200"), body, "$", problems);
        Assert.Empty(problems);
        Assert.Equal(3, body.GetProperty("hits").GetArrayLength());
        Assert.True(body.GetProperty("total").GetInt64() >= 5);
        Assert.Equal(3, body.GetProperty("size").GetInt32());
        Assert.Equal("CN", body.GetProperty("facets").GetProperty(FacetFields.Country)[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_patent_by_any_number_form_conforms_to_the_document()
    {
        var (high, _) = await LabelledSamples.EnsureAsync(site);
        var document = await OpenApiAsync();
        var record = await site.Index.UniqueByNumberAsync(r => r.Country == "CN" && r.ApplicationNumber is { CheckDigit: not null }, "Chinese patent with an application number");
        using var client = site.CreateClient();

        using var byAn = await client.GetAsync($"/api/v1/patents/ZL{record.ApplicationNumber!.Number}.{record.ApplicationNumber.CheckDigit}");
        using var labelled = await client.GetAsync("/api/v1/patents/" + high.Id);
        using var missing = await client.GetAsync("/api/v1/patents/CN000000000A");

        Assert.Equal(HttpStatusCode.OK, byAn.StatusCode);
        Assert.Equal(record.Id, (await JsonAsync(byAn)).GetProperty("id").GetString());
        var body = await JsonAsync(labelled);
        var problems = new List<string>();
        Conform(document, ResponseSchema(document, "/api/v1/patents/{number}", "200"), body, "$", problems);
        Assert.Empty(problems);
        Assert.Equal(LabelledSamples.ChainId, body.GetProperty("labels").GetProperty(LabelFacets.Chain)[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_ETag_answer_is_304_on_If_None_Match_and_200_again_when_the_request_changes()
    {
        using var client = site.CreateClient();

        using var first = await client.GetAsync("/api/v1/patents?q=processing");
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patents?q=processing");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patents?q=processing&page=2&size=1");
        other.Headers.IfNoneMatch.Add(etag);
        using var changed = await client.SendAsync(other);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Theory]
    [InlineData("/api/v1/patents?q=title:(", "Query syntax")]
    [InlineData("/api/v1/patents?sort=random", "UnknownSort")]
    [InlineData("/api/v1/patents?size=1000", "BadPageSize")]
    [InlineData("/api/v1/patents?f.colour=red", "UnknownFilterField")]
    public async Task Bad_requests_get_a_problem_that_names_the_fault(string url, string expected)
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Who may call what: v1 reads need no token; the older token-only /api/patents is retired with a 308 to v1.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class PublicApiAuthorizationTests(SqliteSite site)
{
    [Fact]
    public async Task V1_reads_answer_with_or_without_a_client_credentials_token()
    {
        using var anonymous = OAuthFlows.Bearer(site.BaseAddress, null);
        var token = await OAuthFlows.ClientCredentialsAsync(anonymous, DemoData.UniversityClientId, DemoData.UniversityClientSecret, ApiScopes.Search);
        using var client = OAuthFlows.Bearer(site.BaseAddress, token.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/patents?q=x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/patents?q=x")).StatusCode);
    }

    [Fact]
    public async Task The_retired_search_answers_308_to_v1_with_its_query_string_with_or_without_a_token()
    {
        using var anonymous = OAuthFlows.Bearer(site.BaseAddress, null);
        var token = await OAuthFlows.ClientCredentialsAsync(anonymous, DemoData.UniversityClientId, DemoData.UniversityClientSecret, ApiScopes.Search);
        using var client = OAuthFlows.Bearer(site.BaseAddress, token.GetProperty("access_token").GetString());

        foreach (var http in new[] { anonymous, client })
        {
            using var response = await http.GetAsync("/api/patents?q=%E7%94%B5%E6%B1%A0&page=2");
            Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
            Assert.Equal("/api/v1/patents?q=%E7%94%B5%E6%B1%A0&page=2", response.Headers.Location?.OriginalString);
            using var followed = await http.GetAsync(response.Headers.Location);
            Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
            Assert.Equal(2, JsonDocument.Parse(await followed.Content.ReadAsStringAsync()).RootElement.GetProperty("page").GetInt32());
        }
    }
}

/// <summary>The v1 API shares the search limit: over it, 429 with Retry-After, on a site of its own.</summary>
public sealed class PublicApiRateLimitTests : IAsyncLifetime
{
    private readonly AccountsSite _site = new(DatabaseProviders.Sqlite, new Dictionary<string, string?> { ["RateLimits:SearchPerMinute"] = "3" });

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task The_fourth_request_in_a_minute_gets_429_with_Retry_After()
    {
        using var http = OAuthFlows.Bearer(_site.BaseAddress, null);
        var statuses = new List<HttpStatusCode>();
        RetryConditionHeaderValue? retryAfter = null;
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.GetAsync(i % 2 == 0 ? "/api/v1/patents?q=x" : "/api/v1/patents/CN000000000A");
            statuses.Add(response.StatusCode);
            retryAfter = response.Headers.RetryAfter;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(TimeSpan.FromSeconds(60), retryAfter!.Delta);
    }
}
