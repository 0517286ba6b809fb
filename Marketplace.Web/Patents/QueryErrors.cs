using Search.Indexer.Engine;

namespace Marketplace.Web.Patents;

/// <summary>Which engine exceptions mean "the query is malformed" (the user's to fix) rather than a fault.</summary>
internal static class QueryErrors
{
    public static bool IsSyntaxError(Exception ex) => ex is QuerySyntaxException;
}
