using Marketplace.Web.Accounts;
using Marketplace.Web.Contests;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Contests;

/// <summary>Contests open to the public; operators also see drafts; judges and observers see where they take part.</summary>
public sealed class IndexModel(ContestService contests) : PageModel
{
    public IReadOnlyList<Contest> List { get; private set; } = [];

    public IReadOnlyList<(Contest Contest, ParticipantRole Role)> Mine { get; private set; } = [];

    public bool IsOperator { get; private set; }

    public async Task OnGetAsync()
    {
        IsOperator = StaffAccess.IsOperator(User);
        List = await contests.ListAsync(IsOperator);
        if (StaffAccess.UserId(User) is { } userId) Mine = await contests.ParticipationsAsync(userId);
    }
}
