using System.Globalization;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;
using Search.Indexer.Readers;

namespace Marketplace.Web.Loads;

/// <summary>
/// A loader's rejection reason in the reader's language: its template's English text is the resource key, each
/// argument is data shown as it is, a parser's message quoted as its own words, or another reason translated in turn. A
/// reason whose code this version does not know, or an entry stored before reasons had codes, shows its stored English
/// text.
/// </summary>
public static class RejectionReasonText
{
    public static string Of(RejectionReason reason, string english, IStringLocalizer<SharedResource> l)
    {
        if (!IsKnown(reason)) return english;
        try
        {
            return Text(reason, l);
        }
        catch (FormatException)
        {
            // A translation whose placeholders do not match its key must not hide the reason: the English stands in.
            return english;
        }
    }

    private static bool IsKnown(RejectionReason reason) =>
        reason.Template is not null && reason.Arguments.All(a => a.Reason is not { } inner || IsKnown(inner));

    private static string Text(RejectionReason reason, IStringLocalizer<SharedResource> l)
    {
        var template = reason.Template!;
        var format = template.IsTranslated ? l[template.English].Value : template.English;
        return string.Format(CultureInfo.CurrentCulture, format, [.. reason.Arguments.Select(a => (object)Argument(a, l))]);
    }

    // A parser's own message stays as the parser wrote it (English), quoted and said to be so, inside a translated sentence.
    private static string Argument(RejectionArgument argument, IStringLocalizer<SharedResource> l) =>
        argument.Reason is { } inner ? Text(inner, l)
        : argument.ParserWords && !string.IsNullOrWhiteSpace(argument.Text) ? l["“{0}” (the parser's words, in English)", argument.Text].Value
        : argument.Text ?? "";
}
