namespace Marketplace.Web.Tests;

/// <summary>
/// Correcting a patent-intensive product an operator sent back: only the enterprise's owners and admins (none among the
/// matrix's callers; the enterprise member may not record) resubmit their own product, here one that does not exist.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static IReadOnlyList<Row> ProductsRows =>
    [
        new("POST", "/products", _ => $"/products?handler=Resubmit&id={Guid.NewGuid()}", Via.Cookie, "302 403 403 403 403 403", () => []),
    ];
}
