using Marketplace.Web.Contests;
using Marketplace.Web.Exports;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Contests;

/// <summary>
/// The public announcement: description, groups, stages and dates, eligibility rules; the finalists once
/// the final stage is reached; the winners, the results export and each winner's certificate once published.
/// </summary>
public sealed class DetailsModel(ContestService contests, EntryService entryService, ContestExports exports, IStringLocalizer<SharedResource> localizer) : ContestPageModel(contests, localizer)
{
    public IReadOnlyList<ContestEntry> Finalists { get; private set; } = [];

    public IReadOnlyList<ContestEntry> Winners { get; private set; } = [];

    public int EntryCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        var entries = (await entryService.EntriesAsync(id)).Where(e => e.Eligible).ToList();
        EntryCount = entries.Count;
        var last = Contest.Stages[^1];
        Finalists = last.Order > 1 && entries.Any(e => e.StageReached == last.Order)
            ? entries.Where(e => e.StageReached == last.Order).OrderBy(e => e.Title, StringComparer.Ordinal).ToList()
            : [];
        if (Contest.Status == ContestStatus.ResultsPublished)
            Winners = entries.Where(e => e.Award is not null).OrderBy(e => e.FinalRank).ToList();
        return Page();
    }

    /// <summary>The published results as CSV or Excel; before publication only operators (on the manage page).</summary>
    public async Task<IActionResult> OnGetResultsAsync(Guid id, string? format)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        if (Contest.Status != ContestStatus.ResultsPublished) return NotFound();
        var table = ContestExports.Format(format);
        var entries = (await entryService.EntriesAsync(id)).Where(e => e.FinalRank is not null).ToList();
        return File(exports.Results(Contest, entries, format), TableExport.ContentType(table), $"results-{id:N}.{TableExport.Extension(table)}");
    }

    public async Task<IActionResult> OnGetCertificateAsync(Guid id, Guid entryId)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        var entry = await entryService.EntryAsync(id, entryId);
        if (entry?.Award is null || Contest.Status != ContestStatus.ResultsPublished) return NotFound();
        return File(exports.Certificate(Contest, entry), "application/pdf", $"certificate-{entry.Id:N}.pdf");
    }
}
