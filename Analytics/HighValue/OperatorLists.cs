using System.Globalization;
using Analytics.Uploads;
using Search.Indexer.Records;

namespace Analytics.HighValue;

/// <summary>A patent that won an award (中国专利奖, 国家科学技术奖 …), from a list the operator uploads.</summary>
public sealed record AwardEntry(string PatentNumber, string Award, int? Year, long Line);

/// <summary>A pledge registration (专利权质押登记) with its financing amount in CNY, from a register the operator uploads.</summary>
public sealed record PledgeEntry(string PatentNumber, decimal AmountCny, DateOnly? Date, string? Pledgee, long Line);

/// <summary>
/// Pledge financing recorded elsewhere than an uploaded file (the marketplace's pledge register): when the host provides
/// one, high-value criterion 4 reads it instead of <see cref="AnalyticsOptions.PledgesFile"/>.
/// </summary>
public interface IPledgeFinancingSource
{
    /// <summary>Every registered pledge with its amount; <see cref="PledgeEntry.Line"/> numbers the record for the explanation.</summary>
    IReadOnlyList<PledgeEntry> Entries();
}

/// <summary>What reading an uploaded list gave: its entries, and the rows refused with line and reason.</summary>
public sealed record UploadResult<T>(string Source, IReadOnlyList<T> Entries, IReadOnlyList<string> Rejected);

/// <summary>
/// Entries of an operator's list by patent number: publication or application number in any written
/// form, matched on office + number without the kind code, so <c>CN115883397B</c> finds <c>CN115883397A</c>'s row.
/// </summary>
public sealed class PatentNumberLookup<T>
{
    private readonly Dictionary<string, List<T>> _byKey = new(StringComparer.Ordinal);

    public PatentNumberLookup(IEnumerable<T> entries, Func<T, string> number)
    {
        foreach (var e in entries)
        {
            if (!PatentNumber.TryParse(number(e), out var n)) continue;
            if (!_byKey.TryGetValue(n.Key, out var list)) _byKey[n.Key] = list = [];
            list.Add(e);
        }
    }

    public int Count => _byKey.Values.Sum(l => l.Count);

    public IReadOnlyList<T> For(PatentRecord record)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { record.PublicationNumber.Key };
        foreach (var o in record.OtherPublicationNumbers) keys.Add(o.Key);
        if (record.ApplicationNumber is { } a) keys.Add(a.Key);
        return keys.SelectMany(k => _byKey.TryGetValue(k, out var l) ? l : []).ToList();
    }
}

/// <summary>Reads the award lists and pledge registers operators upload (CSV or Excel), checking every row like any other input.</summary>
public static class OperatorLists
{
    private static readonly string[] NumberColumns = ["publication_number", "patent_number", "application_number", "公开号", "公开（公告）号", "专利号", "申请号", "授权公告号"];
    private static readonly string[] AwardColumns = ["award", "奖项", "奖项名称", "获奖名称"];
    private static readonly string[] YearColumns = ["year", "年份", "获奖年份", "届次"];
    private static readonly string[] AmountWanColumns = ["amount_wan_cny", "质押金额（万元）", "质押金额(万元)", "融资金额（万元）", "融资金额(万元)"];
    private static readonly string[] AmountCnyColumns = ["amount_cny", "质押金额（元）", "质押金额(元)", "质押金额"];
    private static readonly string[] DateColumns = ["date", "pledge_date", "质押日期", "登记日期"];
    private static readonly string[] PledgeeColumns = ["pledgee", "质权人"];

    public static UploadResult<AwardEntry> ReadAwards(string path)
    {
        var entries = new List<AwardEntry>();
        var rejected = new List<string>();
        var first = true;
        foreach (var row in TabularFile.Read(path))
        {
            if (first)
            {
                TabularFile.Require(row, path, NumberColumns, AwardColumns);
                first = false;
            }
            var number = row.Get(NumberColumns);
            var award = row.Get(AwardColumns);
            var yearText = row.Get(YearColumns);
            int? year = null;
            if (number is null || !PatentNumber.TryParse(number, out _)) rejected.Add($"{path}:{row.Line}: '{number}' is not a patent number");
            else if (award is null) rejected.Add($"{path}:{row.Line}: no award name");
            else if (yearText is not null && !(int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1985 and <= 2100))
                rejected.Add($"{path}:{row.Line}: year '{yearText}' is not a year between 1985 and 2100");
            else
            {
                if (yearText is not null) year = int.Parse(yearText, CultureInfo.InvariantCulture);
                entries.Add(new AwardEntry(number, award, year, row.Line));
            }
        }
        if (first) throw new InvalidDataException($"{path}: no rows; expected a header with a patent-number column and an award column.");
        return new UploadResult<AwardEntry>(path, entries, rejected);
    }

    /// <summary>Amounts in 万元 (ten thousand CNY) or in CNY, by the column's name.</summary>
    public static UploadResult<PledgeEntry> ReadPledges(string path)
    {
        var entries = new List<PledgeEntry>();
        var rejected = new List<string>();
        var first = true;
        foreach (var row in TabularFile.Read(path))
        {
            if (first)
            {
                TabularFile.Require(row, path, NumberColumns, [.. AmountWanColumns, .. AmountCnyColumns]);
                first = false;
            }
            var number = row.Get(NumberColumns);
            var wan = row.Get(AmountWanColumns);
            var cny = row.Get(AmountCnyColumns);
            var dateText = row.Get(DateColumns);
            if (number is null || !PatentNumber.TryParse(number, out _))
            {
                rejected.Add($"{path}:{row.Line}: '{number}' is not a patent number");
                continue;
            }
            if (!TryAmount(wan, 10_000m, out var amount) && !TryAmount(cny, 1m, out amount))
            {
                rejected.Add($"{path}:{row.Line}: amount '{wan ?? cny}' is not a positive number");
                continue;
            }
            DateOnly? date = null;
            if (dateText is not null)
            {
                if (!TryDate(dateText, out var d))
                {
                    rejected.Add($"{path}:{row.Line}: date '{dateText}' is not a date (2024-05-01 or 20240501)");
                    continue;
                }
                date = d;
            }
            entries.Add(new PledgeEntry(number, amount, date, row.Get(PledgeeColumns), row.Line));
        }
        if (first) throw new InvalidDataException($"{path}: no rows; expected a header with a patent-number column and an amount column.");
        return new UploadResult<PledgeEntry>(path, entries, rejected);
    }

    private static bool TryAmount(string? text, decimal unit, out decimal amount)
    {
        amount = 0;
        if (text is null || !decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) || v <= 0) return false;
        amount = v * unit;
        return true;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyyMMdd", "yyyy/M/d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt) && (date = DateOnly.FromDateTime(dt)) != default);
}
