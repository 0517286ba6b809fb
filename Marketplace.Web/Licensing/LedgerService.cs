using System.Globalization;
using Marketplace.Web.Data;
using Marketplace.Web.Exports;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Licensing;

/// <summary>One licence in the ledger, from the organisation's side.</summary>
public sealed record LedgerRow(
    string Reference, string Role, string Counterparty, string PublicationReference, string Patents, string Status, string Payment,
    DateOnly? StartsOn, DateOnly? EndsOn, decimal UpfrontYuan, decimal RoyaltiesReportedYuan, decimal RoyaltiesPaidYuan, string? RecordalNumber, DateTime? RecordalDueAt,
    Guid OrderId);

/// <summary>Licences per patent and per organisation, revenue and royalties; exported as CSV or Excel.</summary>
public sealed class LedgerService(MarketplaceDbContext db)
{
    private static readonly TableExport<LedgerRow> Table = new("Licences",
    [
        new("Reference", r => r.Reference),
        new("Role", r => r.Role),
        new("Counterparty", r => r.Counterparty),
        new("Declaration", r => r.PublicationReference),
        new("Patents", r => r.Patents),
        new("Status", r => r.Status),
        new("Payment", r => r.Payment),
        new("Starts", r => Day(r.StartsOn)),
        new("Ends", r => Day(r.EndsOn)),
        new("Upfront (CNY)", r => TableCell.Of(r.UpfrontYuan, "0.00")),
        new("Royalties reported (CNY)", r => TableCell.Of(r.RoyaltiesReportedYuan, "0.00")),
        new("Royalties paid (CNY)", r => TableCell.Of(r.RoyaltiesPaidYuan, "0.00")),
        new("Recordal number", r => r.RecordalNumber),
        new("Recordal due (UTC)", r => r.RecordalDueAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
    ]);

    public async Task<IReadOnlyList<LedgerRow>> RowsAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var orders = await db.LicenseOrders.Where(o => o.LicensorOrganizationId == organizationId || o.LicenseeOrganizationId == organizationId)
            .OrderByDescending(o => o.NotifiedAt).ToListAsync(cancellationToken);
        var declarationIds = orders.Select(o => o.DeclarationId).Distinct().ToList();
        var declarations = await db.OpenLicenseDeclarations.Include(d => d.Patents).Where(d => declarationIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var organizationIds = orders.SelectMany(o => new[] { o.LicensorOrganizationId, o.LicenseeOrganizationId }).Distinct().ToList();
        var names = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var orderIds = orders.Select(o => o.Id).ToList();
        var royalties = (await db.RoyaltyReports.Where(r => orderIds.Contains(r.OrderId)).ToListAsync(cancellationToken)).ToLookup(r => r.OrderId);
        return [.. orders.Select(o =>
        {
            var asLicensor = o.LicensorOrganizationId == organizationId;
            var d = declarations[o.DeclarationId];
            return new LedgerRow(o.Reference, asLicensor ? "licensor" : "licensee", names.GetValueOrDefault(asLicensor ? o.LicenseeOrganizationId : o.LicensorOrganizationId, "?"),
                d.PublicationReference ?? "", string.Join(" ", d.Patents.Select(p => p.PatentId)), o.Status.ToString(), o.Payment.ToString(), o.StartsOn, o.EndsOn,
                o.Payment == PaymentState.Paid ? o.UpfrontFen / 100m : 0m,
                royalties[o.Id].Sum(r => r.RoyaltyYuan), royalties[o.Id].Where(r => r.PaidAt is not null).Sum(r => r.RoyaltyYuan), o.RecordalNumber, o.RecordalDueAt, o.Id);
        })];
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>UTF-8 with BOM, so Excel opens the Chinese names correctly.</summary>
    public static byte[] Csv(IReadOnlyList<LedgerRow> rows) => Table.ToArray(TableFormat.Csv, rows);

    /// <summary>The amounts stay numbers, so the sheet can sum them.</summary>
    public static byte[] Excel(IReadOnlyList<LedgerRow> rows) => Table.ToArray(TableFormat.Xlsx, rows);
}
