using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Contests;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Contests;

/// <summary>A judge's tasks in the current stage: the entries assigned to them and whether they have scored each.</summary>
[Authorize]
public sealed class JudgeModel(ContestService contests, EntryService entryService, JudgingService judgingService, IStringLocalizer<SharedResource> localizer) : ContestPageModel(contests, localizer)
{
    public ContestStage? Stage { get; private set; }

    public IReadOnlyList<(ContestEntry Entry, bool Scored)> Tasks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        if (!IsJudge) return Forbid();
        Stage = Contest.CurrentStage ?? Contest.Stages[^1];
        var mine = await judgingService.AssignmentsAsync(id, Stage.Id, UserId);
        var entries = (await entryService.EntriesAsync(id)).ToDictionary(e => e.Id);
        var tasks = new List<(ContestEntry, bool)>();
        foreach (var a in mine)
        {
            var scores = await judgingService.VisibleScoresAsync(Contest, Stage, a.EntryId, UserId, viewerIsOperator: false);
            tasks.Add((entries[a.EntryId], scores.Any(s => s.JudgeUserId == UserId)));
        }
        Tasks = tasks;
        return Page();
    }
}
