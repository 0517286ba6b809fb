using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Patents;

/// <summary>
/// The public, versioned patent API under /api/v1: reads are open to anyone (under the search rate
/// limit), answer with ETags and 304 on If-None-Match, and are described by the one OpenAPI document
/// (<see cref="ApiDocument"/>). The token-bound /api/patents that came before it answers 308 to
/// /api/v1/patents for one release (README, "API").
/// </summary>
public static class PatentsApi
{
    /// <summary>The retired token-bound search, redirected to its successor with the query string.</summary>
    public const string RetiredSearchPath = "/api/patents";

    public static IServiceCollection AddPatentsApi(this IServiceCollection services) =>
        // The document's options are named after it; this adds to what ApiDocument configured.
        services.Configure<OpenApiOptions>(ApiDocument.DocumentName, o =>
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
            }));

    public static IEndpointRouteBuilder MapPatentsApi(this IEndpointRouteBuilder app)
    {
        // 308 keeps the method; q and page mean the same on the successor.
        app.MapGet(RetiredSearchPath, (HttpContext http) => Results.Redirect("/api/v1/patents" + http.Request.QueryString, permanent: true, preserveMethod: true))
            .ExcludeFromDescription();
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
        return ApiResults.WithETag(http, body);
    }

    private static async Task<IResult> GetAsync(string number, HttpContext http, PatentSearchService search)
    {
        var (record, candidates) = await search.FindAsync(number, http.RequestAborted);
        if (record is not null) return ApiResults.WithETag(http, ApiPatent.From(record));
        if (candidates.Count > 1)
            return TypedResults.Json(new ApiCandidates([.. candidates.Select(c => ApiPatentSummary.From(c, null))]), ApiResults.Json, statusCode: StatusCodes.Status300MultipleChoices);
        return TypedResults.Problem(title: "No such patent", detail: $"No patent has the number '{number}'.", statusCode: StatusCodes.Status404NotFound);
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
