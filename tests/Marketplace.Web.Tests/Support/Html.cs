using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Marketplace.Web.Tests.Support;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> ReadAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    public static IDocument Parse(string html) => Parser.ParseDocument(html);
}
