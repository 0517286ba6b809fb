using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Valuation;

/// <summary>
/// On a patent's page, beside the value index: the latest valuation's range and point, linked, for those who may see
/// it (operators and the owner's members); for the owner's administrators and operators without one, a link to make one.
/// </summary>
public sealed class LatestValuationViewComponent(ValuationService valuations, ValuationGuidance guidance) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string patentId)
    {
        if (User.Identity?.IsAuthenticated != true) return Content("");
        var actor = await valuations.ActorAsync(UserClaimsPrincipal);
        if (actor is null) return Content("");
        var latest = await guidance.ForAsync(patentId);
        if (latest is not null && ValuationGuidance.MayShow(latest, actor)) return View(new LatestValuationView(patentId, latest, actor.IsOperator || actor.CanActForOrganization));
        return actor.IsOperator ? View(new LatestValuationView(patentId, null, true)) : Content("");
    }
}

/// <param name="Guidance">The latest valuation the viewer may see, or null.</param>
/// <param name="CanValue">The viewer may make a new valuation from here.</param>
public sealed record LatestValuationView(string PatentId, PriceGuidance? Guidance, bool CanValue);
