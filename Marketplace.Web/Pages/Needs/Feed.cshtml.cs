using Analytics.Taxonomy;
using Marketplace.Web.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Needs;

/// <summary>A university's or institute's feed: open needs in its portfolio's fields and those it is invited to, with why each is here.</summary>
public sealed class FeedModel(NeedService needs, NeedFeedService feed, IndustryTaxonomy taxonomy) : PageModel
{
    public FeedPage Feed { get; private set; } = null!;

    public FeedFilter Filter { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string? chain, NeedOutcome? outcome, bool? openDeadline, [FromQuery] int page = 1)
    {
        var viewer = await needs.ViewerAsync(User);
        if (!viewer.IsResearchOrganization) return Forbid();
        if (outcome is { } o && !Enum.IsDefined(o)) return BadRequest("outcome must be License, Transfer, JointDevelopment or CommissionedResearch.");
        if (!string.IsNullOrWhiteSpace(chain) && taxonomy.Chain(chain.Trim()) is null)
            return BadRequest("chain must be an industry chain id of the taxonomy.");
        Filter = new FeedFilter
        {
            ChainId = string.IsNullOrWhiteSpace(chain) ? null : chain.Trim(),
            Outcome = outcome,
            OpenDeadlineOnly = openDeadline ?? true,
            Page = Math.Max(1, page),
        };
        Feed = await feed.FeedAsync(viewer, Filter);
        return Page();
    }

    /// <summary>The query string of another page of the same filters.</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["chain"] = Filter.ChainId,
        ["outcome"] = Filter.Outcome?.ToString(),
        ["openDeadline"] = Filter.OpenDeadlineOnly ? "true" : "false",
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).ToUriComponent();
}
