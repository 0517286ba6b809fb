using Marketplace.Web.Privacy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Pages.Privacy;

/// <summary>The privacy notice (PIPL Art. 17): what is collected, why, how long it is kept, and who to contact.</summary>
public sealed class NoticeModel(IOptions<PrivacyOptions> options) : PageModel
{
    public PrivacyOptions Privacy => options.Value;

    public void OnGet()
    {
    }
}
