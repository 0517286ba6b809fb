using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Contests;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Contests;

/// <summary>Downloads an entry's PDF (kept outside the web root): the entrant's members, operators and the entry's judges only.</summary>
[Authorize]
public sealed class DocumentModel(ContestService contests, EntryService entryService, IStringLocalizer<SharedResource> localizer) : ContestPageModel(contests, localizer)
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid entryId, Guid documentId)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        var entry = await entryService.EntryAsync(id, entryId);
        if (entry is null) return NotFound();
        if (!await entryService.MaySeeEntryAsync(entry, UserId, IsOperator)) return Forbid();
        var document = entry.Documents.FirstOrDefault(d => d.Id == documentId);
        if (document is null || await entryService.ReadDocumentAsync(id, document) is not { } content) return NotFound();
        return File(content, "application/pdf", document.FileName);
    }
}
