using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

/// <summary>
/// The marketplace part of /api/v1. Open licences are public (a token changes nothing). Needs want a
/// token with the marketplace.needs scopes, which the matrix's people's tokens (code flow with the
/// organisations and search scopes) do not carry: 401 without a token, 403 with one. Client-credentials
/// tokens with the needs scopes are covered in Api/MarketplaceApiTests.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static IReadOnlyList<Row> ApiRows =>
    [
        new("GET", "/api/v1/open-licences", _ => "/api/v1/open-licences?fee=lump-sum", Via.Bearer, "200 200 200 200 200 200"),
        new("GET", "/api/v1/open-licences/{id:guid}", i => $"/api/v1/open-licences/{i["api-open-licence"]}", Via.Bearer, "200 200 200 200 200 200"),
        new("GET", "/api/v1/open-licences/{id:guid}", _ => $"/api/v1/open-licences/{Guid.NewGuid()}", Via.Bearer, "404 404 404 404 404 404"),
        new("GET", "/api/v1/needs", _ => "/api/v1/needs", Via.Bearer, "401 403 403 403 403 403"),
        new("GET", "/api/v1/needs/{id:guid}", i => $"/api/v1/needs/{i["api-need"]}", Via.Bearer, "401 403 403 403 403 403"),
        new("POST", "/api/v1/needs", _ => "/api/v1/needs", Via.Bearer, "401 403 403 403 403 403"),
        new("POST", "/api/v1/needs/{id:guid}/close", i => $"/api/v1/needs/{i["api-need"]}/close", Via.Bearer, "401 403 403 403 403 403"),
    ];

    private static async Task<IReadOnlyDictionary<string, string>> ApiIdsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var declaration = await db.OpenLicenseDeclarations.SingleAsync(d => d.PublicationReference == DemoData.OpenLicenseReference && d.Status == DeclarationStatus.Published);
        var need = await db.Needs.SingleAsync(n => n.Title == DemoData.DemoNeedTitle);
        return new Dictionary<string, string> { ["api-open-licence"] = declaration.Id.ToString(), ["api-need"] = need.Id.ToString() };
    }
}
