using Marketplace.Web.Accounts;
using Marketplace.Web.Contests;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Contests;

/// <summary>What every contest page shares: loading the contest (404 when unknown), who the person is in it, and showing refusals in their language.</summary>
public abstract class ContestPageModel(ContestService contests, IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected ContestService Contests => contests;

    protected IStringLocalizer<SharedResource> L => localizer;

    public Contest Contest { get; private set; } = null!;

    public Guid? UserId => StaffAccess.UserId(User);

    public bool IsOperator => StaffAccess.IsOperator(User);

    public bool IsJudge => UserId is { } id && Contest.Judge(id) is not null;

    public bool IsObserver => UserId is { } id && Contest.Observer(id) is not null;

    public string? Message { get; protected set; }

    /// <summary>Loads the contest; drafts exist only for operators.</summary>
    protected async Task<IActionResult?> LoadAsync(Guid id)
    {
        var contest = await contests.FindAsync(id);
        if (contest is null || (contest.Status == ContestStatus.Draft && !IsOperator)) return NotFound();
        Contest = contest;
        return null;
    }

    protected void Refused(ContestRuleException ex) => ModelState.AddModelError("", localizer[ex.Message, [.. ex.Arguments]]);

    public string Reason(EligibilityReason reason) =>
        localizer[reason.Key, Enum.TryParse<EntryDocumentKind>(reason.Argument, out var kind) ? localizer[kind.Label()].Value : reason.Argument];
}
