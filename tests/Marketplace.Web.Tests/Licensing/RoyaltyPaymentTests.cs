using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Reports;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>Paying licence fees shows in the ledgers and the dashboard: royalty statements the licensor confirms, and lump sums.</summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class RoyaltyPaymentTests(LicensingSite site)
{
    private Task<(LicenseOrder Order, RoyaltyReport Report)> ReportedRoyaltyAsync() => ReportedRoyaltyAsync(site);

    private Task ConfirmAsync(Guid orderId, Guid reportId, string reference) => ConfirmAsync(site, orderId, reportId, reference);

    /// <summary>A royalty licence of the second enterprise that took effect eight months ago, with its first ended quarter reported.</summary>
    internal static async Task<(LicenseOrder Order, RoyaltyReport Report)> ReportedRoyaltyAsync(LicensingSite site)
    {
        var declaration = await site.PublishAsync(LicenseFee.Royalty(5m, RoyaltyBase.Sales), PaymentChannel.BankTransfer);
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var loaded = await db.OpenLicenseDeclarations.Include(d => d.Patents).SingleAsync(d => d.Id == declaration.Id);
        var order = LicenseOrder.Notify(loaded, site.SecondEnterprise, Guid.NewGuid(), "royalty-paid-" + Guid.NewGuid().ToString("N"), DateTime.UtcNow.AddMonths(-8));
        db.LicenseOrders.Add(order);
        await db.SaveChangesAsync();
        var (year, quarter) = RoyaltyReport.Overdue(order, [], DateOnly.FromDateTime(DateTime.UtcNow))[0];
        var report = await scope.ServiceProvider.GetRequiredService<LicenseService>().ReportRoyaltyAsync(order, year, quarter, 200_000m, Guid.NewGuid());
        return (order, report);
    }

    internal static async Task ConfirmAsync(LicensingSite site, Guid orderId, Guid reportId, string reference)
    {
        await using var scope = site.Scope();
        var licenses = scope.ServiceProvider.GetRequiredService<LicenseService>();
        await licenses.ConfirmRoyaltyPaidAsync((await licenses.FindAsync(orderId))!, reportId, reference);
    }

    private async Task<decimal> RevenueAsync()
    {
        await using var scope = site.Scope();
        return (await scope.ServiceProvider.GetRequiredService<IMarketplaceIndicators>().LicenseRevenueAsync()).Value ?? 0m;
    }

    [Fact]
    public async Task A_royalty_the_licensor_confirms_is_paid_once_and_counts_in_both_ledgers_and_the_dashboard()
    {
        var (order, report) = await ReportedRoyaltyAsync();
        Assert.Equal(10_000m, report.RoyaltyYuan);
        var revenueBefore = await RevenueAsync();

        await ConfirmAsync(order.Id, report.Id, "ICBC-ROYALTY-001");
        var again = await Assert.ThrowsAsync<LicensingRuleException>(() => ConfirmAsync(order.Id, report.Id, "ICBC-ROYALTY-001"));
        Assert.Equal("This royalty is already marked paid.", again.Template);

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        Assert.NotNull((await db.RoyaltyReports.AsNoTracking().SingleAsync(r => r.Id == report.Id)).PaidAt);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == LicensingAuditActions.RoyaltyPaid && e.Subject == order.Reference));
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerService>();
        Assert.Equal(10_000m, Assert.Single(await ledger.RowsAsync(site.University), r => r.Reference == order.Reference).RoyaltiesPaidYuan);
        Assert.Equal(10_000m, Assert.Single(await ledger.RowsAsync(site.SecondEnterprise), r => r.Reference == order.Reference).RoyaltiesPaidYuan);
        Assert.Equal(revenueBefore + 10_000m, await RevenueAsync());
    }

    [Fact]
    public Task Two_confirmations_of_the_same_royalty_at_once_mark_it_paid_exactly_once() => ConfirmTwiceAtOnceAsync(site);

    /// <summary>Two confirmations race; exactly one wins, and one payment is recorded.</summary>
    internal static async Task ConfirmTwiceAtOnceAsync(LicensingSite site)
    {
        var (order, report) = await ReportedRoyaltyAsync(site);
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try
            {
                await ConfirmAsync(site, order.Id, report.Id, "RACE-" + i);
                return true;
            }
            catch (LicensingRuleException)
            {
                return false;
            }
        }));
        Assert.Equal(1, results.Count(ok => ok));
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == LicensingAuditActions.RoyaltyPaid && e.Subject == order.Reference));
    }

    [Fact]
    public async Task Only_the_licensor_confirms_a_royalty_on_the_licence_page()
    {
        var (order, report) = await ReportedRoyaltyAsync();
        var url = $"/licensing/orders/{order.Id}";
        using var licensor = await site.CreateClient().SignInAsDemoAsync("university.admin@demo.patent-marketplace.local");
        var page = await licensor.PageAsync(url);
        var form = page.QuerySelectorAll("#royalties form").Single(f => f.QuerySelector("input[name=reportId]")?.GetAttribute("value") == report.Id.ToString());
        using var confirmed = await licensor.PostFormAsync(form, url, new Dictionary<string, string> { ["reference"] = "BOC-7788" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await licensor.PageAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Equal("提成付款已确认。", after.QuerySelector("#message")!.TextContent.Trim());
        Assert.Empty(after.QuerySelectorAll("#royalties form[action$='handler=ConfirmRoyalty']"));
    }

    [Fact]
    public async Task The_licensees_ledger_shows_the_lump_sum_it_paid()
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(80_000m), PaymentChannel.BankTransfer);
        var (order, _) = await site.TakeAsync(declaration.Id, site.Enterprise);
        await using (var scope = site.Scope())
        {
            var licenses = scope.ServiceProvider.GetRequiredService<LicenseService>();
            await licenses.ConfirmTransferAsync((await licenses.FindAsync(order.Id))!, "ICBC-80000");
        }
        LedgerTotals totals;
        await using (var scope = site.Scope())
            totals = LedgerTotals.Of(await scope.ServiceProvider.GetRequiredService<LedgerService>().RowsAsync(site.Enterprise));
        Assert.True(totals.PaidUpfrontYuan >= 80_000m, $"paid upfront {totals.PaidUpfrontYuan}");

        using var enterprise = await site.CreateClient().SignInAsDemoAsync("enterprise.owner@demo.patent-marketplace.local");
        var ledger = await enterprise.PageAsync("/licensing/ledger");
        Assert.Contains($"已付许可费：{LicensingDocuments.Money(totals.PaidYuan)}（首付 {LicensingDocuments.Money(totals.PaidUpfrontYuan)}",
            ledger.QuerySelector("#totals-paid")?.TextContent ?? "(no totals of fees paid)", StringComparison.Ordinal);
    }
}
