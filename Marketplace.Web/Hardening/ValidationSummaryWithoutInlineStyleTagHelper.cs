using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Marketplace.Web.Hardening;

/// <summary>
/// Runs after ASP.NET Core's validation-summary tag helper and drops the placeholder it writes when it lists no
/// error, <c>&lt;li style="display:none"&gt;</c>: the CSP allows no inline style, so the browser refused the
/// attribute and logged a violation on every form page. The placeholder only serves client-side validation
/// scripts, which the site does not have. A summary that lists nothing stays in the page, hidden by site.css.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryWithoutInlineStyleTagHelper : TagHelper
{
    private const string Placeholder = "<li style=\"display:none\"></li>";

    // The framework's helper has Order -1000: this one sees its output.
    public override int Order => 0;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var content = output.PostContent.GetContent();
        if (!content.Contains(Placeholder, StringComparison.Ordinal)) return;
        output.PostContent.Clear();
        // Model-only summaries with property errors alone also come with nothing but the placeholder.
        var classes = output.Attributes["class"]?.Value?.ToString() ?? "";
        output.Attributes.SetAttribute("class", classes.Replace("validation-summary-errors", "validation-summary-valid", StringComparison.Ordinal));
    }
}
