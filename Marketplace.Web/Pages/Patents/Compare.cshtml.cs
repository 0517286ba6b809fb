using Marketplace.Web.Localization;
using Marketplace.Web.Patents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Patents;

/// <summary><c>/patents/compare?ids=…&amp;ids=…</c>: two to four patents side by side, numbers in any written form.</summary>
public sealed class CompareModel(PatentSearchService search, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxPatents = 4;

    public IReadOnlyList<PatentRecord> Patents { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string[] ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var problems = new List<string>();
        if (wanted.Count < 2) problems.Add(l["Pick at least two patents to compare."]);
        if (wanted.Count > MaxPatents) problems.Add(l["At most {0} patents can be compared at once; you picked {1}.", MaxPatents, wanted.Count]);
        var found = new List<PatentRecord>();
        foreach (var id in wanted.Take(MaxPatents))
        {
            var (record, candidates) = await search.FindAsync(id, cancellationToken);
            if (record is not null) found.Add(record);
            else if (candidates.Count > 1) problems.Add(l["“{0}” matches several patents: pick one of {1}.", id, string.Join(", ", candidates.Select(c => c.Id))]);
            else problems.Add(l["No patent has the number “{0}”.", id]);
        }
        Patents = found.DistinctBy(r => r.Id).ToList();
        Problems = problems;
        if (problems.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
