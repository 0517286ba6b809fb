using System.Security.Cryptography;
using System.Text.Json;
using Marketplace.Web.Patents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Api.V1;

/// <summary>
/// The public, versioned patent API under /api/v1: reads are open to anyone (under the search rate
/// limit), answer with ETags and 304 on If-None-Match, and are described by the OpenAPI document at
/// /api/v1/openapi.json. Open licences and needs are in <see cref="MarketplaceApiV1"/>; their token-bound
/// operations require an OpenIddict token with the area's scope (<see cref="ApiEndpoints.ScopePolicy"/>).
/// </summary>
public static class PublicPatentApi
{
    public const string DocumentName = "v1";
    public const string OpenApiPattern = "/api/{documentName}/openapi.json";
    public const string OpenApiPath = "/api/v1/openapi.json";

    public static IServiceCollection AddPublicPatentApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Patent Marketplace API";
                document.Info.Version = "v1";
                document.Info.Description = "Patent search, patent records, published open licences and technical needs. "
                    + "Patents and open licences need no token; needs want an OAuth 2.0 client-credentials token from /connect/token "
                    + "with the scope marketplace.needs (read) or marketplace.needs.write (post, close).";
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                // The facet filters are one query parameter per facet (f.chain, f.high_value …), repeatable; the endpoint reads them from the query string.
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Any(n => n.EndpointName == "SearchPatents"))
                {
                    operation.Parameters ??= [];
                    foreach (var facet in PatentSearchRequest.FacetNames)
                        operation.Parameters.Add(new OpenApiParameter
                        {
                            Name = PatentSearchRequest.FilterPrefix + facet,
                            In = ParameterLocation.Query,
                            Description = $"Filter on the {facet} facet; repeat for several values (ORed). Values as in the answer's facets.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                            Explode = true,
                        });
                }
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapPublicPatentApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(OpenApiPattern).AllowAnonymous();
        var v1 = app.MapGroup("/api/v1").WithTags("patents").AllowAnonymous();
        v1.MapGet("/patents", SearchAsync)
            .WithName("SearchPatents")
            .WithSummary("Searches patents with the product's query syntax, facet filters, sorting and paging.")
            .Produces<ApiSearchResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status429TooManyRequests);
        v1.MapGet("/patents/{number}", GetAsync)
            .WithName("GetPatent")
            .WithSummary("One patent by publication or application number in any written form (CN218751475U, CN 2022232206652.2, ZL202223220665.2, US 7,123,456 B2).")
            .Produces<ApiPatent>()
            .Produces<ApiCandidates>(StatusCodes.Status300MultipleChoices)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <param name="q">Query in the product's syntax (see the README), e.g. <c>锂电池 AND ipc:H01M pd:&gt;=2021</c>.</param>
    /// <param name="sort">relevance (default), newest, oldest, filed or value.</param>
    /// <param name="page">1-based page.</param>
    /// <param name="size">Page size, 1–100 (default 20).</param>
    private static async Task<IResult> SearchAsync(HttpContext http, PatentSearchService search,
        [FromQuery] string? q, [FromQuery] string? sort, [FromQuery] int? page, [FromQuery] int? size)
    {
        var request = PatentSearchRequest.Parse(http.Request.Query, out var errors);
        if (errors.Count > 0)
            return TypedResults.Problem(title: "Invalid search parameters", statusCode: StatusCodes.Status400BadRequest,
                detail: string.Join(" ", errors.Select(e => $"{e.Problem}: '{e.Value}'.")),
                extensions: new Dictionary<string, object?> { ["filters"] = PatentSearchRequest.FacetNames.Select(f => PatentSearchRequest.FilterPrefix + f), ["sorts"] = PatentSearchRequest.SortNames });

        var result = await search.SearchOnlyAsync(request, http.RequestAborted);
        if (result.QueryError is { } message)
            return TypedResults.Problem(title: "Query syntax", detail: message, statusCode: StatusCodes.Status400BadRequest);
        var r = result.Result!;
        var body = new ApiSearchResult(
            r.Total, request.Page, request.PageSize,
            [.. r.Hits.Select(h => ApiPatentSummary.From(h.Record, h.Score))],
            r.Facets.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<ApiFacetValue>)[.. kv.Value.Select(v => new ApiFacetValue(v.Value, v.Count))]));
        return WithETag(http, body);
    }

    private static async Task<IResult> GetAsync(string number, HttpContext http, PatentSearchService search)
    {
        var (record, candidates) = await search.FindAsync(number, http.RequestAborted);
        if (record is not null) return WithETag(http, ApiPatent.From(record));
        if (candidates.Count > 1)
            return TypedResults.Json(new ApiCandidates([.. candidates.Select(c => ApiPatentSummary.From(c, null))]), ApiJson, statusCode: StatusCodes.Status300MultipleChoices);
        return TypedResults.Problem(title: "No such patent", detail: $"No patent has the number '{number}'.", statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>The record JSON conventions, but nulls written out: the OpenAPI document lists every property as present.</summary>
    internal static readonly JsonSerializerOptions ApiJson = new(RecordJson.Options) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    /// <summary>A strong ETag over the exact JSON sent; an If-None-Match that names it gets 304 without a body.</summary>
    /// <param name="cacheControl">Public for open data; answers that depend on the token's organisation are private.</param>
    internal static IResult WithETag<T>(HttpContext http, T body, string cacheControl = "public, max-age=60")
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson);
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = cacheControl;
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }
}

/// <summary>One page of search results with facet counts.</summary>
public sealed record ApiSearchResult(long Total, int Page, int Size, IReadOnlyList<ApiPatentSummary> Hits, IReadOnlyDictionary<string, IReadOnlyList<ApiFacetValue>> Facets);

public sealed record ApiFacetValue(string Value, long Count);

/// <summary>Several patents share the number given (e.g. an application's A and B publications).</summary>
public sealed record ApiCandidates(IReadOnlyList<ApiPatentSummary> Candidates);

public sealed record ApiText(string Language, string Text);

/// <summary>A search hit: enough to list and link a patent.</summary>
public sealed record ApiPatentSummary(
    string Id, string? ApplicationNumber, string Country, string DocumentType, string LegalStatus,
    IReadOnlyList<ApiText> Titles, IReadOnlyList<string> Applicants, IReadOnlyList<string> Ipc,
    DateOnly? ApplicationDate, DateOnly? PublicationDate, DateOnly? GrantDate,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Labels, double? ValueIndex, float? Score)
{
    public static ApiPatentSummary From(PatentRecord r, float? score) => new(
        r.Id, r.ApplicationNumber?.ToString(), r.Country, QuerySyntax.ValueName(r.DocumentType), QuerySyntax.ValueName(r.LegalStatus),
        [.. r.Titles.Select(t => new ApiText(t.Language, t.Text))], [.. r.Applicants.Select(a => a.Name)], r.IpcCodes,
        r.ApplicationDate, r.PublicationDate, r.GrantDate,
        PublicLabels(r), r.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var v) ? v : null, score);

    /// <summary>The facet labels (chain, sub-topic, technology field, flags); internal working labels stay out.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> PublicLabels(PatentRecord r) =>
        LabelFacets.All.Where(r.Labels.ContainsKey).ToDictionary(k => k, k => (IReadOnlyList<string>)r.Labels[k]);
}

public sealed record ApiParty(string Name, string Type, string? Country);

public sealed record ApiLegalEvent(DateOnly? Date, string Code, string? Description);

/// <summary>A patent's full bibliographic record.</summary>
public sealed record ApiPatent(
    string Id, string? ApplicationNumber, IReadOnlyList<string> OtherPublications, string Country, string? KindCode,
    string DocumentType, string Stage, string LegalStatus, string? LegalStatusText,
    IReadOnlyList<ApiText> Titles, IReadOnlyList<ApiText> Abstracts, IReadOnlyList<ApiText> FirstClaims,
    IReadOnlyList<ApiParty> Applicants, IReadOnlyList<string> Inventors, IReadOnlyList<string> Ipc, IReadOnlyList<string> Cpc,
    DateOnly? ApplicationDate, DateOnly? PublicationDate, DateOnly? GrantDate, DateOnly? LapseDate, DateOnly? ExpiryDate,
    string? FamilyId, IReadOnlyList<string> FamilyMembers, IReadOnlyList<string> CitedDocuments, IReadOnlyList<ApiLegalEvent> LegalEvents,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Labels, IReadOnlyDictionary<string, double> Scores)
{
    public static ApiPatent From(PatentRecord r) => new(
        r.Id, r.ApplicationNumber?.ToString(), [.. r.OtherPublicationNumbers.Select(n => n.Canonical)], r.Country, r.KindCode,
        QuerySyntax.ValueName(r.DocumentType), QuerySyntax.ValueName(r.Stage), QuerySyntax.ValueName(r.LegalStatus), r.LegalStatusText,
        [.. r.Titles.Select(t => new ApiText(t.Language, t.Text))], [.. r.Abstracts.Select(t => new ApiText(t.Language, t.Text))],
        [.. r.FirstClaims.Select(t => new ApiText(t.Language, t.Text))],
        [.. r.Applicants.Select(a => new ApiParty(a.Name, QuerySyntax.ValueName(a.Type), a.Country))], [.. r.Inventors.Select(i => i.Name)],
        r.IpcCodes, r.CpcCodes, r.ApplicationDate, r.PublicationDate, r.GrantDate, r.LapseDate, PatentTerm.Of(r).Expiry,
        r.FamilyId, r.FamilyMembers, r.CitedDocuments, [.. r.LegalEvents.Select(e => new ApiLegalEvent(e.Date, e.Code, e.Description))],
        ApiPatentSummary.PublicLabels(r), r.Scores);
}
