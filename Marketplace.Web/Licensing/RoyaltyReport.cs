namespace Marketplace.Web.Licensing;

/// <summary>
/// A licensee's periodic report of sales (or profit) under a royalty licence, with the royalty it owes.
/// Reports are per calendar quarter; the annual minimum tops up the fourth quarter of each year.
/// </summary>
public sealed class RoyaltyReport
{
    /// <summary>Reports are due within 30 days after the quarter ends.</summary>
    public static readonly int DueDaysAfterQuarter = 30;

    private RoyaltyReport(Guid id, Guid orderId, int year, int quarter, decimal reportedYuan, decimal royaltyYuan, Guid reportedBy, DateTime reportedAt)
    {
        Id = id;
        OrderId = orderId;
        Year = year;
        Quarter = quarter;
        ReportedYuan = reportedYuan;
        RoyaltyYuan = royaltyYuan;
        ReportedBy = reportedBy;
        ReportedAt = reportedAt;
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public int Year { get; private set; }

    public int Quarter { get; private set; }

    /// <summary>Sales or profit of the quarter, as the fee's base says.</summary>
    public decimal ReportedYuan { get; private set; }

    public decimal RoyaltyYuan { get; private set; }

    public Guid ReportedBy { get; private set; }

    public DateTime ReportedAt { get; private set; }

    public DateTime? PaidAt { get; private set; }

    public static DateOnly QuarterEnd(int year, int quarter) => new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);

    public static DateOnly DueOn(int year, int quarter) => QuarterEnd(year, quarter).AddDays(DueDaysAfterQuarter);

    /// <summary>
    /// Computes the royalty statement for a quarter of a licence in force. <paramref name="earlierThisYear"/> is the
    /// royalty already reported for the same year, so Q4 adds what the annual minimum still lacks.
    /// </summary>
    public static RoyaltyReport File(LicenseOrder order, LicenseFee fee, int year, int quarter, decimal reportedYuan, decimal earlierThisYear,
        IEnumerable<RoyaltyReport> existing, Guid reportedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(fee);
        if (!fee.HasRoyalty) throw new LicensingRuleException("This licence has no royalty to report.");
        if (order.Status is not (LicenseStatus.Effective or LicenseStatus.Recorded or LicenseStatus.Expired)) throw new LicensingRuleException("Only a licence that took effect reports royalties.");
        if (quarter is < 1 or > 4) throw new LicensingRuleException("The quarter is 1 to 4.");
        if (reportedYuan < 0) throw new LicensingRuleException("Reported sales or profit cannot be negative.");
        var end = QuarterEnd(year, quarter);
        if (end >= DateOnly.FromDateTime(now)) throw new LicensingRuleException("A quarter can be reported once it has ended.");
        if (order.StartsOn is { } start && end < start) throw new LicensingRuleException("The quarter ended before the licence started.");
        if (existing.Any(r => r.Year == year && r.Quarter == quarter)) throw new LicensingRuleException("Quarter {0} of {1} is already reported.", quarter, year);
        var royalty = fee.RoyaltyOn(reportedYuan);
        if (quarter == 4 && fee.AnnualMinimumYuan is { } minimum && earlierThisYear + royalty < minimum)
            royalty = minimum - earlierThisYear;
        return new RoyaltyReport(Guid.CreateVersion7(), order.Id, year, quarter, reportedYuan, royalty, reportedBy, now);
    }

    public void MarkPaid(DateTime now)
    {
        if (PaidAt is not null) throw new LicensingRuleException("This royalty is already marked paid.");
        PaidAt = now;
    }

    /// <summary>The quarters of a licence whose reports are overdue on <paramref name="today"/>.</summary>
    public static IReadOnlyList<(int Year, int Quarter)> Overdue(LicenseOrder order, IEnumerable<RoyaltyReport> filed, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.StartsOn is not { } start || order.Status is LicenseStatus.Notified or LicenseStatus.Cancelled) return [];
        var done = filed.Select(r => (r.Year, r.Quarter)).ToHashSet();
        var result = new List<(int, int)>();
        var (y, q) = (start.Year, (start.Month - 1) / 3 + 1);
        var last = order.EndsOn ?? today;
        while (QuarterEnd(y, q) <= last.AddMonths(3) && DueOn(y, q) < today)
        {
            if (!done.Contains((y, q)) && new DateOnly(y, q * 3 - 2, 1) <= last) result.Add((y, q));
            (y, q) = q == 4 ? (y + 1, 1) : (y, q + 1);
        }
        return result;
    }
}
