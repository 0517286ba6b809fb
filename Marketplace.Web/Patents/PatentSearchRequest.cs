using Microsoft.Extensions.Primitives;
using Search.Indexer.Engine;

namespace Marketplace.Web.Patents;

/// <summary>
/// The search page's query string, parsed and validated: <c>q</c>, <c>f.{field}</c> (repeatable),
/// <c>sort</c> (relevance, newest, oldest, filed, value), <c>page</c> (1-based) and <c>size</c>.
/// </summary>
public sealed record PatentSearchRequest
{
    public const string FilterPrefix = "f.";
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static readonly IReadOnlyList<string> SortNames = ["relevance", "newest", "oldest", "filed", "value"];

    /// <summary>Every facet field the engines index (<see cref="PatentFacets.All"/>), in display order.</summary>
    public static readonly IReadOnlyList<string> FacetNames = [.. PatentFacets.All.Select(f => f.Name)];

    public string? Text { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public string Sort { get; init; } = "relevance";
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    public SearchSort EngineSort => Sort switch
    {
        "newest" => SearchSort.PublicationDateDescending,
        "oldest" => SearchSort.PublicationDateAscending,
        "filed" => SearchSort.ApplicationDateDescending,
        "value" => SearchSort.ValueIndexDescending,
        _ => SearchSort.Relevance,
    };

    public PatentQuery ToQuery() => new()
    {
        Text = Text,
        Filters = Filters,
        Sort = EngineSort,
        Page = Page,
        PageSize = PageSize,
        Facets = FacetNames,
        FacetSize = 10,
        Highlight = true,
    };

    /// <summary>Parses the query string; problems come back as (key, English message) pairs, localised by the page.</summary>
    public static PatentSearchRequest Parse(IEnumerable<KeyValuePair<string, StringValues>> query, out IReadOnlyList<SearchInputError> errors)
    {
        var problems = new List<SearchInputError>();
        string? text = null;
        var filters = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var sort = "relevance";
        var page = 1;
        var size = DefaultPageSize;

        foreach (var (key, values) in query)
        {
            if (key == "q")
            {
                text = values.LastOrDefault()?.Trim();
                if (string.IsNullOrEmpty(text)) text = null;
            }
            else if (key.StartsWith(FilterPrefix, StringComparison.Ordinal))
            {
                var field = key[FilterPrefix.Length..];
                if (!FacetNames.Contains(field))
                {
                    problems.Add(new SearchInputError(SearchInputProblem.UnknownFilterField, key));
                    continue;
                }
                var kept = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
                if (kept.Count > 0) filters[field] = kept;
            }
            else if (key == "sort")
            {
                var s = values.LastOrDefault();
                if (!string.IsNullOrEmpty(s))
                {
                    if (SortNames.Contains(s)) sort = s;
                    else problems.Add(new SearchInputError(SearchInputProblem.UnknownSort, s));
                }
            }
            else if (key == "page")
            {
                if (!int.TryParse(values.LastOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page) || page < 1)
                {
                    problems.Add(new SearchInputError(SearchInputProblem.BadPage, values.LastOrDefault() ?? ""));
                    page = 1;
                }
            }
            else if (key == "size")
            {
                if (!int.TryParse(values.LastOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxPageSize)
                {
                    problems.Add(new SearchInputError(SearchInputProblem.BadPageSize, values.LastOrDefault() ?? ""));
                    size = DefaultPageSize;
                }
            }
        }

        if (problems.Count == 0 && (long)page * size > PatentQuery.MaxResultWindow)
            problems.Add(new SearchInputError(SearchInputProblem.BeyondResultWindow, page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        errors = problems;
        return new PatentSearchRequest { Text = text, Filters = filters, Sort = sort, Page = page, PageSize = size };
    }
}

public enum SearchInputProblem
{
    UnknownFilterField,
    UnknownSort,
    BadPage,
    BadPageSize,
    BeyondResultWindow,
}

/// <summary>One problem with the query string and the value that caused it.</summary>
public sealed record SearchInputError(SearchInputProblem Problem, string Value);
