namespace Marketplace.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // The search feature: exports, compare, "more like this" and the public /api/v1 are open to everyone
    // (under the search rate limit); the API answers a bearer token exactly as it answers no token.
    private static IReadOnlyList<Row> SearchRows =>
    [
        new("GET", "/search/export", _ => "/search/export?format=csv&limit=1", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/patents/compare", _ => "/patents/compare?ids=CN000000000A", Via.Cookie, "400 400 400 400 400 400"),
        // The whole text of a long abstract, claim or source field: public like the patent page it belongs to.
        new("GET", "/patents/{id}/text/{part}", _ => "/patents/CN000000000A/text/abstract", Via.Cookie, "404 404 404 404 404 404"),
        new("GET", "/patents/{id}/similar", _ => "/patents/CN000000000A/similar", Via.Cookie, "404 404 404 404 404 404"),
        new("GET", "/api/v1/patents", _ => "/api/v1/patents?q=x", Via.Bearer, "200 200 200 200 200 200"),
        new("GET", "/api/v1/patents/{number}", _ => "/api/v1/patents/CN000000000A", Via.Bearer, "404 404 404 404 404 404"),
        new("GET", "/api/{documentName}/openapi.json", _ => "/api/v1/openapi.json", Via.Bearer, "200 200 200 200 200 200"),
    ];
}
