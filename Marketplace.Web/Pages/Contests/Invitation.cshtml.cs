using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Accounts;
using Marketplace.Web.Contests;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Contests;

/// <summary>The link in a judge's or observer's invitation: the signed-in person with the invited address accepts.</summary>
[Authorize]
public sealed class InvitationModel(ContestService contests, UserManager<MarketplaceUser> users, IStringLocalizer<SharedResource> L) : PageModel
{
    public Contest Contest { get; private set; } = null!;

    public ContestParticipant Participant { get; private set; } = null!;

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        var found = await contests.FindInvitationAsync(token);
        if (found is null) return NotFound();
        (Contest, Participant) = found.Value;
        var user = await users.GetUserAsync(User);
        if (!Participant.IsOpen(contests.Now)) Problem = L["The invitation has expired or was already used."];
        else if (user is not null && !string.Equals(user.Email, Participant.Email, StringComparison.OrdinalIgnoreCase))
            Problem = L["This invitation was sent to {0}. Sign in with that address to accept it.", Participant.Email];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var found = await contests.FindInvitationAsync(token);
        if (found is null) return NotFound();
        (Contest, Participant) = found.Value;
        var user = (await users.GetUserAsync(User))!;
        try
        {
            await contests.AcceptAsync(Contest, Participant, user);
            return Redirect(Participant.Role == ParticipantRole.Judge ? $"/contests/{Contest.Id}/judge" : $"/contests/{Contest.Id}/observe");
        }
        catch (ContestRuleException ex)
        {
            Problem = L[ex.Message, [.. ex.Arguments]];
            return Page();
        }
    }
}
