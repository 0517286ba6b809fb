using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Contests;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Contests;

/// <summary>Observers (investors, industrial parks) browse the eligible entries and tag their interest; each tag is a lead for the operators.</summary>
[Authorize]
public sealed class ObserveModel(ContestService contests, EntryService entryService, ObserverService observerService, IStringLocalizer<SharedResource> localizer) : ContestPageModel(contests, localizer)
{
    public IReadOnlyList<ContestEntry> Entries { get; private set; } = [];

    public IReadOnlyDictionary<Guid, ObserverInterest> Mine { get; private set; } = new Dictionary<Guid, ObserverInterest>();

    public async Task<IActionResult> OnGetAsync(Guid id, string? message)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        if (!IsObserver) return Forbid();
        Message = message == "tagged" ? L["Your interest is recorded; the operators will be in touch."].Value : null;
        await ShowAsync();
        return Page();
    }

    private async Task ShowAsync()
    {
        Entries = (await entryService.EntriesAsync(Contest.Id)).Where(e => e.Eligible).ToList();
        Mine = (await observerService.InterestsAsync(Contest.Id, UserId)).ToDictionary(i => i.EntryId);
    }

    public async Task<IActionResult> OnPostTagAsync(Guid id, Guid entryId, string? tags, string? note)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        if (!IsObserver) return Forbid();
        try
        {
            await observerService.TagInterestAsync(Contest, UserId!.Value, entryId, tags ?? "", note ?? "");
            return Redirect($"/contests/{id}/observe?message=tagged");
        }
        catch (ContestRuleException ex)
        {
            Refused(ex);
            await ShowAsync();
            return Page();
        }
    }
}
