namespace Marketplace.Web.Reports;

/// <summary>
/// What a report's phase is called where people read it (the report's page, the jobs page): the phases the report job and
/// Analytics report, each with its localizer key. A phase not listed shows as it is.
/// </summary>
public static class ReportPhases
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["queued"] = "Waiting for its turn",
        ["searching"] = "Finding the patents in scope",
        ["reading"] = "Reading the patents",
        ["summarising"] = "Summarising",
        ["documents"] = "Drawing the charts and writing the PDF and Excel files",
        ["done"] = "Done",
        ["cancelled"] = "Cancelled",
        ["failed"] = "Failed",
    };

    /// <summary>The phases with their titles (localizer keys).</summary>
    public static IReadOnlyDictionary<string, string> All => Titles;

    /// <summary>The localizer key of <paramref name="phase"/>'s title.</summary>
    public static string Title(string phase) => Titles.GetValueOrDefault(phase, phase);
}
