using Marketplace.Web.Patents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Patents;

/// <summary>One long text of a record whole: what "show all" on the patent page and in the comparison opens.</summary>
public sealed class FullTextModel(PatentSearchService search) : PageModel
{
    public PatentRecord Record { get; private set; } = null!;
    public string Part { get; private set; } = "";
    public string? Which { get; private set; }
    public string Text { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, string part, [FromQuery] string? lang, [FromQuery] string? name, CancellationToken cancellationToken)
    {
        var (record, _) = await search.FindAsync(id, cancellationToken);
        if (record is null || !string.Equals(record.Id, id, StringComparison.Ordinal)) return NotFound();
        Which = part == LongText.Field ? name : lang;
        if (LongText.Find(record, part, Which, PatentLabels.TextLanguage) is not { } text) return NotFound();
        (Record, Part, Text) = (record, part, text);
        return Page();
    }
}
