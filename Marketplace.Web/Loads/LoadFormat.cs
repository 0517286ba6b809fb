using System.Globalization;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Loads;

/// <summary>How the load pages show sizes, speeds, durations and states.</summary>
public static class LoadFormat
{
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static string Duration(TimeSpan? span) => span is not { } s ? "–"
        : s.TotalHours >= 1 ? $"{(int)s.TotalHours}:{s.Minutes:00}:{s.Seconds:00}"
        : $"{s.Minutes}:{s.Seconds:00}";

    public static string State(LoadJobState state, IStringLocalizer<SharedResource> L) => state switch
    {
        LoadJobState.Queued => L["Queued"],
        LoadJobState.Running => L["Running"],
        LoadJobState.Done => L["Done"],
        LoadJobState.Failed => L["Failed"],
        LoadJobState.Cancelled => L["Cancelled"],
        _ => state.ToString(),
    };
}
