using Marketplace.Web.Api;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Transfers;

/// <summary>The contract PDF and the recordal kit for the parties and operators, and the public listings over the API.</summary>
public static class TransfersEndpoints
{
    public static WebApplication MapTransfers(this WebApplication app)
    {
        app.MapGet("/transfers/{id:guid}/{document:regex(^(contract\\.pdf|recordal-kit\\.txt)$)}",
            async (Guid id, string document, HttpContext http, MarketplaceDbContext db, TransferService transfers, CancellationToken cancellationToken) =>
        {
            var actor = await LicensingActor.ResolveAsync(http.User, db, cancellationToken);
            if (actor is null) return Results.Challenge();
            var listing = await transfers.FindAsync(id, cancellationToken);
            if (listing is null) return Results.NotFound();
            if (!actor.IsOperator && !actor.IsMemberOf(listing.SellerOrganizationId) && !(listing.BuyerOrganizationId is { } buyer && actor.IsMemberOf(buyer))) return Results.Forbid();
            if (document == "contract.pdf")
            {
                if (listing.Status is not (TransferStatus.Agreed or TransferStatus.Paid or TransferStatus.Recorded)) return Results.Conflict();
                return Results.File(TransferContract.Pdf(listing, await transfers.ExistingLicencesAsync(listing.PatentId, cancellationToken)), "application/pdf", $"{listing.Reference}-contract.pdf");
            }
            if (listing.Status is not (TransferStatus.Paid or TransferStatus.Recorded)) return Results.Conflict();
            return Results.File(RecordalKit.Text(listing), "text/plain; charset=utf-8", $"{listing.Reference}-recordal.txt");
        }).RequireAuthorization();

        var v1 = app.MapGroup("/api/v1").WithTags("transfers").AllowAnonymous();
        v1.MapGet("/transfers", ListAsync)
            .WithName("ListTransfers")
            .WithSummary("Patents listed for sale (专利转让) that take offers, newest first, with paging.")
            .Produces<ApiPage<ApiTransferListing>>()
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status429TooManyRequests);
        v1.MapGet("/transfers/{id:guid}", GetAsync)
            .WithName("GetTransfer")
            .WithSummary("One patent listed for sale.")
            .Produces<ApiTransferListing>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <param name="q">Words in the seller's name, the patent's title or number.</param>
    /// <param name="negotiable">true: only listings without an asking price (面议); false: only those with one.</param>
    /// <param name="maxPrice">Highest asking price in yuan (listings with a price only).</param>
    /// <param name="page">1-based page.</param>
    /// <param name="size">Page size, 1–100 (default 20).</param>
    private static async Task<IResult> ListAsync(HttpContext http, TransferService transfers,
        [FromQuery] string? q, [FromQuery] string? negotiable, [FromQuery] string? maxPrice, [FromQuery] string? page, [FromQuery] string? size)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (pageNumber, pageSize) = ApiResults.Paging(page, size, errors);
        bool? onlyNegotiable = null;
        if (!string.IsNullOrWhiteSpace(negotiable))
        {
            if (bool.TryParse(negotiable.Trim(), out var n)) onlyNegotiable = n;
            else errors["negotiable"] = [$"negotiable is true or false, not '{negotiable}'."];
        }
        decimal? max = null;
        if (!string.IsNullOrWhiteSpace(maxPrice))
        {
            if (decimal.TryParse(maxPrice.Trim(), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0) max = m;
            else errors["maxPrice"] = [$"maxPrice is an amount in yuan greater than zero, not '{maxPrice}'."];
        }
        if (q is { Length: > 200 }) errors["q"] = ["q has at most 200 characters."];
        if (errors.Count > 0) return ApiResults.Invalid("Invalid transfer filters", errors);

        var list = await transfers.CatalogueAsync(q, http.RequestAborted);
        if (onlyNegotiable is { } only) list = [.. list.Where(l => (l.AskingPriceFen is null) == only)];
        if (max is { } limit) list = [.. list.Where(l => l.AskingPriceFen is { } fen && fen / 100m <= limit)];
        var body = new ApiPage<ApiTransferListing>(list.Count, pageNumber, pageSize,
            [.. list.Skip((pageNumber - 1) * pageSize).Take(pageSize).Select(ApiTransferListing.From)]);
        return ApiResults.WithETag(http, body);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, TransferService transfers)
    {
        var listing = await transfers.FindAsync(id, http.RequestAborted);
        // Drafts and closed negotiations are the parties' business; the API shows what is for sale.
        if (listing is not { IsForSale: true })
            return TypedResults.Problem(title: "No such transfer listing", detail: $"No patent listed for sale has the id '{id}'.", statusCode: StatusCodes.Status404NotFound);
        return ApiResults.WithETag(http, ApiTransferListing.From(listing));
    }
}

/// <summary>A patent listed for sale: who sells it, the asking price in yuan (null when negotiable, 面议), conditions and validity.</summary>
/// <param name="Url">The listing's page, where signed-in organisations make offers.</param>
public sealed record ApiTransferListing(Guid Id, string Reference, string PatentId, string Title, string DocumentType, string LegalStatus, string Seller,
    decimal? AskingPriceYuan, bool Negotiable, string? Conditions, DateOnly ValidUntil, string Status, string Currency, string Url)
{
    public static ApiTransferListing From(TransferListing l) => new(
        l.Id, l.Reference, l.PatentId, l.PatentTitle, Search.Indexer.Engine.QuerySyntax.ValueName(l.DocumentType), Search.Indexer.Engine.QuerySyntax.ValueName(l.LegalStatus),
        l.SellerName, l.AskingPriceFen / 100m, l.AskingPriceFen is null, l.Conditions, l.ValidUntil, ApiNames.Of(l.Status), "CNY", $"/transfers/{l.Id}");
}
