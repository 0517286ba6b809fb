namespace Marketplace.Web.Tests;

/// <summary>
/// The universities' needs feed and the deal's signed-contract download. The feed is for members of a
/// university or institute (the demo university's people); an enterprise or platform staff without such an
/// organisation is refused. The contract belongs to the operators' pipeline: the demo deal has none (404).
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static IReadOnlyList<Row> NeedsFeedRows =>
    [
        new("GET", "/needs/feed", _ => "/needs/feed", Via.Cookie, "302 200 200 403 403 403"),
        new("GET", "/needs/feed", _ => "/needs/feed?outcome=Transfer&openDeadline=false&page=2", Via.Cookie, "302 200 200 403 403 403"),
        new("GET", "/deals/{id:guid}", i => $"/deals/{i["deal"]}?handler=Contract", Via.Cookie, "302 403 403 403 404 404"),
    ];
}
