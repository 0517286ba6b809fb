namespace Marketplace.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // Personal information (PIPL): the notice is for everyone; each signed-in person downloads their own data and may
    // ask to delete their account. The matrix's deletion carries a wrong password, so every caller sees the refusal
    // on the page and nobody's account goes (the deletion itself is in Privacy/AccountDeletionTests).
    private static IReadOnlyList<Row> PrivacyRows =>
    [
        new("GET", "/privacy", _ => "/privacy", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/account/personal-data", _ => "/account/personal-data", Via.Cookie, "302 200 200 200 200 200"),
        new("GET", "/account/personal-data", _ => "/account/personal-data?handler=Download", Via.Cookie, "302 200 200 200 200 200"),
        new("POST", "/account/personal-data", _ => "/account/personal-data?handler=Delete", Via.Cookie, "302 200 200 200 200 200",
            () => new() { ["Input.Password"] = "not-the-password", ["Input.Confirm"] = "true" }),
    ];
}
