using Microsoft.AspNetCore.Http.Extensions;

namespace Marketplace.Web.Patents;

/// <summary>Links from one search to the next: add or remove a filter, change sort or page, always as plain query strings.</summary>
public sealed class SearchLinks(PatentSearchRequest request)
{
    public const string Path = "/search";

    public string WithFilter(string field, string value)
    {
        var filters = Copy();
        var values = filters.TryGetValue(field, out var v) ? v : [];
        if (!values.Contains(value)) values.Add(value);
        filters[field] = values;
        return Build(request.Text, filters, request.Sort, 1, request.PageSize);
    }

    public string WithoutFilter(string field, string value)
    {
        var filters = Copy();
        if (filters.TryGetValue(field, out var values))
        {
            values.Remove(value);
            if (values.Count == 0) filters.Remove(field);
        }
        return Build(request.Text, filters, request.Sort, 1, request.PageSize);
    }

    public string WithSort(string sort) => Build(request.Text, Copy(), sort, 1, request.PageSize);

    public string WithPage(int page) => Build(request.Text, Copy(), request.Sort, page, request.PageSize);

    public bool IsActive(string field, string value) => request.Filters.TryGetValue(field, out var v) && v.Contains(value);

    private Dictionary<string, List<string>> Copy() =>
        request.Filters.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);

    private static string Build(string? text, Dictionary<string, List<string>> filters, string sort, int page, int size)
    {
        var qb = new QueryBuilder();
        if (!string.IsNullOrEmpty(text)) qb.Add("q", text);
        foreach (var (field, values) in filters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            qb.Add(PatentSearchRequest.FilterPrefix + field, values);
        if (sort != "relevance") qb.Add("sort", sort);
        if (page > 1) qb.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (size != PatentSearchRequest.DefaultPageSize) qb.Add("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Path + qb.ToQueryString();
    }
}
