using Marketplace.Web.Acquisition;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Acquisition.Admin;

/// <summary>Operators: the acquired patents (of one pool or all), their figures by pool and chain, and how to re-offer each.</summary>
public sealed class PortfolioModel(AcquisitionService acquisition) : PageModel
{
    public AcquisitionPortfolio Portfolio { get; private set; } = null!;

    public AcquisitionPool? Pool { get; private set; }

    public async Task OnGetAsync(Guid? pool)
    {
        Pool = pool is { } id ? await acquisition.FindPoolAsync(id) : null;
        Portfolio = await acquisition.PortfolioAsync(Pool?.Id);
    }
}
