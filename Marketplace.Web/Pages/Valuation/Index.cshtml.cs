using Marketplace.Web.Licensing;
using Marketplace.Web.Valuation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Valuation;

/// <summary>The valuations a person may see (operators: all; members: their organisation's), and where to start a new one.</summary>
public sealed class IndexModel(ValuationService valuations) : PageModel
{
    public IReadOnlyList<PatentValuation> Valuations { get; private set; } = [];

    public LicensingActor? Actor { get; private set; }

    public bool CanValue => Actor is { } a && (a.IsOperator || a.CanActForOrganization);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Actor = await valuations.ActorAsync(User, cancellationToken);
        Valuations = await valuations.VisibleAsync(Actor, cancellationToken);
    }
}
