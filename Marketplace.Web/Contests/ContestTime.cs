namespace Marketplace.Web.Contests;

/// <summary>Dates are UTC inside and typed and shown in China Standard Time (UTC+8, no daylight saving).</summary>
public static class ContestTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static string Show(DateTime utc) => (utc + Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTime FromChina(DateTime local) => DateTime.SpecifyKind(local - Offset, DateTimeKind.Utc);

    public static DateTime ToChina(DateTime utc) => DateTime.SpecifyKind(utc + Offset, DateTimeKind.Unspecified);
}
