using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Search.Indexer.Records;

namespace Marketplace.Web.Api;

/// <summary>How every API answer is written: paging parameters, RFC 7807 problems per field, JSON with ETags.</summary>
public static class ApiResults
{
    /// <summary>The record JSON conventions, but nulls written out: the OpenAPI document lists every property as present.</summary>
    public static readonly JsonSerializerOptions Json = new(RecordJson.Options) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    /// <summary>
    /// The 1-based page and the page size (1–100), or the problems naming each bad parameter. Read as text,
    /// so that "page=abc" gets the same problem document as "page=0" rather than a bare 400 from binding.
    /// </summary>
    public static (int Page, int Size) Paging(string? page, string? size, Dictionary<string, string[]> errors)
    {
        var p = 1;
        var n = 20;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out p) || p < 1))
            errors["page"] = [$"The page is a whole number from 1, not '{page}'."];
        if (!string.IsNullOrWhiteSpace(size) && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n is < 1 or > 100))
            errors["size"] = [$"The page size is a whole number from 1 to 100, not '{size}'."];
        return (Math.Max(p, 1), Math.Clamp(n, 1, 100));
    }

    /// <summary>RFC 7807 problem details with one entry per bad field or parameter.</summary>
    public static IResult Invalid(string title, Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: title,
            detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

    /// <summary>A strong ETag over the exact JSON sent; an If-None-Match that names it gets 304 without a body.</summary>
    /// <param name="cacheControl">Public for open data; answers that depend on the token's organisation are private.</param>
    public static IResult WithETag<T>(HttpContext http, T body, string cacheControl = "public, max-age=60")
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = cacheControl;
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }
}

/// <summary>One page of a list: the total matching, the page and size asked for, and the items.</summary>
public sealed record ApiPage<T>(int Total, int Page, int Size, IReadOnlyList<T> Items);

/// <summary>How the API writes and reads enum values: kebab-case (<c>lump-sum</c>, <c>operators-only</c>), case-insensitive on the way in.</summary>
public static class ApiNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The value named <paramref name="text"/>, or null.</summary>
    public static T? Parse<T>(string text) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => string.Equals(Of(v!.Value), text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Every name, for the "Known: …" part of a refusal.</summary>
    public static string Known<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Of));
}
