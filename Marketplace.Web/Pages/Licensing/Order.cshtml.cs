using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Licensing;

/// <summary>One licence for both parties: notice, payment, contract, recordal, royalty reports.</summary>
[Authorize]
public sealed class OrderModel(MarketplaceDbContext db, LicenseService licenses, IPaymentGateway gateway, IStringLocalizer<SharedResource> L) : PageModel
{
    public LicenseOrder Order { get; private set; } = null!;

    public OpenLicenseDeclaration Declaration { get; private set; } = null!;

    public string LicensorName { get; private set; } = "";

    public string LicenseeName { get; private set; } = "";

    /// <summary>
    /// Where the licensee pays a bank transfer; null until the licensor's owners or admins give it. The account number is
    /// whole only for the licensor's members and, while the licence awaits payment, the payer's members; anyone else allowed
    /// on the page (operators) gets its last four digits, so the full number never reaches a page that has no use for it.
    /// </summary>
    public (string Payee, string Bank, string AccountNumber)? PayeeBank { get; private set; }

    /// <summary>Whether <see cref="PayeeBank"/> carries the masked account number.</summary>
    public bool AccountNumberMasked { get; private set; }

    public IReadOnlyList<RoyaltyReport> Royalties { get; private set; } = [];

    public IReadOnlyList<(int Year, int Quarter)> Overdue { get; private set; } = [];

    public LicensingActor Actor { get; private set; } = null!;

    public bool IsLicensor => Actor.ActsFor(Order.LicensorOrganizationId);

    public bool IsLicensee => Actor.ActsFor(Order.LicenseeOrganizationId);

    public bool OnlinePaymentAvailable => gateway.IsConfigured;

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? message, int? paid)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        Message = (message, paid) switch
        {
            ("recorded", _) => L["Recordal number saved."].Value,
            ("transfer", _) => L["Payment confirmed: the licence is in force."].Value,
            ("reported", _) => L["Royalty report filed."].Value,
            ("royalty-paid", _) => L["Royalty payment confirmed."].Value,
            (_, 1) when Order.Payment != PaymentState.Paid => L["Thank you: the payment is being confirmed. This page updates when it arrives."].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostPayAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (!IsLicensee) return Forbid();
        try
        {
            return Redirect(await licenses.CheckoutUrlAsync(Order, Declaration, new Uri($"{Request.Scheme}://{Request.Host}")));
        }
        catch (LicensingRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            return Page();
        }
    }

    public Task<IActionResult> OnPostConfirmTransferAsync(Guid id, string reference) =>
        ActAsync(id, licensor: true, () => licenses.ConfirmTransferAsync(Order, reference ?? ""), "transfer");

    public Task<IActionResult> OnPostRecordAsync(Guid id, string recordalNumber) =>
        ActAsync(id, licensor: true, () => licenses.RecordAsync(Order, recordalNumber ?? ""), "recorded");

    public Task<IActionResult> OnPostRoyaltyAsync(Guid id, int year, int quarter, decimal reported) =>
        ActAsync(id, licensor: false, () => licenses.ReportRoyaltyAsync(Order, year, quarter, reported, Actor.UserId), "reported");

    public Task<IActionResult> OnPostConfirmRoyaltyAsync(Guid id, Guid reportId, string reference) =>
        ActAsync(id, licensor: true, () => licenses.ConfirmRoyaltyPaidAsync(Order, reportId, reference ?? ""), "royalty-paid");

    private async Task<IActionResult> ActAsync(Guid id, bool licensor, Func<Task> action, string message)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (licensor ? !IsLicensor : !IsLicensee) return Forbid();
        try
        {
            await action();
            return RedirectToPage(new { id, message });
        }
        catch (LicensingRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        Actor = (await LicensingActor.ResolveAsync(User, db))!;
        var order = await licenses.FindAsync(id);
        if (order is null) return NotFound();
        if (!Actor.IsOperator && !Actor.IsMemberOf(order.LicensorOrganizationId) && !Actor.IsMemberOf(order.LicenseeOrganizationId)) return Forbid();
        Order = order;
        Declaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).FirstAsync(d => d.Id == order.DeclarationId);
        var parties = await db.Organizations.AsNoTracking().Where(o => o.Id == order.LicensorOrganizationId || o.Id == order.LicenseeOrganizationId)
            .Select(o => new { o.Id, o.Name, o.PayeeName, o.PayeeBank, o.PayeeAccountNumber }).ToDictionaryAsync(o => o.Id);
        var licensor = parties[order.LicensorOrganizationId];
        LicensorName = licensor.Name;
        LicenseeName = parties[order.LicenseeOrganizationId].Name;
        AccountNumberMasked = !Actor.IsMemberOf(order.LicensorOrganizationId)
            && !(Actor.IsMemberOf(order.LicenseeOrganizationId) && order.Payment == PaymentState.Pending);
        PayeeBank = licensor is { PayeeName: { } payee, PayeeBank: { } bank, PayeeAccountNumber: { } account }
            ? (payee, bank, AccountNumberMasked ? Organization.MaskAccountNumber(account) : account)
            : null;
        Royalties = await db.RoyaltyReports.Where(r => r.OrderId == order.Id).OrderBy(r => r.Year).ThenBy(r => r.Quarter).ToListAsync();
        if (Declaration.Fee.HasRoyalty) Overdue = RoyaltyReport.Overdue(order, Royalties, DateOnly.FromDateTime(DateTime.UtcNow));
        return null;
    }
}
