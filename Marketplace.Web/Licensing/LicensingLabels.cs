using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Licensing;

/// <summary>English names of licensing states and choices (keys of UI strings).</summary>
public static class LicensingLabels
{
    public static string Label(this FeeKind kind) => kind switch
    {
        FeeKind.Free => "Free",
        FeeKind.LumpSum => "Lump sum",
        FeeKind.Royalty => "Royalty",
        _ => "Entry fee plus royalty",
    };

    public static string Label(this DeclarationStatus status) => status switch
    {
        DeclarationStatus.Draft => "Draft",
        DeclarationStatus.Submitted => "Submitted for review",
        DeclarationStatus.SentBack => "Sent back",
        DeclarationStatus.Published => "Published declaration",
        _ => "Withdrawn",
    };

    public static string Label(this LicenseStatus status) => status switch
    {
        LicenseStatus.Notified => "Notified, awaiting payment",
        LicenseStatus.Effective => "In force",
        LicenseStatus.Recorded => "In force, recorded",
        LicenseStatus.Cancelled => "Cancelled",
        _ => "Expired",
    };

    public static string Label(this PaymentState state) => state switch
    {
        PaymentState.NotRequired => "No payment due",
        PaymentState.Pending => "Payment pending",
        _ => "Paid",
    };

    public static string Label(this PaymentChannel channel) => channel == PaymentChannel.Online ? "Online payment" : "Bank transfer";

    public static string Label(this RoyaltyBase basis) => basis == RoyaltyBase.Sales ? "of sales" : "of profit";

    public static string Label(this ClaimStatus status) => status switch
    {
        ClaimStatus.Pending => "Awaiting approval",
        ClaimStatus.Approved => "Approved",
        _ => "Rejected",
    };

    /// <summary>Every label above, for the translation test.</summary>
    public static IEnumerable<string> All =>
        Enum.GetValues<FeeKind>().Select(Label)
            .Concat(Enum.GetValues<DeclarationStatus>().Select(Label))
            .Concat(Enum.GetValues<LicenseStatus>().Select(Label))
            .Concat(Enum.GetValues<PaymentState>().Select(Label))
            .Concat(Enum.GetValues<PaymentChannel>().Select(Label))
            .Concat(Enum.GetValues<RoyaltyBase>().Select(Label))
            .Concat(Enum.GetValues<ClaimStatus>().Select(Label));

    /// <summary>A refusal in the reader's language.</summary>
    public static string Localize(this IStringLocalizer<SharedResource> l, LicensingRuleException ex) => l[ex.Template, [.. ex.Arguments.Select(a => a is OwnershipAnswer o ? l[o.Reason, [.. o.ReasonArguments]].Value : a)]];

    public static string Localize(this IStringLocalizer<SharedResource> l, LicensingMessage m) => l[m.Template, m.Arguments];

    /// <summary>The fee in the reader's language.</summary>
    public static string FeeText(this IStringLocalizer<SharedResource> l, LicenseFee fee)
    {
        var basis = fee.RoyaltyBase is { } b ? l[b.Label()].Value : "";
        var minimum = fee.AnnualMinimumYuan is { } m and > 0 ? l["; annual minimum {0}", LicensingDocuments.Money(m)].Value : "";
        return fee.Kind switch
        {
            FeeKind.Free => l["Free"],
            FeeKind.LumpSum => l["Lump sum {0}", LicensingDocuments.Money(fee.AmountYuan ?? 0)],
            FeeKind.Royalty => l["Royalty {0}% {1}", fee.RoyaltyPercent?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "", basis] + minimum,
            _ => l["Entry fee {0} plus royalty {1}% {2}", LicensingDocuments.Money(fee.AmountYuan ?? 0), fee.RoyaltyPercent?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "", basis] + minimum,
        };
    }
}
