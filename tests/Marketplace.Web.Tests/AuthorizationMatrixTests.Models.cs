namespace Marketplace.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // Model versions: operators (with two-factor sign-in) only. The allowed post asks to activate a version that does
    // not exist, which is refused with a redirect back to the page and changes nothing.
    private static IReadOnlyList<Row> ModelsRows =>
    [
        new("GET", "/admin/models", _ => "/admin/models", Via.Cookie, "302 403 403 403 200 200"),
        new("POST", "/admin/models", _ => "/admin/models?handler=Activate", Via.Cookie, "302 403 403 403 302 302", () => new() { ["version"] = "9999" }),
    ];
}
