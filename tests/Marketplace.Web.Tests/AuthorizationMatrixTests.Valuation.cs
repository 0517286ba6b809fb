using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

/// <summary>
/// Valuations. The demo valuation is of the university's open-licence patent: its members see it, its owners and admins
/// change it, operators see and change every valuation, and another organisation sees nothing of it.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static IReadOnlyList<Row> ValuationRows =>
    [
        new("GET", "/valuations", _ => "/valuations", Via.Cookie, "302 200 200 200 200 200"),
        // Making a valuation: operators, and those who act for an organisation (members do not); ownership of the patents is checked next.
        new("GET", "/valuations/new", _ => $"/valuations/new?patents={DemoData.OpenLicensePatentId}", Via.Cookie, "302 403 200 403 200 200"),
        // An empty form: allowed callers get the form (or that the patent is not in this index), nothing is saved.
        new("POST", "/valuations/new", _ => $"/valuations/new?patents={DemoData.OpenLicensePatentId}", Via.Cookie, "302 403 200 403 200 200", () => []),
        new("GET", "/valuations/{id:guid}", i => $"/valuations/{i["valuation"]}", Via.Cookie, "302 200 200 403 200 200"),
        new("GET", "/valuations/{id:guid}", _ => $"/valuations/{Guid.NewGuid()}", Via.Cookie, "302 404 404 404 404 404"),
        // An empty form: those who may change it get the page with a message on every field, nothing is saved.
        new("POST", "/valuations/{id:guid}", i => $"/valuations/{i["valuation"]}", Via.Cookie, "302 403 200 403 200 200", () => []),
        new("GET", "/valuations/{id:guid}", i => $"/valuations/{i["valuation"]}?handler=Report", Via.Cookie, "302 200 200 403 200 200"),
    ];

    private static async Task<IReadOnlyDictionary<string, string>> ValuationIdsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var valuation = await db.PatentValuations.FirstAsync(v => v.Patents.Any(p => p.PatentId == DemoData.OpenLicensePatentId));
        return new Dictionary<string, string> { ["valuation"] = valuation.Id.ToString() };
    }
}
