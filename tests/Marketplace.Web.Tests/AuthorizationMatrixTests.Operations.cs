namespace Marketplace.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // Operations (ADR-016): the metrics scrape and backups are for operators and administrators signed in with two
    // factors (or a tool holding the operations token, which OperationsSite tests); anyone else is sent to sign in (a
    // POST without a session gets 401, as elsewhere) or refused.
    private static IReadOnlyList<Row> OperationsRows =>
    [
        new("GET", "/metrics", _ => "/metrics", Via.Cookie, "302 403 403 403 200 200"),
        new("POST", "/ops/backup", _ => "/ops/backup", Via.Cookie, "401 403 403 403 200 200"),
    ];
}
