namespace Marketplace.Web.Tests;

/// <summary>
/// Pledge financing and patent-intensive products. The register is kept by operators and bank organisations (no bank
/// is among the matrix's callers: the bank's own access is tested in Pledges/PledgeRegisterTests); products are
/// recorded by an enterprise's owners and admins, so here the enterprise member sees its products but cannot record one.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static IReadOnlyList<Row> PledgesRows =>
    [
        new("GET", "/pledges", _ => "/pledges", Via.Cookie, "302 403 403 403 200 200"),
        // An empty form: operators get the page with the field messages, nothing is saved.
        new("POST", "/pledges", _ => "/pledges", Via.Cookie, "302 403 403 403 200 200", () => []),
        // No file: operators get the page asking for one.
        new("POST", "/pledges", _ => "/pledges?handler=Import", Via.Cookie, "302 403 403 403 200 200", () => []),
        // Releasing a pledge that does not exist.
        new("POST", "/pledges", _ => $"/pledges?handler=Release&id={Guid.NewGuid()}", Via.Cookie, "302 403 403 403 404 404", () => []),
        new("GET", "/products", _ => "/products", Via.Cookie, "302 403 403 200 403 403"),
        new("POST", "/products", _ => "/products", Via.Cookie, "302 403 403 403 403 403", () => []),
        new("GET", "/admin/products", _ => "/admin/products", Via.Cookie, "302 403 403 403 200 200"),
        new("POST", "/admin/products", _ => $"/admin/products?handler=Approve&id={Guid.NewGuid()}", Via.Cookie, "302 403 403 403 404 404", () => []),
        new("GET", "/admin/products/export", _ => "/admin/products/export?format=csv", Via.Cookie, "302 403 403 403 200 200"),
    ];
}
