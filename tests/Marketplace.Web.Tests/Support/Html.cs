using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Marketplace.Web.Tests.Support;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> ReadAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>
    /// What a browser posts for <paramref name="form"/> as it stands: every named input (checkboxes and radios
    /// only when checked, no files or buttons), the selected option of each select, and each textarea, in order.
    /// </summary>
    public static List<KeyValuePair<string, string>> FormValues(IElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element.LocalName)
            {
                case "input":
                    var type = (element.GetAttribute("type") ?? "text").ToLowerInvariant();
                    if (type is "file" or "submit" or "button" or "image" or "reset") continue;
                    if (type is "checkbox" or "radio" && !element.HasAttribute("checked")) continue;
                    values.Add(new(name, element.GetAttribute("value") ?? (type is "checkbox" or "radio" ? "on" : "")));
                    break;
                case "select":
                    var option = element.QuerySelector("option[selected]") ?? element.QuerySelector("option");
                    if (option is not null) values.Add(new(name, option.GetAttribute("value") ?? option.TextContent));
                    break;
                default:
                    values.Add(new(name, element.TextContent.TrimStart('\n')));
                    break;
            }
        }
        return values;
    }
}
