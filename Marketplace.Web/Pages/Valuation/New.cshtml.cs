using Marketplace.Web.Localization;
using Marketplace.Web.Valuation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Valuation;

/// <summary>
/// A new valuation of the patents named in the address (<c>?patents=…</c>): the form starts from the proposed inputs
/// (the default royalty rate and the statute's life), the person corrects them and saves. Operators value any patent,
/// an organisation's owners and admins their own.
/// </summary>
public sealed class NewModel(ValuationService valuations, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public List<string> Patents { get; set; } = [];

    [BindProperty]
    public ValuationInput Input { get; set; } = new();

    public ValuationProposal? Proposal { get; private set; }

    /// <summary>Why no form is shown (no patent named, or one not found), in the page's language.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await ProposeAsync(cancellationToken) is { } refused) return refused;
        if (Proposal is not null) Input = ValuationInput.From(Proposal.Terms);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await ProposeAsync(cancellationToken) is { } refused) return refused;
        if (Proposal is null) return Page();
        var terms = Input.ToTerms(ModelState, L, Proposal.StatutoryYearsLeft, Proposal.Comparables.Count > 0);
        if (terms is null) return Page();
        var actor = (await valuations.ActorAsync(User, cancellationToken))!;
        try
        {
            var valuation = await valuations.CreateAsync(actor, Proposal, terms, cancellationToken);
            return Redirect(ValuationLinks.Details(valuation.Id) + "?message=created");
        }
        catch (ValuationRuleException e)
        {
            ModelState.AddModelError("", L[e.Message, [.. e.Arguments]]);
            return Page();
        }
    }

    public string RoyaltyHint(RoyaltyDefault royalty) => ValuationText.RoyaltyHint(L, royalty);

    private async Task<IActionResult?> ProposeAsync(CancellationToken cancellationToken)
    {
        var actor = await valuations.ActorAsync(User, cancellationToken);
        // Only staff and those who act for an organisation make valuations; the patents' ownership is checked next.
        if (actor is null || !actor.IsOperator && !actor.CanActForOrganization) return Forbid();
        if (Patents.Count == 0) return null;
        var (proposal, problem, forbidden) = await valuations.ProposeAsync(actor, Patents.SelectMany(p => p.Split([',', '，', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)).ToList(), cancellationToken);
        if (forbidden) return Forbid();
        Proposal = proposal;
        Problem = problem is null ? null : L[problem].Value;
        return null;
    }
}
