using System.Globalization;
using Analytics.Taxonomy;

namespace Marketplace.Web.Needs;

/// <summary>Names the pages show for taxonomy values, in the current UI language.</summary>
public static class NeedText
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string ChainName(string? chainId) =>
        chainId is null ? "" : IndustryTaxonomy.Default.Chain(chainId) is { } c ? (English ? c.NameEn : c.NameZh) : chainId;

    public static IEnumerable<(string Id, string Name)> Chains() => IndustryTaxonomy.Default.Chains.Select(c => (c.Id, English ? c.NameEn : c.NameZh));

    /// <summary>The IPC title in Chinese (the scheme the product ships), or nothing when unknown.</summary>
    public static string? IpcTitle(string code) => Search.Indexer.Normalization.IpcScheme.Default.TitleOf(code);

    public static string Budget(decimal? min, decimal? max) => (min, max) switch
    {
        (null, null) => "",
        ({ } a, null) => $"≥ {a:0.##}",
        (null, { } b) => $"≤ {b:0.##}",
        ({ } a, { } b) => $"{a:0.##} – {b:0.##}",
    };
}
