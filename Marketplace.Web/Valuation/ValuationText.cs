using System.Globalization;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Valuation;

/// <summary>Sentences about a valuation that the pages show in the reader's language.</summary>
public static class ValuationText
{
    /// <summary>Where the default royalty rate came from, for the hint beside the rate.</summary>
    public static string RoyaltyHint(IStringLocalizer<SharedResource> L, RoyaltyDefault royalty)
    {
        ArgumentNullException.ThrowIfNull(L);
        ArgumentNullException.ThrowIfNull(royalty);
        var percent = royalty.Percent.ToString("0.##", CultureInfo.InvariantCulture);
        return royalty.Source == RoyaltyRateSource.PlatformLicences
            ? L["Default {0}%: the median of {1} licences on this platform in the same industry chain.", percent, royalty.LicenceCount].Value
            : L["Default {0}%: the middle of the published range {1}%–{2}% for {3} (fewer than 3 licences on this platform in the chain; the source is cited in the report).",
                percent, royalty.Published!.LowPercent.ToString("0.##", CultureInfo.InvariantCulture), royalty.Published.HighPercent.ToString("0.##", CultureInfo.InvariantCulture),
                CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? royalty.Published.IndustryZh : royalty.Published.IndustryEn].Value;
    }
}
