using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Taxonomy;
using Marketplace.Web.Api;
using Marketplace.Web.Patents;
using Microsoft.AspNetCore.Mvc;
using Search.Indexer.Engine;

namespace Marketplace.Web.Licensing;

/// <summary>
/// The public catalogue of open licences (开放许可) over the API: published declarations only, the
/// same ones as the /licences page, open to anyone under the search rate limit, with ETags.
/// </summary>
public static partial class OpenLicenseApi
{
    public static IEndpointRouteBuilder MapOpenLicenseApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").WithTags("open-licences").AllowAnonymous();
        v1.MapGet("/open-licences", ListAsync)
            .WithName("ListOpenLicenses")
            .WithSummary("Published open-licence declarations, newest first, with filters and paging.")
            .Produces<ApiPage<ApiOpenLicense>>()
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status429TooManyRequests);
        v1.MapGet("/open-licences/{id:guid}", GetAsync)
            .WithName("GetOpenLicense")
            .WithSummary("One published open-licence declaration.")
            .Produces<ApiOpenLicense>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status429TooManyRequests);
        return app;
    }

    [GeneratedRegex("^[A-H][0-9]{2}[A-Z]$")]
    private static partial Regex IpcSubclass();

    /// <param name="chain">Industry chain id of the taxonomy (e.g. <c>new-energy</c>): declarations with a patent in it.</param>
    /// <param name="ipc">IPC subclass (e.g. <c>H01M</c>): declarations with a patent in it.</param>
    /// <param name="fee">Fee kind: free, lump-sum, royalty or entry-fee-plus-royalty.</param>
    /// <param name="patent">A patent number in any written form: the declaration offering it.</param>
    /// <param name="q">Words in the patentee's name, a patent's title or number.</param>
    /// <param name="page">1-based page.</param>
    /// <param name="size">Page size, 1–100 (default 20).</param>
    private static async Task<IResult> ListAsync(HttpContext http, DeclarationService declarations, PatentSearchService search, IndustryTaxonomy taxonomy,
        [FromQuery] string? chain, [FromQuery] string? ipc, [FromQuery] string? fee, [FromQuery] string? patent, [FromQuery] string? q,
        [FromQuery] string? page, [FromQuery] string? size)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (pageNumber, pageSize) = ApiResults.Paging(page, size, errors);
        chain = string.IsNullOrWhiteSpace(chain) ? null : chain.Trim();
        if (chain is not null && taxonomy.Chain(chain) is null)
            errors["chain"] = [$"Unknown industry chain '{chain}'. Known: {string.Join(", ", taxonomy.Chains.Select(c => c.Id))}."];
        ipc = string.IsNullOrWhiteSpace(ipc) ? null : ipc.Trim().ToUpperInvariant();
        if (ipc is not null && !IpcSubclass().IsMatch(ipc))
            errors["ipc"] = [$"'{ipc}' is not an IPC subclass: expected a section letter, two digits and a letter, e.g. H01M."];
        FeeKind? kind = null;
        if (!string.IsNullOrWhiteSpace(fee))
        {
            kind = ApiNames.Parse<FeeKind>(fee);
            if (kind is null) errors["fee"] = [$"Unknown fee kind '{fee}'. Known: {ApiNames.Known<FeeKind>()}."];
        }
        if (errors.Count > 0) return ApiResults.Invalid("Invalid open-licence filters", errors);

        var list = await declarations.CatalogueAsync(kind, null, q, http.RequestAborted);
        if (chain is not null) list = [.. list.Where(d => d.Patents.Any(p => p.Chain == chain))];
        if (ipc is not null) list = [.. list.Where(d => d.Patents.Any(p => p.IpcSubclass == ipc))];
        if (!string.IsNullOrWhiteSpace(patent))
        {
            // Any written form the search understands; the plain number as typed when the index does not know it.
            var (record, candidates) = await search.FindAsync(patent.Trim(), http.RequestAborted);
            var ids = candidates.Select(c => c.Id).Append(record?.Id).OfType<string>()
                .Append(patent.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            list = [.. list.Where(d => d.Patents.Any(p => ids.Contains(p.PatentId)))];
        }
        var body = new ApiPage<ApiOpenLicense>(list.Count, pageNumber, pageSize,
            [.. list.Skip((pageNumber - 1) * pageSize).Take(pageSize).Select(ApiOpenLicense.From)]);
        return ApiResults.WithETag(http, body);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, DeclarationService declarations)
    {
        var declaration = await declarations.FindAsync(id, http.RequestAborted);
        // Drafts, declarations under review and withdrawn ones are not in the public catalogue.
        if (declaration is not { Status: DeclarationStatus.Published })
            return TypedResults.Problem(title: "No such open licence", detail: $"No published open licence has the id '{id}'.", statusCode: StatusCodes.Status404NotFound);
        return ApiResults.WithETag(http, ApiOpenLicense.From(declaration));
    }
}

/// <summary>A published open-licence declaration: who offers which patents on which terms, and where to take the licence.</summary>
/// <param name="Url">The offer page, where a licence is taken.</param>
public sealed record ApiOpenLicense(
    Guid Id, string? PublicationReference, DateOnly? PublishedOn, string Patentee, ApiLicenseFee Fee, int TermYears,
    string Territory, string? OtherTerms, string PaymentChannel, IReadOnlyList<ApiDeclaredPatent> Patents, string Url)
{
    public static ApiOpenLicense From(OpenLicenseDeclaration d) => new(
        d.Id, d.PublicationReference, d.PublishedOn, d.PatenteeName, ApiLicenseFee.From(d.Fee), d.TermYears, d.Territory, d.OtherTerms,
        ApiNames.Of(d.PaymentChannel),
        [.. d.Patents.OrderBy(p => p.PatentId, StringComparer.Ordinal).Select(p => new ApiDeclaredPatent(p.PatentId, p.Title,
            QuerySyntax.ValueName(p.DocumentType), QuerySyntax.ValueName(p.LegalStatus), p.Expiry, p.IpcSubclass, p.Chain))],
        $"/licences/{d.Id}");
}

/// <summary>The fee standard in yuan (RMB): kind (free, lump-sum, royalty, entry-fee-plus-royalty) and its amounts.</summary>
/// <param name="UpfrontYuan">What is paid when the licence is taken (lump sum or entry fee; 0 otherwise).</param>
public sealed record ApiLicenseFee(string Kind, decimal? AmountYuan, decimal? RoyaltyPercent, string? RoyaltyBase, decimal? AnnualMinimumYuan, decimal UpfrontYuan, string Currency)
{
    public static ApiLicenseFee From(LicenseFee f) => new(
        ApiNames.Of(f.Kind), f.AmountYuan, f.RoyaltyPercent,
        f.RoyaltyBase is { } b ? ApiNames.Of(b) : null, f.AnnualMinimumYuan, f.UpfrontYuan, "CNY");
}

/// <summary>A patent of a declaration, with the facts taken from the index when it was declared or last refreshed.</summary>
public sealed record ApiDeclaredPatent(string PatentId, string Title, string DocumentType, string LegalStatus, DateOnly? Expiry, string? IpcSubclass, string? Chain);
