using System.Diagnostics;

namespace Marketplace.Web.Operations;

/// <summary>
/// The id a person quotes when something went wrong: the W3C trace id of the request (32 hex digits), the one the
/// logs carry and a trace back end finds, shown on error pages and in API problem details.
/// </summary>
public static class TraceIds
{
    public static string Of(HttpContext http) =>
        Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : http.TraceIdentifier;
}
