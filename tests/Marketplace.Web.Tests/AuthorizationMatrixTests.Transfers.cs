using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // Transfers: the demo university's listing and the demo enterprise's offer under negotiation (so the enterprise's
    // member is the buyer's side of that offer, and a stranger to the seller's acts). Refusals of allowed callers answer
    // 200 with the message; nothing changes.
    private static IReadOnlyList<Row> TransfersRows =>
    [
        new("GET", "/transfers", _ => "/transfers", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/transfers/new", _ => "/transfers/new", Via.Cookie, "302 200 200 200 200 200"),
        // A patent the index does not know: the seller's admins see that refusal, everyone else who may not list is told so.
        new("POST", "/transfers/new", _ => "/transfers/new", Via.Cookie, "302 200 200 200 200 200", () => new() { ["Patent"] = "CN000000000A", ["ValidUntil"] = "2099-01-01" }),
        new("GET", "/transfers/{id:guid}", i => $"/transfers/{i["listing"]}", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/transfers/{id:guid}", _ => $"/transfers/{Guid.NewGuid()}", Via.Cookie, "404 404 404 404 404 404"),
        // Listing what is already listed: refused on the page for the seller's admins; nobody else acts for the seller.
        new("POST", "/transfers/{id:guid}", i => $"/transfers/{i["listing"]}?handler=List", Via.Cookie, "302 403 200 403 403 403", () => []),
        // An empty message on the demo offer: refused on the page for both sides of it (the seller's admins, the buyer's members).
        new("POST", "/transfers/{id:guid}", i => $"/transfers/{i["listing"]}?handler=Message&offerId={i["offer"]}", Via.Cookie, "302 403 200 200 403 403", () => []),
        // No contract before agreement (409) for the seller's people and operators; the enterprise is no party to the agreement yet.
        new("GET", "/transfers/{id:guid}/{document:regex(^(contract\\.pdf|recordal-kit\\.txt)$)}", i => $"/transfers/{i["listing"]}/contract.pdf", Via.Cookie, "302 409 409 403 409 409"),
        new("GET", "/api/v1/transfers", _ => "/api/v1/transfers?negotiable=false", Via.Bearer, "200 200 200 200 200 200"),
        new("GET", "/api/v1/transfers/{id:guid}", i => $"/api/v1/transfers/{i["listing"]}", Via.Bearer, "200 200 200 200 200 200"),
        new("GET", "/api/v1/transfers/{id:guid}", _ => $"/api/v1/transfers/{Guid.NewGuid()}", Via.Bearer, "404 404 404 404 404 404"),
    ];

    private static async Task<IReadOnlyDictionary<string, string>> TransfersIdsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var listing = await db.TransferListings.SingleAsync(l => l.PatentId == DemoData.TransferPatentId);
        var offer = await db.TransferOffers.SingleAsync(o => o.ListingId == listing.Id);
        return new Dictionary<string, string> { ["listing"] = listing.Id.ToString(), ["offer"] = offer.Id.ToString() };
    }
}
