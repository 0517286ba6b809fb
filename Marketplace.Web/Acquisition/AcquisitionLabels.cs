using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Acquisition;

/// <summary>How acquisition's stages, deals and refusals read on a page, in the page's language.</summary>
public static class AcquisitionLabels
{
    public static string Label(this CandidateStage stage) => stage switch
    {
        CandidateStage.Candidate => "Screened candidate",
        CandidateStage.Valued => "Valued",
        CandidateStage.Approached => "Approached",
        CandidateStage.Negotiating => "Negotiating",
        CandidateStage.Acquired => "Acquired",
        CandidateStage.Declined => "Declined by the owner",
        _ => "Dropped",
    };

    public static string Label(this PackageDeal deal) => deal == PackageDeal.Transfer ? "Offered for transfer" : "Offered for licence";

    public static string Label(this ScreenOwnerType type) => type switch
    {
        ScreenOwnerType.University => "Universities and institutes",
        ScreenOwnerType.Enterprise => "Enterprises",
        _ => "Individuals",
    };

    public static string Label(this AcquisitionOfferStatus status) => status switch
    {
        AcquisitionOfferStatus.Open => "Awaiting the owner's answer",
        AcquisitionOfferStatus.Accepted => "Accepted",
        _ => "Declined by the owner",
    };

    /// <summary>Every label above, for the translation test.</summary>
    public static IEnumerable<string> All =>
        Enum.GetValues<CandidateStage>().Select(Label).Concat(Enum.GetValues<PackageDeal>().Select(Label))
            .Concat(Enum.GetValues<ScreenOwnerType>().Select(Label)).Concat(Enum.GetValues<AcquisitionOfferStatus>().Select(Label)).Append("Expired");

    public static string Localize(this IStringLocalizer<SharedResource> l, AcquisitionRuleException ex) => l[ex.Template, [.. ex.Arguments.Select(a => a is CandidateStage s ? l[s.Label()].Value : a)]];

    public static string Price(this IStringLocalizer<SharedResource> l, long? fen) => fen is { } f ? AcquisitionService.Price(f) : l["Negotiable price"];

    /// <summary>Yuan typed in a form as fen: null when empty, 0 (refused by the rules with the field's message) when not a sensible amount.</summary>
    public static long? Fen(decimal? yuan) => yuan is { } y ? (y is > 0 and < 10_000_000_000m ? (long)decimal.Round(y * 100m, 0, MidpointRounding.AwayFromZero) : 0) : null;
}
