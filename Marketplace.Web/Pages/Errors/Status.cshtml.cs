using Marketplace.Web.Operations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Errors;

/// <summary>Localised pages for status codes (re-executed by the status-code middleware) and unhandled errors.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>What the visitor quotes when reporting the problem: the request's trace id, which leads to its trace and logs.</summary>
    public string TraceId { get; private set; } = "";

    public IActionResult OnGet(int code)
    {
        // Requested directly (not re-executed), the page still answers with the code it describes.
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
        TraceId = TraceIds.Of(HttpContext);
        return Page();
    }
}
