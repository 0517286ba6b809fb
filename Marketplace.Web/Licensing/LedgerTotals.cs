namespace Marketplace.Web.Licensing;

/// <summary>
/// What the organisation received as licensor and paid as licensee: upfront fees (lump sums and entry fees)
/// once paid, plus royalty statements once paid. An enterprise that takes licences receives nothing, so its
/// ledger must show what it paid, not a "received" figure of zero.
/// </summary>
public sealed record LedgerTotals(
    int LicensesGranted, decimal ReceivedUpfrontYuan, decimal ReceivedRoyaltiesYuan, decimal RoyaltiesReportedToUsYuan,
    int LicensesTaken, decimal PaidUpfrontYuan, decimal PaidRoyaltiesYuan, decimal RoyaltiesWeReportedYuan)
{
    public decimal ReceivedYuan => ReceivedUpfrontYuan + ReceivedRoyaltiesYuan;

    public decimal PaidYuan => PaidUpfrontYuan + PaidRoyaltiesYuan;

    public static LedgerTotals Of(IEnumerable<LedgerRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var granted = rows.Where(r => r.Role == "licensor").ToList();
        var taken = rows.Where(r => r.Role == "licensee").ToList();
        return new LedgerTotals(
            granted.Count, granted.Sum(r => r.UpfrontYuan), granted.Sum(r => r.RoyaltiesPaidYuan), granted.Sum(r => r.RoyaltiesReportedYuan),
            taken.Count, taken.Sum(r => r.UpfrontYuan), taken.Sum(r => r.RoyaltiesPaidYuan), taken.Sum(r => r.RoyaltiesReportedYuan));
    }
}
