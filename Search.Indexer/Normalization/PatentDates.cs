using System.Globalization;
using System.Text.RegularExpressions;
using Search.Indexer.Readers;

namespace Search.Indexer.Normalization;

/// <summary>Dates as patent sources write them: 20230328, 2023.03.28, 2023-03-28, 2023/3/28, 2023年3月28日.</summary>
public static partial class PatentDates
{
    [GeneratedRegex(@"^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$")]
    private static partial Regex Compact();

    [GeneratedRegex(@"^(?<y>\d{4})\s*[-./年]\s*(?<m>\d{1,2})\s*[-./月]\s*(?<d>\d{1,2})\s*日?(?:[T ].*)?$")]
    private static partial Regex Separated();

    /// <summary>
    /// Parses a date; blank text and the placeholder <c>0</c> that Chinese exports write for
    /// "no date" give <c>null</c> with success. Anything else unparseable fails with a message.
    /// </summary>
    public static bool TryParse(string? text, out DateOnly? date, out string? error)
    {
        var parsed = TryParseWithReason(text, out date, out var reason);
        error = reason?.ToString();
        return parsed;
    }

    /// <summary>As <see cref="TryParse(string?, out DateOnly?, out string?)"/>, with the reason as a code and arguments a reader's rejection carries.</summary>
    public static bool TryParseWithReason(string? text, out DateOnly? date, out RejectionReason? reason)
    {
        date = null;
        reason = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var s = TextNormalizer.ToHalfWidth(text).Trim();
        if (s is "0" or "00000000" or "-") return true;
        var m = Compact().Match(s);
        if (!m.Success) m = Separated().Match(s);
        if (m.Success
            && int.TryParse(m.Groups["y"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(m.Groups["m"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var mo)
            && int.TryParse(m.Groups["d"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && y is >= 1790 and <= 2200 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo))
        {
            date = new DateOnly(y, mo, d);
            return true;
        }
        reason = RejectionReasons.DateInvalid.With(text);
        return false;
    }

    public static DateOnly? Parse(string? text) =>
        TryParse(text, out var date, out var error) ? date : throw new FormatException(error);

    /// <summary>The compact integer form (20230328) used for range queries and sorting.</summary>
    public static int ToInt(DateOnly date) => date.Year * 10000 + date.Month * 100 + date.Day;
}
