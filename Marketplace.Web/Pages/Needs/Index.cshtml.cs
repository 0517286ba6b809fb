using Marketplace.Web.Needs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Needs;

/// <summary>The feed: the viewer's own needs, those they are invited to and public ones, optionally in one chain.</summary>
public sealed class IndexModel(NeedService needs) : PageModel
{
    public IReadOnlyList<Need> Needs { get; private set; } = [];

    public NeedViewer Viewer { get; private set; } = null!;

    public string? Chain { get; private set; }

    public async Task OnGetAsync(string? chain)
    {
        Viewer = await needs.ViewerAsync(User);
        Chain = string.IsNullOrWhiteSpace(chain) ? null : chain;
        Needs = await needs.FeedAsync(Viewer, Chain);
    }
}
