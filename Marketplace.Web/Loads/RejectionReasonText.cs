using System.Globalization;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;
using Search.Indexer.Readers;

namespace Marketplace.Web.Loads;

/// <summary>
/// A loader's rejection reason in the reader's language: its template's English text is the resource key, each
/// argument is data shown as it is or another reason translated in turn. A reason whose code this version does not
/// know, or an entry stored before reasons had codes, shows its stored English text.
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
        return string.Format(CultureInfo.CurrentCulture, format, [.. reason.Arguments.Select(a => (object)(a.Reason is { } inner ? Text(inner, l) : a.Text ?? ""))]);
    }
}
