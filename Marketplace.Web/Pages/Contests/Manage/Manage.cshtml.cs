using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Accounts;
using Marketplace.Web.Contests;
using Marketplace.Web.Exports;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Contests.Manage;

/// <summary>
/// The operator's desk for one contest: settings and rubrics while drafting, announcement, invitations of
/// judges and observers, conflicts, judging (assign, close the stage, advance), results and lead exports.
/// </summary>
[Authorize(Policy = StaffAccess.OperatorPolicy)]
public sealed class ManageModel(ContestService contests, EntryService entryService, JudgingService judgingService, ObserverService observerService, ContestExports exports, PeopleDirectory directory, UserManager<MarketplaceUser> users, IStringLocalizer<SharedResource> localizer)
    : ContestPageModel(contests, localizer)
{
    public IReadOnlyList<ContestEntry> Entries { get; private set; } = [];

    public IReadOnlyList<RankedEntry> Ranking { get; private set; } = [];

    public IReadOnlyList<JudgeAssignment> Assignments { get; private set; } = [];

    public IReadOnlyDictionary<Guid, (string Name, string Email)> People { get; private set; } = new Dictionary<Guid, (string, string)>();

    public int LeadCount { get; private set; }

    /// <summary>The desk; after a settings change, <c>entries</c>, <c>eligible</c> and <c>before</c> say how many entries were checked again and how many are eligible now and were before.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, string? message, int? entries, int? eligible, int? before)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        Message = message switch
        {
            "settings" when entries is > 0 => L["Settings saved. The {0} entries were checked again under the new rules: {1} eligible (before: {2}).", entries, eligible ?? 0, before ?? 0].Value,
            "settings" => L["Settings saved."].Value,
            "created" => L["Contest created as a draft."].Value,
            "saved" => L["Saved."].Value,
            "announced" => L["The contest is announced; entries are open."].Value,
            "invited" => L["Invitation sent."].Value,
            "judging" => L["Judging started; entries were assigned to judges."].Value,
            "closed" => L["The stage is closed."].Value,
            "published" => L["The results are published."].Value,
            _ => null,
        };
        await ShowAsync();
        return Page();
    }

    private async Task ShowAsync()
    {
        Entries = await entryService.EntriesAsync(Contest.Id);
        var stage = Contest.CurrentStage ?? Contest.Stages[^1];
        Ranking = await judgingService.RankingAsync(Contest, stage);
        Assignments = await judgingService.AssignmentsAsync(Contest.Id, stage.Id);
        People = await directory.FindAsync(Contest.Participants.Where(p => p.UserId is not null).Select(p => p.UserId!.Value));
        LeadCount = (await observerService.InterestsAsync(Contest.Id)).Count;
    }

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, string message)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        try
        {
            await action();
            return Redirect($"/contests/{id}/manage?message={message}");
        }
        catch (ContestRuleException ex)
        {
            Refused(ex);
            await ShowAsync();
            return Page();
        }
    }

    public Task<IActionResult> OnPostConfigureAsync(Guid id, bool normalize, int judgesPerEntry, int gold, int silver, int excellence) =>
        ActAsync(id, () => Contests.ConfigureAsync(Contest, normalize, judgesPerEntry, gold, silver, excellence), "saved");

    public async Task<IActionResult> OnPostSettingsAsync(Guid id, string? name, string? description, string? groups, bool requireInForce, string? region,
        List<DocumentType>? documentTypes, List<OrganizationType>? ownerTypes)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        try
        {
            var rules = Contest.Rules with
            {
                RequireInForce = requireInForce,
                RegionKeyword = string.IsNullOrWhiteSpace(region) ? null : region.Trim(),
                DocumentTypes = documentTypes ?? [],
                OwnerTypes = ownerTypes ?? [],
            };
            var recheck = await Contests.ChangeSettingsAsync(Contest, name ?? "", description ?? "", (groups ?? "").Split('\n'), rules);
            return Redirect($"/contests/{id}/manage?message=settings&entries={recheck.Entries}&eligible={recheck.EligibleAfter}&before={recheck.EligibleBefore}");
        }
        catch (ContestRuleException ex)
        {
            Refused(ex);
            await ShowAsync();
            return Page();
        }
    }

    public Task<IActionResult> OnPostRubricAsync(Guid id, Guid stageId, string? rubric) =>
        ActAsync(id, () => Contests.ChangeRubricAsync(Contest, stageId, Rubric.Parse(rubric ?? "")), "saved");

    public Task<IActionResult> OnPostAnnounceAsync(Guid id) => ActAsync(id, () => Contests.AnnounceAsync(Contest), "announced");

    public Task<IActionResult> OnPostInviteAsync(Guid id, string? email, ParticipantRole role) =>
        ActAsync(id, async () =>
        {
            var inviter = (await users.GetUserAsync(User))!;
            await Contests.InviteAsync(Contest, inviter, email ?? "", role, token => Url.Page("/Contests/Invitation", null, new { token }, Request.Scheme)!);
        }, "invited");

    public Task<IActionResult> OnPostConflictAsync(Guid id, Guid judgeUserId, Guid organizationId) =>
        ActAsync(id, () => Contests.DeclareConflictAsync(Contest, judgeUserId, organizationId), "saved");

    public Task<IActionResult> OnPostStartJudgingAsync(Guid id) => ActAsync(id, () => judgingService.StartJudgingAsync(Contest), "judging");

    public Task<IActionResult> OnPostCloseStageAsync(Guid id) => ActAsync(id, () => judgingService.CloseStageAsync(Contest), "closed");

    public Task<IActionResult> OnPostPublishAsync(Guid id) => ActAsync(id, () => judgingService.PublishResultsAsync(Contest), "published");

    /// <summary>The current ranking or final results, for operators at any time.</summary>
    public async Task<IActionResult> OnGetResultsAsync(Guid id, string? format)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        var table = ContestExports.Format(format);
        return File(exports.Results(Contest, await entryService.EntriesAsync(id), format), TableExport.ContentType(table), $"results-{id:N}.{TableExport.Extension(table)}");
    }

    /// <summary>Observers' interests as a lead list for brokering.</summary>
    public async Task<IActionResult> OnGetLeadsAsync(Guid id, string? format)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        var table = ContestExports.Format(format);
        return File(exports.Leads(Contest, await observerService.LeadsAsync(Contest), format), TableExport.ContentType(table), $"leads-{id:N}.{TableExport.Extension(table)}");
    }
}
