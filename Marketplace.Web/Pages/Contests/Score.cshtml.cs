using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Contests;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Contests;

/// <summary>
/// A judge scores one assigned entry per criterion with comments, seeing its patents' value index, high-value
/// flags and industry chain. Other judges' scores appear only once the stage is closed (the service decides).
/// </summary>
[Authorize]
public sealed class ScoreModel(ContestService contests, EntryService entryService, JudgingService judgingService, IStringLocalizer<SharedResource> localizer) : ContestPageModel(contests, localizer)
{
    public ContestEntry Entry { get; private set; } = null!;

    public ContestStage Stage { get; private set; } = null!;

    public IReadOnlyDictionary<string, PatentRecord> Patents { get; private set; } = new Dictionary<string, PatentRecord>();

    public Score? Mine { get; private set; }

    /// <summary>Other judges' scores, non-empty only after the stage closed.</summary>
    public IReadOnlyList<Score> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid entryId, string? message)
    {
        if (await LoadAsync(id, entryId) is { } denied) return denied;
        Message = message == "saved" ? L["Your scores are saved."].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid entryId, string? comment)
    {
        if (await LoadAsync(id, entryId) is { } denied) return denied;
        var items = new List<CriterionScore>();
        for (var i = 0; i < Stage.Rubric.Criteria.Count; i++)
        {
            var criterion = Stage.Rubric.Criteria[i];
            if (!int.TryParse(Request.Form[$"value{i}"], System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                ModelState.AddModelError("", L["{0} is scored from 0 to {1}.", L[criterion.Name].Value, criterion.MaxScore]);
                return Page();
            }
            items.Add(new CriterionScore(criterion.Name, value, Request.Form[$"comment{i}"].ToString()));
        }
        try
        {
            await judgingService.ScoreAsync(Contest, UserId!.Value, entryId, items, comment);
            return Redirect($"/contests/{id}/judge/{entryId}?message=saved");
        }
        catch (ContestRuleException ex)
        {
            Refused(ex);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid entryId)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        if (!IsJudge) return Forbid();
        var entry = await entryService.EntryAsync(id, entryId);
        if (entry is null) return NotFound();
        if (!await judgingService.IsAssignedAsync(id, entryId, UserId!.Value)) return Forbid();
        Entry = entry;
        // The stage being judged, or the last one the judge took part in once everything is closed.
        Stage = Contest.CurrentStage is { Status: StageStatus.Judging } current ? current : Contest.Stages.LastOrDefault(s => s.Status == StageStatus.Closed) ?? Contest.Stages[0];
        var visible = await judgingService.VisibleScoresAsync(Contest, Stage, entryId, UserId, viewerIsOperator: false);
        Mine = visible.FirstOrDefault(s => s.JudgeUserId == UserId);
        Others = visible.Where(s => s.JudgeUserId != UserId).ToList();
        Patents = await entryService.PatentsAsync(entry.PatentIds);
        return null;
    }
}
