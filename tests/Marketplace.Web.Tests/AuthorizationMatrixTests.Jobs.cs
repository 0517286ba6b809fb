namespace Marketplace.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // Background jobs (ADR-019): operators (with two-factor sign-in) only. The post names a job that does not exist, so
    // an allowed caller is redirected back to the page with "no longer exists" and nothing runs.
    private static IReadOnlyList<Row> JobsRows =>
    [
        new("GET", "/admin/jobs", _ => "/admin/jobs", Via.Cookie, "302 403 403 403 200 200"),
        new("POST", "/admin/jobs", _ => "/admin/jobs?handler=Run", Via.Cookie, "302 403 403 403 302 302",
            () => new() { ["group"] = "matrix", ["name"] = "no-such-job" }),
    ];
}
