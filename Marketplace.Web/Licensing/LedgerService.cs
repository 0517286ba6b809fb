using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Licensing;

/// <summary>One licence in the ledger, from the organisation's side.</summary>
public sealed record LedgerRow(
    string Reference, string Role, string Counterparty, string PublicationReference, string Patents, string Status, string Payment,
    DateOnly? StartsOn, DateOnly? EndsOn, decimal UpfrontYuan, decimal RoyaltiesReportedYuan, decimal RoyaltiesPaidYuan, string? RecordalNumber, DateTime? RecordalDueAt);

/// <summary>Licences per patent and per organisation, revenue and royalties; exported as CSV or Excel.</summary>
public sealed class LedgerService(MarketplaceDbContext db)
{
    public static readonly IReadOnlyList<string> Headers =
        ["Reference", "Role", "Counterparty", "Declaration", "Patents", "Status", "Payment", "Starts", "Ends", "Upfront (CNY)", "Royalties reported (CNY)", "Royalties paid (CNY)", "Recordal number", "Recordal due (UTC)"];

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
                royalties[o.Id].Sum(r => r.RoyaltyYuan), royalties[o.Id].Where(r => r.PaidAt is not null).Sum(r => r.RoyaltyYuan), o.RecordalNumber, o.RecordalDueAt);
        })];
    }

    private static IReadOnlyList<string> Cells(LedgerRow r) =>
    [
        r.Reference, r.Role, r.Counterparty, r.PublicationReference, r.Patents, r.Status, r.Payment,
        r.StartsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", r.EndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        r.UpfrontYuan.ToString("0.00", CultureInfo.InvariantCulture), r.RoyaltiesReportedYuan.ToString("0.00", CultureInfo.InvariantCulture),
        r.RoyaltiesPaidYuan.ToString("0.00", CultureInfo.InvariantCulture), r.RecordalNumber ?? "", r.RecordalDueAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
    ];

    /// <summary>UTF-8 with BOM, so Excel opens the Chinese names correctly.</summary>
    public static byte[] Csv(IReadOnlyList<LedgerRow> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true))
        {
            foreach (var h in Headers) csv.WriteField(h);
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var cell in Cells(row)) csv.WriteField(cell);
                csv.EndRecord();
            }
        }
        return stream.ToArray();
    }

    public static byte[] Excel(IReadOnlyList<LedgerRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Licences");
        for (var c = 0; c < Headers.Count; c++) sheet.Cell(1, c + 1).Value = Headers[c];
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Cells(rows[r]);
            for (var c = 0; c < cells.Count; c++)
            {
                if (c is >= 9 and <= 11) sheet.Cell(r + 2, c + 1).Value = decimal.Parse(cells[c], CultureInfo.InvariantCulture);
                else sheet.Cell(r + 2, c + 1).Value = cells[c];
            }
        }
        sheet.Row(1).Style.Font.Bold = true;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
