using System.Globalization;
using Marketplace.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Tests.Localization;

/// <summary>The one formatter of instants: the configured zone, its daylight saving, and the label in the page's language.</summary>
public sealed class DisplayTimeTests
{
    private static DisplayTime For(string zone)
    {
        var localizer = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<SharedResource>>();
        return new DisplayTime(Options.Create(new DisplayOptions { TimeZone = zone }), localizer);
    }

    private static T InCulture<T>(string culture, Func<T> show)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return show(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void Another_configured_zone_shows_its_own_offset_in_winter_and_in_summer_named_by_its_id()
    {
        var berlin = For("Europe/Berlin");

        Assert.Equal("2026-12-07 03:30 (Europe/Berlin, UTC+1)", InCulture("en", () => berlin.Show(new DateTime(2026, 12, 7, 2, 30, 0, DateTimeKind.Utc))));
        Assert.Equal("2026-07-07 04:30（Europe/Berlin，UTC+2）", InCulture("zh-CN", () => berlin.Show(new DateTime(2026, 7, 7, 2, 30, 0, DateTimeKind.Utc))));
    }

    [Fact]
    public void China_Standard_Time_is_named_in_the_pages_language_and_a_day_follows_the_zone()
    {
        var china = For(DisplayOptions.ChinaStandardTime);
        var lateEvening = new DateTime(2026, 12, 6, 18, 30, 0, DateTimeKind.Unspecified);

        Assert.Equal("2026-12-07 02:30 (China Standard Time, UTC+8)", InCulture("en", () => china.Show(lateEvening)));
        Assert.Equal("2026-12-07 02:30（北京时间，UTC+8）", InCulture("zh-CN", () => china.Show(lateEvening)));
        Assert.Equal("2026-12-07", china.Day(lateEvening));
        Assert.Equal(lateEvening, china.ToUtc(china.ToLocal(lateEvening)));
    }

    [Fact]
    public void A_half_hour_zone_shows_its_minutes()
    {
        Assert.Equal("2026-12-07 08:00 (Asia/Kolkata, UTC+5:30)", InCulture("en", () => For("Asia/Kolkata").Show(new DateTime(2026, 12, 7, 2, 30, 0, DateTimeKind.Utc))));
    }
}
