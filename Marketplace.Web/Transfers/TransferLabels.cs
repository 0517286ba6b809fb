using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Transfers;

/// <summary>English names of transfer states and choices (keys of UI strings).</summary>
public static class TransferLabels
{
    public static string Label(this TransferStatus status) => status switch
    {
        TransferStatus.Draft => "Draft",
        TransferStatus.Listed => "Listed for sale",
        TransferStatus.UnderNegotiation => "Under negotiation",
        TransferStatus.Agreed => "Contract agreed, awaiting payment",
        TransferStatus.Paid => "Paid, awaiting recordal",
        TransferStatus.Recorded => "Recorded: ownership transferred",
        TransferStatus.Withdrawn => "Withdrawn",
        _ => "Expired",
    };

    public static string Label(this TransferOfferStatus status) => status switch
    {
        TransferOfferStatus.Open => "Open",
        TransferOfferStatus.Accepted => "Accepted",
        TransferOfferStatus.Declined => "Declined",
        _ => "Lapsed",
    };

    public static string Label(this TransferParty party) => party == TransferParty.Seller ? "Seller" : "Buyer";

    public static string Label(this TransferMessageKind kind) => kind switch
    {
        TransferMessageKind.Offer => "Offer",
        TransferMessageKind.Counter => "Counter-offer",
        TransferMessageKind.Message => "Message",
        TransferMessageKind.Accepted => "Accepted",
        _ => "Declined",
    };

    public static string Label(this TransferPaymentTerms terms) => terms == TransferPaymentTerms.LumpSum ? "Lump sum" : "Instalments";

    /// <summary>Every label above, for the translation test.</summary>
    public static IEnumerable<string> All =>
        Enum.GetValues<TransferStatus>().Select(Label)
            .Concat(Enum.GetValues<TransferOfferStatus>().Select(Label))
            .Concat(Enum.GetValues<TransferParty>().Select(Label))
            .Concat(Enum.GetValues<TransferMessageKind>().Select(Label))
            .Concat(Enum.GetValues<TransferPaymentTerms>().Select(Label));

    public static string Localize(this IStringLocalizer<SharedResource> l, TransferRuleException ex) => l[ex.Template, [.. ex.Arguments.Select(a => a is OwnershipAnswer o ? l[o.Reason, [.. o.ReasonArguments]].Value : a)]];

    public static string Localize(this IStringLocalizer<SharedResource> l, SigningFinding f) => l[f.Template, f.Arguments];

    /// <summary>The asking price, or 面议 (negotiable) when there is none.</summary>
    public static string Price(this IStringLocalizer<SharedResource> l, long? fen) => fen is { } f ? TransferService.Yuan(f) : l["Negotiable (面议)"];

    public static string Terms(this IStringLocalizer<SharedResource> l, TransferPaymentTerms? terms, int? instalments) => terms switch
    {
        TransferPaymentTerms.Instalments => l["{0} instalments", instalments ?? 0],
        TransferPaymentTerms.LumpSum => l["Lump sum"],
        _ => "-",
    };
}

/// <summary>Expires listings past their validity once a day.</summary>
public sealed class TransferExpiry(TransferService transfers) : Hosting.IDailyJob
{
    public Task RunAsync(CancellationToken cancellationToken = default) => transfers.ExpireAsync(cancellationToken);
}
