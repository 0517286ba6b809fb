using Marketplace.Web.Localization;
using Marketplace.Web.Patents;
using Marketplace.Web.Samples;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Search.Indexer.Engine;

namespace Marketplace.Web.Pages.Patents;

public sealed class SearchModel(PatentSearchService search, SampleLoadStatus samples, IStringLocalizer<SharedResource> l) : PageModel
{
    public PatentSearchRequest Input { get; private set; } = new();
    public SearchLinks Links { get; private set; } = new(new PatentSearchRequest());
    public SearchResult? Result { get; private set; }
    public IReadOnlyList<string> InputErrors { get; private set; } = [];
    public string? QueryError { get; private set; }
    public SampleLoadStatus Samples => samples;
    public AdvancedSearch Advanced { get; private set; } = new();
    public IReadOnlyList<string> AdvancedErrors { get; private set; } = [];

    /// <summary>A ?culture= this request carried, passed on by the forms and links that leave the page.</summary>
    public string? CultureParameter => Request.Query.TryGetValue("culture", out var c) && !string.IsNullOrEmpty(c) ? c.ToString() : null;

    /// <summary>The export of this very search (its query, filters and sort) in a format.</summary>
    public string ExportLink(string format)
    {
        var qb = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder { { "format", format } };
        if (!string.IsNullOrEmpty(Input.Text)) qb.Add("q", Input.Text);
        foreach (var (field, values) in Input.Filters) qb.Add(PatentSearchRequest.FilterPrefix + field, values);
        if (Input.Sort != "relevance") qb.Add("sort", Input.Sort);
        if (CultureParameter is { } culture) qb.Add("culture", culture);
        return PatentSearchHostingExtensions.ExportPath + qb.ToQueryString();
    }

    public int PageCount => Result is null ? 0 : (int)Math.Min(
        (Result.Total + Input.PageSize - 1) / Input.PageSize,
        PatentQuery.MaxResultWindow / Input.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // The advanced form composes the ordinary query syntax and comes back as a plain search link.
        if (AdvancedSearch.IsAdvanced(HttpContext.Request.Query))
        {
            Advanced = AdvancedSearch.Parse(HttpContext.Request.Query);
            var composed = Advanced.Compose(out var problems);
            if (problems.Count > 0)
            {
                AdvancedErrors = [.. problems.Select(p => l[p.Format, p.Value].Value)];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            return Redirect(SearchLinks.Path + (composed.Length > 0 ? "?q=" + Uri.EscapeDataString(composed) : ""));
        }

        Input = PatentSearchRequest.Parse(HttpContext.Request.Query, out var errors);
        Links = new SearchLinks(Input);
        if (errors.Count > 0)
        {
            InputErrors = [.. errors.Select(Describe)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await search.SearchAsync(Input, cancellationToken);
        if (outcome.RedirectToId is { } id)
            return Redirect("/patents/" + Uri.EscapeDataString(id));
        if (outcome.QueryError is { } message)
        {
            QueryError = message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Result = outcome.Result;
        return Page();
    }

    private string Describe(SearchInputError e) => e.Problem switch
    {
        SearchInputProblem.UnknownFilterField => l["Unknown filter “{0}”. Filters are: {1}.", e.Value,
            string.Join(", ", PatentSearchRequest.FacetNames.Select(f => PatentSearchRequest.FilterPrefix + f))],
        SearchInputProblem.UnknownSort => l["Unknown sort order “{0}”. Use one of: {1}.", e.Value, string.Join(", ", PatentSearchRequest.SortNames)],
        SearchInputProblem.BadPage => l["Page “{0}” is not valid: use a whole number from 1.", e.Value],
        SearchInputProblem.BadPageSize => l["Page size “{0}” is not valid: use a whole number from 1 to {1}.", e.Value, PatentSearchRequest.MaxPageSize],
        SearchInputProblem.BeyondResultWindow => l["Page {0} is beyond the first {1} results; narrow the search instead.", e.Value, PatentQuery.MaxResultWindow],
        _ => e.Problem.ToString(),
    };
}
