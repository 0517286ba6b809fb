using Search.Indexer.Records;

namespace Search.Indexer.Engine;

/// <summary>
/// One query model for every engine: free text in the product's query syntax, structured filters,
/// facets, sorting and paging.
/// </summary>
/// <remarks>
/// Query syntax (see <see cref="QuerySyntax"/>): words and "phrases" across titles, abstracts and
/// first claims in Chinese and English; <c>AND</c>/<c>OR</c>/<c>NOT</c>, <c>+</c>/<c>-</c>, parentheses;
/// fields <c>title:</c> <c>abstract:</c> <c>claim:</c> <c>applicant:</c> <c>inventor:</c>
/// <c>ipc:</c> and <c>cpc:</c> (prefix on the hierarchy: <c>ipc:H01L</c>, <c>ipc:H01L21</c>),
/// <c>pn:</c> (number in any form), <c>country:</c> <c>type:</c> <c>status:</c>, and date ranges
/// <c>ad:</c>/<c>pd:</c>/<c>gd:</c> as <c>[2020 TO 2023]</c>, <c>[20200101 TO 20230630]</c>, <c>&gt;=2021</c>.
/// A weight after a word, phrase or group (<c>电池^3</c>, <c>"储能 系统"^0.5</c>, <c>(a OR b)^2</c>, up to 100)
/// multiplies its part of the score without changing which records match.
/// </remarks>
public sealed record PatentQuery
{
    public string? Text { get; init; }

    /// <summary>Facet field → values; values of one field are ORed, fields are ANDed.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public DateRange? ApplicationDate { get; init; }
    public DateRange? PublicationDate { get; init; }
    public DateRange? GrantDate { get; init; }

    public SearchSort Sort { get; init; } = SearchSort.Relevance;

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    /// <summary>Facet fields to count (see <see cref="FacetFields"/>); empty for none.</summary>
    public IReadOnlyList<string> Facets { get; init; } = [];
    public int FacetSize { get; init; } = 10;

    public bool Highlight { get; init; } = true;

    /// <summary>Paging, facet size and field names every engine accepts; throws <see cref="ArgumentException"/> naming the problem.</summary>
    public void Validate()
    {
        if (Page < 1)
            throw new ArgumentException($"Page must be 1 or more (was {Page})");
        if (PageSize is < 1 or > MaxPageSize)
            throw new ArgumentException($"PageSize must be between 1 and {MaxPageSize} (was {PageSize})");
        if ((long)Page * PageSize > MaxResultWindow)
            throw new ArgumentException($"Page {Page} of size {PageSize} reaches past the first {MaxResultWindow} results; refine the query instead");
        if (FacetSize is < 1 or > 1000)
            throw new ArgumentException($"FacetSize must be between 1 and 1000 (was {FacetSize})");
        foreach (var f in Facets)
            if (PatentFacets.Find(f) is null)
                throw new ArgumentException($"Unknown facet field '{f}' (known: {string.Join(", ", PatentFacets.All.Select(d => d.Name))})");
        foreach (var f in Filters.Keys)
            if (PatentFacets.Find(f) is null)
                throw new ArgumentException($"Unknown filter field '{f}' (known: {string.Join(", ", PatentFacets.All.Select(d => d.Name))})");
    }

    public const int MaxPageSize = 200;
    public const int MaxResultWindow = 10_000;
}

public sealed record DateRange(DateOnly? From, DateOnly? To);

public enum SearchSort
{
    Relevance,
    PublicationDateDescending,
    PublicationDateAscending,
    ApplicationDateDescending,
    ApplicationDateAscending,
    /// <summary>Highest value index first (<see cref="LabelFacets.ValueIndexScore"/>); records without one last.</summary>
    ValueIndexDescending,
}

/// <summary>The facet (and filter) fields every engine supports. Later features add more (chain, licence, value flags).</summary>
public static class FacetFields
{
    public const string IpcSubclass = "ipc_subclass";
    public const string Applicant = "applicant";
    public const string ApplicantType = "applicant_type";
    public const string Year = "year";
    public const string DocumentType = "doc_type";
    public const string LegalStatus = "legal_status";
    public const string Country = "country";

    public static readonly IReadOnlyList<string> All = [IpcSubclass, Applicant, ApplicantType, Year, DocumentType, LegalStatus, Country];
}

public sealed record SearchResult
{
    public long Total { get; init; }
    public IReadOnlyList<SearchHit> Hits { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets { get; init; } = new Dictionary<string, IReadOnlyList<FacetValue>>();
    public TimeSpan Took { get; init; }
}

/// <summary>A hit with its record and highlighted fragments (field → HTML with &lt;mark&gt;, text otherwise encoded).</summary>
public sealed record SearchHit(PatentRecord Record, float Score, IReadOnlyDictionary<string, string> Highlights);

public sealed record FacetValue(string Value, long Count);
