using Marketplace.Web.Api;

namespace Marketplace.Web.Patents;

/// <summary>The search experience beyond the result page: exports, compare, "more like this" and the public /api/v1.</summary>
public static class PatentSearchHostingExtensions
{
    public const string ExportPath = "/search/export";

    public static IHostApplicationBuilder AddPatentSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ResultExport>();
        builder.Services.AddPatentsApi();
        return builder;
    }

    public static IEndpointRouteBuilder MapPatentSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportPath, ExportAsync).ExcludeFromDescription();
        app.MapGet("/patents/{id}/similar", SimilarAsync).ExcludeFromDescription();
        app.MapPatentsApi();
        return app;
    }

    /// <summary>"More like this": the search page with the patent's key terms and IPC group as an ordinary, editable query.</summary>
    private static async Task<IResult> SimilarAsync(string id, PatentSearchService search, CancellationToken cancellationToken)
    {
        var (record, _) = await search.FindAsync(id, cancellationToken);
        if (record is null) return Results.NotFound();
        return MoreLikeThis.QueryFor(record) is { } q
            ? Results.Redirect(SearchLinks.Path + "?q=" + Uri.EscapeDataString($"({q}) -pn:{record.Id}"))
            : Results.Redirect("/patents/" + Uri.EscapeDataString(record.Id));
    }

    /// <summary>
    /// <c>/search/export?format=csv|xlsx|jsonl&amp;limit=…</c> plus the search page's own parameters:
    /// up to 10,000 records of that search in its order, written to the response as they are read.
    /// </summary>
    private static async Task ExportAsync(HttpContext http, PatentSearchService search, ResultExport export, string? format, int? limit)
    {
        if (!ResultExport.TryParseFormat(format, out var f))
        {
            await Results.Problem($"Unknown export format '{format}'. Use csv, xlsx or jsonl.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }
        if (limit is < 1 or > ResultExport.MaxRecords)
        {
            await Results.Problem($"limit must be between 1 and {ResultExport.MaxRecords}.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }
        var query = http.Request.Query.Where(kv => kv.Key is not ("format" or "limit" or "page" or "size" or "culture"));
        var request = PatentSearchRequest.Parse(query, out var errors);
        if (errors.Count > 0)
        {
            await Results.Problem(string.Join(" ", errors.Select(e => $"{e.Problem}: '{e.Value}'.")), statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }
        // Check the query before the first byte goes out: after that, a syntax error could only cut the file short.
        var probe = await search.SearchOnlyAsync(request with { PageSize = 1 }, http.RequestAborted);
        if (probe.QueryError is { } message)
        {
            await Results.Problem(message, statusCode: StatusCodes.Status400BadRequest, title: "Query syntax").ExecuteAsync(http);
            return;
        }

        await export.WriteResponseAsync(http, f, "patents", search.ExportAsync(request, limit ?? ResultExport.MaxRecords, http.RequestAborted));
    }
}
