using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Localization;

/// <summary>The one time zone every page shows instants in (section <c>Display</c>).</summary>
public sealed class DisplayOptions
{
    public const string Section = "Display";

    public const string ChinaStandardTime = "Asia/Shanghai";

    /// <summary>IANA id of the zone, e.g. <c>Asia/Shanghai</c> (China Standard Time, the default).</summary>
    public string TimeZone { get; set; } = ChinaStandardTime;

    internal static bool IsKnownZone(string? id) => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}

/// <summary>
/// Shows UTC instants in the configured zone, always with the zone's name and offset, so no page shows a
/// bare time a reader has to guess the zone of. Data stays UTC: this is the only place it is converted
/// for reading. Calendar dates (filing dates, due days) are not instants and do not come here.
/// </summary>
public sealed class DisplayTime
{
    private readonly TimeZoneInfo _zone;
    private readonly IStringLocalizer<SharedResource> L;

    public DisplayTime(IOptions<DisplayOptions> options, IStringLocalizer<SharedResource> localizer)
    {
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        L = localizer;
    }

    /// <summary>The instant in the display zone (for date inputs and <c>{0:yyyy-MM-dd}</c> formats).</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), _zone);

    /// <summary>A time typed in the display zone, as UTC.</summary>
    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);

    /// <summary>"2026-12-07 10:30 (China Standard Time, UTC+8)", in the page's language.</summary>
    public string Show(DateTime utc) => Labelled(utc, "yyyy-MM-dd HH:mm");

    public string Show(DateTime? utc) => utc is { } t ? Show(t) : "";

    public string Show(DateTimeOffset instant) => Show(instant.UtcDateTime);

    /// <summary>To the second, for the audit log.</summary>
    public string ShowSeconds(DateTime utc) => Labelled(utc, "yyyy-MM-dd HH:mm:ss");

    /// <summary>The day the instant falls on in the display zone, without the zone: a day needs no label.</summary>
    public string Day(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Day(DateTime? utc) => utc is { } t ? Day(t) : "";

    /// <summary>"China Standard Time, UTC+8" (北京时间，UTC+8); another zone is named by its IANA id.</summary>
    public string Zone(DateTime utc) => L["{0}, {1}", ZoneName(), Offset(_zone.GetUtcOffset(AsUtc(utc)))];

    private string Labelled(DateTime utc, string format) =>
        L["{0} ({1})", ToLocal(utc).ToString(format, CultureInfo.InvariantCulture), Zone(utc)];

    private string ZoneName() => _zone.Id == DisplayOptions.ChinaStandardTime ? L["China Standard Time"] : _zone.Id;

    private static string Offset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? $"UTC{sign}{abs.Hours.ToString(CultureInfo.InvariantCulture)}"
            : $"UTC{sign}{abs.Hours.ToString(CultureInfo.InvariantCulture)}:{abs.Minutes.ToString("00", CultureInfo.InvariantCulture)}";
    }

    // EF reads SQLite values back as Unspecified; every instant in the model is UTC.
    private static DateTime AsUtc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
