using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Needs;
using Marketplace.Web.Api;
using Marketplace.Web.OpenId;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Api;

/// <summary>Reads the OpenAPI document and checks answers against the schemas it declares.</summary>
internal static class OpenApiContract
{
    public static async Task<JsonElement> DocumentAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());

    public static JsonElement ResponseSchema(JsonElement document, string path, string method, string status) =>
        Operation(document, path, method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var r))
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(r.GetString()!.Split('/')[^1]);
        return schema;
    }

    /// <summary>JSON kinds a schema's type (one name or an OpenAPI 3.1 list) admits.</summary>
    private static HashSet<JsonValueKind> Kinds(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return new HashSet<JsonValueKind>();
        var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        return names.SelectMany<string, JsonValueKind>(n => n switch
        {
            "string" => [JsonValueKind.String],
            "integer" or "number" => [JsonValueKind.Number],
            "boolean" => [JsonValueKind.True, JsonValueKind.False],
            "array" => [JsonValueKind.Array],
            "object" => [JsonValueKind.Object],
            "null" => [JsonValueKind.Null],
            _ => [],
        }).ToHashSet();
    }

    /// <summary>Every property declared, every required one present, each value of a declared type; recursive. Returns the differences.</summary>
    public static List<string> Check(JsonElement document, JsonElement schema, JsonElement value)
    {
        var problems = new List<string>();
        Conform(document, schema, value, "$", problems);
        return problems;
    }

    private static void Conform(JsonElement document, JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        schema = Resolve(document, schema);
        var kinds = Kinds(schema);
        if (kinds.Count > 0 && value.ValueKind != JsonValueKind.Null && !kinds.Contains(value.ValueKind))
        {
            problems.Add($"{path} is {value.ValueKind}, the document says {schema.GetProperty("type")}");
            return;
        }
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
        else if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in value.EnumerateObject()) Conform(document, additional, p.Value, $"{path}.{p.Name}", problems);
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Conform(document, items, item, $"{path}[{i++}]", problems);
        }
    }
}

/// <summary>API clients of organisations made for a test: a verified enterprise of its own, with the scopes asked for.</summary>
internal static class ApiClients
{
    private static int _sequence;

    public static async Task<(string ClientId, string Secret, Guid OrganizationId)> EnterpriseAsync(AccountsSite site, bool verified, params string[] scopes)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var owner = await db.Users.SingleAsync(u => u.Email == "enterprise.owner@demo.patent-marketplace.local");
        var n = Interlocked.Increment(ref _sequence);
        var first17 = $"9135050{Random.Shared.Next(0, 99_999_999):D8}{n % 100:D2}";
        var code = UnifiedSocialCreditCode.Parse(first17 + UnifiedSocialCreditCode.CheckCharacterFor(first17));
        var now = DateTime.UtcNow;
        var organization = Organization.Create($"API 测试企业 {n} {Guid.NewGuid():N}"[..30], OrganizationType.Enterprise, code, owner.Id, now);
        if (verified)
        {
            organization.AttachDocument("licence.txt", "text/plain", Encoding.UTF8.GetBytes("licence"), owner.Id, now);
            organization.SubmitForVerification(now);
            organization.Verify(Guid.NewGuid(), now);
        }
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        var (clientId, secret) = await scope.ServiceProvider.GetRequiredService<ApiClientService>().CreateAsync(organization, "ERP " + n, scopes);
        return (clientId, secret, organization.Id);
    }

    public static async Task<HttpClient> BearerAsync(AccountsSite site, string clientId, string secret, string scope)
    {
        using var anonymous = OAuthFlows.Bearer(site.BaseAddress, null);
        var token = await OAuthFlows.ClientCredentialsAsync(anonymous, clientId, secret, scope);
        return OAuthFlows.Bearer(site.BaseAddress, token.GetProperty("access_token").GetString());
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static object ValidNeed(string title, string visibility = "public") => new
    {
        title,
        description = "我们的鞋材生产线需要一种低能耗的发泡工艺，能够减少有机溶剂的使用，并保持鞋底的回弹性能。",
        chain = (string?)null,
        outcome = "joint-development",
        budgetMin = 10,
        budgetMax = 60.5m,
        deadline = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd"),
        region = "晋江",
        visibility,
        materials = new[] { "EVA", "发泡剂" },
        effects = new[] { "低能耗" },
    };
}

/// <summary>The OpenAPI document describes every /api/v1 route and method, with the security and answers each can give.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class ApiV1DocumentTests(SqliteSite site)
{
    /// <summary>A route pattern as the document writes it: constraints dropped (<c>{id:guid}</c> → <c>{id}</c>).</summary>
    private static string DocumentPath(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace("/" + pattern.TrimStart('/'), @"\{([^}:]+)(:[^}]*)?\}", "{$1}");

    [Fact]
    public async Task Every_v1_route_and_method_the_application_serves_is_in_the_document_and_nothing_else()
    {
        using var http = OAuthFlows.Bearer(site.BaseAddress, null);
        var document = await OpenApiContract.DocumentAsync(http);
        var served = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {DocumentPath(e.RoutePattern.RawText!)}"))
            .Where(s => !s.EndsWith("/openapi.json", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("POST /api/v1/needs", served);
        Assert.Contains("GET /api/v1/open-licences/{id}", served);
        Assert.Equal(served.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Token_bound_operations_name_the_client_credentials_scheme_and_their_scope_and_list_their_refusals()
    {
        using var http = OAuthFlows.Bearer(site.BaseAddress, null);
        var document = await OpenApiContract.DocumentAsync(http);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2");
        Assert.Equal("oauth2", scheme.GetProperty("type").GetString());
        var flow = scheme.GetProperty("flows").GetProperty("clientCredentials");
        Assert.Equal("/connect/token", flow.GetProperty("tokenUrl").GetString());
        Assert.True(flow.GetProperty("scopes").TryGetProperty(ApiScopes.NeedsWrite, out _));

        (string Path, string Method, string Scope, string[] Statuses)[] secured =
        [
            ("/api/v1/needs", "post", ApiScopes.NeedsWrite, ["201", "400", "401", "403", "429"]),
            ("/api/v1/needs/{id}/close", "post", ApiScopes.NeedsWrite, ["200", "401", "403", "404", "409", "429"]),
            ("/api/v1/needs", "get", ApiScopes.NeedsRead, ["200", "304", "400", "401", "403", "429"]),
            ("/api/v1/needs/{id}", "get", ApiScopes.NeedsRead, ["200", "304", "401", "403", "404", "429"]),
        ];
        foreach (var (path, method, scope, statuses) in secured)
        {
            var operation = OpenApiContract.Operation(document, path, method);
            var requirement = Assert.Single(operation.GetProperty("security").EnumerateArray());
            Assert.Equal([scope], requirement.GetProperty("oauth2").EnumerateArray().Select(s => s.GetString()));
            var answers = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
            Assert.All(statuses, s => Assert.Contains(s, answers));
        }
        foreach (var path in new[] { "/api/v1/open-licences", "/api/v1/open-licences/{id}" })
        {
            var operation = OpenApiContract.Operation(document, path, "get");
            Assert.False(operation.TryGetProperty("security", out _), path + " needs no token");
            var answers = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
            Assert.All(new[] { "200", "304", "429" }, s => Assert.Contains(s, answers));
        }
        Assert.True(OpenApiContract.Operation(document, "/api/v1/needs", "post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }
}

/// <summary>The open-licence catalogue: the demo university's published declaration (lump sum 50,000 yuan, IPC H04L).</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class OpenLicenseApiTests(SqliteSite site)
{
    [Fact]
    public async Task The_catalogue_and_one_declaration_conform_to_the_document_and_show_the_published_terms()
    {
        using var http = OAuthFlows.Bearer(site.BaseAddress, null);
        var document = await OpenApiContract.DocumentAsync(http);

        using var list = await http.GetAsync("/api/v1/open-licences?size=100");
        var page = await OpenApiContract.JsonAsync(list);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty(OpenApiContract.Check(document, OpenApiContract.ResponseSchema(document, "/api/v1/open-licences", "get", "200"), page));
        var demo = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("publicationReference").GetString() == DemoData.OpenLicenseReference);
        Assert.Equal("lump-sum", demo.GetProperty("fee").GetProperty("kind").GetString());
        Assert.Equal(50_000m, demo.GetProperty("fee").GetProperty("amountYuan").GetDecimal());
        Assert.Equal(50_000m, demo.GetProperty("fee").GetProperty("upfrontYuan").GetDecimal());
        Assert.Equal(3, demo.GetProperty("termYears").GetInt32());
        Assert.Equal(DemoData.OpenLicensePatentId, demo.GetProperty("patents")[0].GetProperty("patentId").GetString());

        var id = demo.GetProperty("id").GetString();
        using var one = await http.GetAsync($"/api/v1/open-licences/{id}");
        var body = await OpenApiContract.JsonAsync(one);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Empty(OpenApiContract.Check(document, OpenApiContract.ResponseSchema(document, "/api/v1/open-licences/{id}", "get", "200"), body));
        Assert.Equal($"/licences/{id}", body.GetProperty("url").GetString());

        using var missing = await http.GetAsync($"/api/v1/open-licences/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("fee=lump-sum", true)]
    [InlineData("fee=free", false)]
    [InlineData("ipc=h04l", true)]
    [InlineData("ipc=H01M", false)]
    [InlineData("patent=CN115883397A", true)]
    [InlineData("patent=CN000000001A", false)]
    [InlineData("q=web端数据", true)]
    public async Task Filters_keep_exactly_the_declarations_that_match(string filter, bool demoExpected)
    {
        using var http = OAuthFlows.Bearer(site.BaseAddress, null);

        using var response = await http.GetAsync("/api/v1/open-licences?size=100&" + filter);
        var items = (await OpenApiContract.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(demoExpected, items.Any(i => i.GetProperty("publicationReference").GetString() == DemoData.OpenLicenseReference));
        if (filter == "fee=lump-sum") Assert.All(items, i => Assert.Equal("lump-sum", i.GetProperty("fee").GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Paging_cuts_the_list_and_bad_parameters_get_a_problem_naming_each()
    {
        using var http = OAuthFlows.Bearer(site.BaseAddress, null);

        using var all = await http.GetAsync("/api/v1/open-licences?size=100");
        var total = (await OpenApiContract.JsonAsync(all)).GetProperty("total").GetInt32();
        using var beyond = await http.GetAsync($"/api/v1/open-licences?size=1&page={total + 1}");
        var beyondBody = await OpenApiContract.JsonAsync(beyond);
        using var bad = await http.GetAsync("/api/v1/open-licences?size=0&page=0&fee=barter&ipc=battery&chain=no-such-chain");
        var problem = await OpenApiContract.JsonAsync(bad);

        Assert.True(total >= 1);
        Assert.Equal(total, beyondBody.GetProperty("total").GetInt32());
        Assert.Equal(0, beyondBody.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["chain", "fee", "ipc", "page", "size"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("lump-sum", problem.GetProperty("errors").GetProperty("fee")[0].GetString());
        using var notNumbers = await http.GetAsync("/api/v1/open-licences?page=abc&size=1.5");
        Assert.Equal(HttpStatusCode.BadRequest, notNumbers.StatusCode);
        Assert.Equal(["page", "size"], (await OpenApiContract.JsonAsync(notNumbers)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var document = await OpenApiContract.DocumentAsync(http);
        var pageParameter = OpenApiContract.Operation(document, "/api/v1/open-licences", "get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "page");
        Assert.Equal("integer", pageParameter.GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_unchanged_catalogue_answers_304_to_its_ETag()
    {
        using var http = OAuthFlows.Bearer(site.BaseAddress, null);

        using var first = await http.GetAsync("/api/v1/open-licences?fee=lump-sum");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/open-licences?fee=lump-sum");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }
}

/// <summary>Needs over the API: who may read, who may post, and what a post must contain.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class NeedsApiTests(SqliteSite site)
{
    [Fact]
    public async Task Posting_needs_a_token_with_the_write_scope_of_a_verified_enterprise_client()
    {
        var (enterpriseId, enterpriseSecret, _) = await ApiClients.EnterpriseAsync(site, verified: true, ApiScopes.NeedsWrite, ApiScopes.NeedsRead);
        var (pendingId, pendingSecret, _) = await ApiClients.EnterpriseAsync(site, verified: false, ApiScopes.NeedsWrite);
        using var anonymous = OAuthFlows.Bearer(site.BaseAddress, null);
        using var readOnly = await ApiClients.BearerAsync(site, enterpriseId, enterpriseSecret, ApiScopes.NeedsRead);
        // The demo university's client holds every scope, needs.write included: a university still does not post needs.
        using var university = await ApiClients.BearerAsync(site, DemoData.UniversityClientId, DemoData.UniversityClientSecret, ApiScopes.NeedsWrite);
        using var pending = await ApiClients.BearerAsync(site, pendingId, pendingSecret, ApiScopes.NeedsWrite);
        using var writer = await ApiClients.BearerAsync(site, enterpriseId, enterpriseSecret, ApiScopes.NeedsWrite);
        var need = ApiClients.ValidNeed("低能耗鞋底发泡工艺 " + Guid.NewGuid().ToString("N")[..6]);

        using var noToken = await anonymous.PostAsync("/api/v1/needs", ApiClients.Json(need));
        using var noScope = await readOnly.PostAsync("/api/v1/needs", ApiClients.Json(need));
        using var notEnterprise = await university.PostAsync("/api/v1/needs", ApiClients.Json(need));
        using var notVerified = await pending.PostAsync("/api/v1/needs", ApiClients.Json(need));
        using var created = await writer.PostAsync("/api/v1/needs", ApiClients.Json(need));

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notEnterprise.StatusCode);
        Assert.Equal("Only enterprises post technical needs.", (await OpenApiContract.JsonAsync(notEnterprise)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, notVerified.StatusCode);
        Assert.Equal("Your enterprise must be verified before it posts needs.", (await OpenApiContract.JsonAsync(notVerified)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.Matches("^/api/v1/needs/[0-9a-f-]{36}$", location);
    }

    [Fact]
    public async Task A_posted_need_is_saved_for_the_clients_enterprise_audited_and_readable_at_its_location_as_documented()
    {
        var (clientId, secret, organizationId) = await ApiClients.EnterpriseAsync(site, verified: true, ApiScopes.NeedsWrite, ApiScopes.NeedsRead);
        using var writer = await ApiClients.BearerAsync(site, clientId, secret, ApiScopes.NeedsWrite);
        using var reader = await ApiClients.BearerAsync(site, clientId, secret, ApiScopes.NeedsRead);
        var title = "低能耗鞋底发泡工艺 " + Guid.NewGuid().ToString("N")[..6];
        var document = await OpenApiContract.DocumentAsync(writer);

        using var created = await writer.PostAsync("/api/v1/needs", ApiClients.Json(ApiClients.ValidNeed(title)));
        var createdBody = await OpenApiContract.JsonAsync(created);
        using var read = await reader.GetAsync(created.Headers.Location);
        var readBody = await OpenApiContract.JsonAsync(read);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Empty(OpenApiContract.Check(document, OpenApiContract.ResponseSchema(document, "/api/v1/needs", "post", "201"), createdBody));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Empty(OpenApiContract.Check(document, OpenApiContract.ResponseSchema(document, "/api/v1/needs/{id}", "get", "200"), readBody));
        Assert.Equal(title, readBody.GetProperty("title").GetString());
        Assert.Equal("joint-development", readBody.GetProperty("outcome").GetString());
        Assert.Equal(60.5m, readBody.GetProperty("budgetMax").GetDecimal());
        Assert.Equal(["EVA", "发泡剂"], readBody.GetProperty("elements").GetProperty("materials").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("open", readBody.GetProperty("status").GetString());

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var need = await db.Needs.SingleAsync(n => n.Title == title);
        Assert.Equal(organizationId, need.OrganizationId);
        Assert.True(await db.Deals.AnyAsync(d => d.NeedId == need.Id));
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == NeedAuditActions.NeedPosted && e.Subject == title);
        Assert.Equal(organizationId, audit.OrganizationId);
        Assert.StartsWith("ERP ", audit.UserName);
    }

    [Fact]
    public async Task An_invalid_need_gets_a_problem_that_names_every_bad_field_and_nothing_is_saved()
    {
        var (clientId, secret, organizationId) = await ApiClients.EnterpriseAsync(site, verified: true, ApiScopes.NeedsWrite);
        using var writer = await ApiClients.BearerAsync(site, clientId, secret, ApiScopes.NeedsWrite);

        using var response = await writer.PostAsync("/api/v1/needs", ApiClients.Json(new
        {
            title = "",
            description = "太短",
            chain = "no-such-chain",
            outcome = "barter",
            budgetMin = 50,
            budgetMax = 10,
            deadline = "31/12/2020",
            materials = "EVA",
            colour = "red",
        }));
        var problem = await OpenApiContract.JsonAsync(response);
        using var notJson = await writer.PostAsync("/api/v1/needs", new StringContent("{ title: ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["budgetMax", "chain", "colour", "deadline", "description", "materials", "outcome", "title"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Give the need a title.", errors.GetProperty("title")[0].GetString());
        Assert.Equal("The budget's upper end must not be below its lower end.", errors.GetProperty("budgetMax")[0].GetString());
        Assert.Contains("joint-development", errors.GetProperty("outcome")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.True((await OpenApiContract.JsonAsync(notJson)).GetProperty("errors").TryGetProperty("$", out _));
        await using var scope = site.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Needs.AnyAsync(n => n.OrganizationId == organizationId));
    }

    [Fact]
    public async Task Reads_show_what_the_clients_organisation_may_see_and_answer_401_and_403_without_the_read_scope()
    {
        var (clientId, secret, _) = await ApiClients.EnterpriseAsync(site, verified: true, ApiScopes.NeedsWrite, ApiScopes.NeedsRead);
        using var writer = await ApiClients.BearerAsync(site, clientId, secret, ApiScopes.NeedsWrite);
        using var owner = await ApiClients.BearerAsync(site, clientId, secret, ApiScopes.NeedsRead);
        using var university = await ApiClients.BearerAsync(site, DemoData.UniversityClientId, DemoData.UniversityClientSecret, ApiScopes.NeedsRead);
        using var searchOnly = await ApiClients.BearerAsync(site, DemoData.UniversityClientId, DemoData.UniversityClientSecret, ApiScopes.Search);
        using var anonymous = OAuthFlows.Bearer(site.BaseAddress, null);
        var hidden = "仅运营机构可见的需求 " + Guid.NewGuid().ToString("N")[..6];
        using var posted = await writer.PostAsync("/api/v1/needs", ApiClients.Json(ApiClients.ValidNeed(hidden, "operators-only")));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;

        using var ownerList = await owner.GetAsync("/api/v1/needs?size=100");
        var ownerItems = (await OpenApiContract.JsonAsync(ownerList)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
        using var universityList = await university.GetAsync("/api/v1/needs?size=100");
        var universityItems = (await OpenApiContract.JsonAsync(universityList)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();

        Assert.Contains(hidden, ownerItems);
        Assert.Contains(DemoData.DemoNeedTitle, ownerItems);
        Assert.DoesNotContain(hidden, universityItems);
        Assert.Contains(DemoData.DemoNeedTitle, universityItems);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await university.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/needs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await searchOnly.GetAsync("/api/v1/needs")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.GetAsync("/api/v1/needs?status=maybe")).StatusCode);
    }

    [Fact]
    public async Task The_enterprise_closes_its_own_need_once_and_nobody_else_can()
    {
        var (clientId, secret, _) = await ApiClients.EnterpriseAsync(site, verified: true, ApiScopes.NeedsWrite);
        var (otherId, otherSecret, _) = await ApiClients.EnterpriseAsync(site, verified: true, ApiScopes.NeedsWrite);
        using var writer = await ApiClients.BearerAsync(site, clientId, secret, ApiScopes.NeedsWrite);
        using var other = await ApiClients.BearerAsync(site, otherId, otherSecret, ApiScopes.NeedsWrite);
        using var posted = await writer.PostAsync("/api/v1/needs", ApiClients.Json(ApiClients.ValidNeed("待关闭的需求 " + Guid.NewGuid().ToString("N")[..6])));
        var close = posted.Headers.Location!.OriginalString + "/close";

        using var byOther = await other.PostAsync(close, null);
        using var closed = await writer.PostAsync(close, null);
        using var twice = await writer.PostAsync(close, null);

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("closed", (await OpenApiContract.JsonAsync(closed)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }
}

/// <summary>Open licences and needs share the v1 limit: over it, 429 with Retry-After, on a site of its own.</summary>
public sealed class MarketplaceApiRateLimitTests : IAsyncLifetime
{
    private readonly AccountsSite _site = new(DatabaseProviders.Sqlite, new Dictionary<string, string?> { ["RateLimits:SearchPerMinute"] = "3" });

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task The_fourth_v1_request_in_a_minute_gets_429_with_Retry_After_even_with_a_token()
    {
        var token = await OAuthFlows.ClientCredentialsAsync(OAuthFlows.Bearer(_site.BaseAddress, null), DemoData.UniversityClientId, DemoData.UniversityClientSecret, ApiScopes.NeedsRead);
        using var http = OAuthFlows.Bearer(_site.BaseAddress, token.GetProperty("access_token").GetString());
        var statuses = new List<HttpStatusCode>();
        RetryConditionHeaderValue? retryAfter = null;
        foreach (var url in new[] { "/api/v1/open-licences", "/api/v1/needs", $"/api/v1/open-licences/{Guid.NewGuid()}", "/api/v1/needs" })
        {
            using var response = await http.GetAsync(url);
            statuses.Add(response.StatusCode);
            retryAfter = response.Headers.RetryAfter;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(TimeSpan.FromSeconds(60), retryAfter!.Delta);
    }
}
