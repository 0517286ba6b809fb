using Marketplace.Web.Patents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Patents;

public sealed class DetailModel(PatentSearchService search) : PageModel
{
    public PatentRecord Record { get; private set; } = null!;

    /// <summary>Several publications share the number given (e.g. the A and B of one application): the visitor picks.</summary>
    public IReadOnlyList<PatentRecord> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var (record, candidates) = await search.FindAsync(id, cancellationToken);
        if (record is not null)
        {
            // Any other written form of the number settles on the canonical address.
            if (!string.Equals(record.Id, id, StringComparison.Ordinal))
                return RedirectPermanent("/patents/" + Uri.EscapeDataString(record.Id));
            Record = record;
            return Page();
        }
        if (candidates.Count > 1)
        {
            Candidates = candidates;
            return Page();
        }
        return NotFound();
    }
}
