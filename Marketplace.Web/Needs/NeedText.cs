namespace Marketplace.Web.Needs;

/// <summary>How the needs pages show IPC titles and budgets (chain names come from the configured <see cref="Analytics.Taxonomy.IndustryTaxonomy"/>).</summary>
public static class NeedText
{
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
