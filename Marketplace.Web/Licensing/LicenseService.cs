using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Notifications;
using Marketplace.Web.Operations;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Licensing;

/// <summary>What happened to a provider event.</summary>
public enum WebhookOutcome
{
    Applied,
    Duplicate,
    Ignored,
}

/// <summary>One line of the reconciliation of local orders with the provider's records.</summary>
public sealed record ReconciliationLine(string OrderReference, string SessionId, string Local, string Provider, string Action);

/// <summary>Taking a licence: notice, payment (online or bank transfer), effect, recordal, royalties, reconciliation.</summary>
public sealed partial class LicenseService(
    MarketplaceDbContext db,
    IPaymentGateway gateway,
    INotifier notifier,
    AuditLog audit,
    IOptions<LicensingOptions> options,
    TimeProvider clock,
    MarketplaceMetrics metrics,
    ILogger<LicenseService> logger,
    IEnumerable<ICheckoutPayable> otherPayables)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<LicenseOrder?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.LicenseOrders.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    /// <summary>
    /// The licensee confirms the terms: the written notice forms the licence. The same form posted twice
    /// (same request key), or a second request while a licence of the same declaration is live, returns the
    /// existing order; the unique indexes decide when two requests race.
    /// </summary>
    public async Task<(LicenseOrder Order, bool Created)> TakeAsync(OpenLicenseDeclaration declaration, Organization licensee, Guid userId, string requestKey,
        CancellationToken cancellationToken = default)
    {
        if (licensee.Verification != VerificationStatus.Verified)
            throw new LicensingRuleException("Only a verified organisation can take a licence: have it verified first.");
        if (await ExistingAsync(declaration.Id, licensee.Id, requestKey, cancellationToken) is { } existing) return (existing, false);
        var order = LicenseOrder.Notify(declaration, licensee.Id, userId, requestKey, Now);
        db.LicenseOrders.Add(order);
        audit.Add(LicensingAuditActions.LicenseNotified, licensee.Id, order.Reference, declaration.PublicationReference);
        await notifier.QueueAsync(Recipient.Organization(declaration.OrganizationId),
            order.Payment == PaymentState.NotRequired ? "A licence of your open licence took effect." : "An enterprise gave notice of taking your open licence.",
            $"/licensing/orders/{order.Id}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request won the race on a unique index: answer with its order.
            db.ChangeTracker.Clear();
            return (await ExistingAsync(declaration.Id, licensee.Id, requestKey, cancellationToken)
                    ?? throw new LicensingRuleException("The licence could not be created: try again."), false);
        }
        await notifier.SendQueuedAsync(cancellationToken);
        metrics.LicenseTaken();
        return (order, true);
    }

    private async Task<LicenseOrder?> ExistingAsync(Guid declarationId, Guid licenseeId, string requestKey, CancellationToken cancellationToken)
    {
        var openKey = LicenseOrder.OpenKeyFor(declarationId, licenseeId);
        return await db.LicenseOrders.FirstOrDefaultAsync(o => o.LicenseeOrganizationId == licenseeId && o.RequestKey == requestKey, cancellationToken)
            ?? await db.LicenseOrders.FirstOrDefaultAsync(o => o.OpenKey == openKey, cancellationToken);
    }

    /// <summary>The Checkout page to pay an order online (one session per order: the idempotency key is the order's).</summary>
    public async Task<string> CheckoutUrlAsync(LicenseOrder order, OpenLicenseDeclaration declaration, Uri siteBase, CancellationToken cancellationToken = default)
    {
        if (order.Payment != PaymentState.Pending || order.Status != LicenseStatus.Notified) throw new LicensingRuleException("This licence is not awaiting payment.");
        if (order.PaymentChannel != PaymentChannel.Online) throw new LicensingRuleException("This licence is paid by bank transfer.");
        if (!gateway.IsConfigured) throw new LicensingRuleException("Online payment is not available: pay by bank transfer or try later.");
        if (order.CheckoutSessionId is { } sessionId && await gateway.GetCheckoutAsync(sessionId, cancellationToken) is { Status: "open", Url: { } openUrl })
            return openUrl;
        var account = await db.PayoutAccounts.FirstOrDefaultAsync(a => a.OrganizationId == order.LicensorOrganizationId, cancellationToken)
            ?? throw new LicensingRuleException("The licensor has no payment account: ask it to connect one, or pay by bank transfer.");
        var fee = (long)decimal.Round(order.UpfrontFen * options.Value.PlatformFeePercent / 100m, 0, MidpointRounding.AwayFromZero);
        var attempt = order.CheckoutSessionId is null ? 1 : 2;
        var session = await gateway.CreateCheckoutAsync(new CheckoutRequest(
            order.Id, order.Reference, $"{declaration.PublicationReference} · {order.Reference}", order.UpfrontFen, fee, account.StripeAccountId,
            new Uri(siteBase, $"/licensing/orders/{order.Id}?paid=1").ToString(), new Uri(siteBase, $"/licensing/orders/{order.Id}").ToString(),
            $"checkout-{order.Id:N}-{attempt}-{order.CheckoutSessionId ?? "first"}"), cancellationToken);
        order.AttachCheckout(session.Id);
        await db.SaveChangesAsync(cancellationToken);
        return session.Url ?? throw new LicensingRuleException("The payment provider gave no payment page.");
    }

    /// <summary>
    /// Applies a verified provider event exactly once: the event id is stored (unique) in the same
    /// transaction as its effect. A repeat, a replay or a concurrent twin does nothing; an expiry after the
    /// payment changes nothing; a payment after an expiry still makes the licence.
    /// </summary>
    public async Task<WebhookOutcome> HandleAsync(PaymentNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await db.PaymentEvents.AnyAsync(e => e.EventId == notification.EventId, cancellationToken)) return WebhookOutcome.Duplicate;
            var (outcome, orderId, applied) = await ApplyAsync(notification, cancellationToken);
            db.PaymentEvents.Add(new PaymentEvent(notification.EventId, notification.Type, orderId, Now, outcome));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await notifier.SendQueuedAsync(cancellationToken);
                if (outcome == "paid") metrics.PaymentApplied("upfront", "online");
                LogEvent(logger, notification.EventId, notification.Type, outcome);
                return applied ? WebhookOutcome.Applied : WebhookOutcome.Ignored;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // the order changed under us: read it again
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (await db.PaymentEvents.AnyAsync(e => e.EventId == notification.EventId, cancellationToken)) return WebhookOutcome.Duplicate;
                throw;
            }
        }
        throw new InvalidOperationException($"Payment event {notification.EventId} kept conflicting with other changes.");
    }

    private async Task<(string Outcome, Guid? OrderId, bool Applied)> ApplyAsync(PaymentNotification n, CancellationToken cancellationToken)
    {
        if (n.Session is not { } session) return ("ignored: not a checkout session", null, false);
        var order = session.OrderId is { } id ? await db.LicenseOrders.FirstOrDefaultAsync(o => o.Id == id, cancellationToken) : null;
        order ??= await db.LicenseOrders.FirstOrDefaultAsync(o => o.CheckoutSessionId == session.Id, cancellationToken);
        if (order is null)
        {
            // Not a licence: another feature's checkout through the same gateway (e.g. a transfer's price).
            if (session.OrderId is { } otherId)
                foreach (var payable in otherPayables)
                    if (await payable.ApplyAsync(n, otherId, cancellationToken) is { } other) return (other.Outcome, otherId, other.Applied);
            return ("ignored: no such order", null, false);
        }
        switch (n.Type)
        {
            case "checkout.session.completed" or "checkout.session.async_payment_succeeded":
                if (session.PaymentStatus != "paid") return ("ignored: not paid yet", order.Id, false);
                if (order.CheckoutSessionId is not null && order.CheckoutSessionId != session.Id && order.Payment == PaymentState.Paid)
                    return ("ignored: paid by another session", order.Id, false);
                var (paid, refused) = await MarkPaidAsync(order, session.AmountTotal, session.PaymentIntentId ?? session.Id, cancellationToken);
                return refused is not null ? ("refused: " + refused, order.Id, false) : paid ? ("paid", order.Id, true) : ("ignored: already paid", order.Id, false);
            case "checkout.session.expired" or "checkout.session.async_payment_failed":
                if (order.CheckoutSessionId is not null && order.CheckoutSessionId != session.Id) return ("ignored: an older session", order.Id, false);
                return order.Cancel("checkout " + n.Type[(n.Type.LastIndexOf('.') + 1)..], Now) ? ("cancelled", order.Id, true) : ("ignored: not awaiting payment", order.Id, false);
            default:
                return ("ignored: type", order.Id, false);
        }
    }

    /// <summary>Marks paid and notifies both parties; says whether it changed anything, or why it was refused.</summary>
    private async Task<(bool Paid, string? Refused)> MarkPaidAsync(LicenseOrder order, long amountFen, string reference, CancellationToken cancellationToken)
    {
        var declaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).FirstAsync(d => d.Id == order.DeclarationId, cancellationToken);
        try
        {
            if (!order.MarkPaid(declaration, amountFen, reference, Now)) return (false, null);
        }
        catch (LicensingRuleException ex)
        {
            return (false, ex.Message);
        }
        audit.Add(LicensingAuditActions.LicensePaid, order.LicensorOrganizationId, order.Reference, reference, userId: null, userName: null);
        await notifier.QueueAsync(Recipient.Organization(order.LicensorOrganizationId), "A licence of your open licence was paid and took effect: record it within three months.", $"/licensing/orders/{order.Id}");
        await notifier.QueueAsync(Recipient.Organization(order.LicenseeOrganizationId), "Your licence took effect: the contract is ready to download.", $"/licensing/orders/{order.Id}");
        return (true, null);
    }

    /// <summary>The licensor confirms a bank transfer arrived.</summary>
    public async Task ConfirmTransferAsync(LicenseOrder order, string transferReference, CancellationToken cancellationToken = default)
    {
        if (order.PaymentChannel != PaymentChannel.BankTransfer) throw new LicensingRuleException("This licence is paid online.");
        if (string.IsNullOrWhiteSpace(transferReference) || transferReference.Trim().Length > 100) throw new LicensingRuleException("Give the bank transfer reference (at most 100 characters).");
        var (paid, refused) = await MarkPaidAsync(order, order.UpfrontFen, "bank:" + transferReference.Trim(), cancellationToken);
        if (refused is not null) throw new LicensingRuleException(refused);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        if (paid) metrics.PaymentApplied("upfront", "bank-transfer");
    }

    public async Task RecordAsync(LicenseOrder order, string recordalNumber, CancellationToken cancellationToken = default)
    {
        order.Record(recordalNumber, Now);
        audit.Add(LicensingAuditActions.LicenseRecorded, order.LicensorOrganizationId, order.Reference, recordalNumber);
        await notifier.QueueAsync(Recipient.Organization(order.LicenseeOrganizationId), "Your licence was recorded with the patent office.", $"/licensing/orders/{order.Id}");
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    public async Task<RoyaltyReport> ReportRoyaltyAsync(LicenseOrder order, int year, int quarter, decimal reportedYuan, Guid userId, CancellationToken cancellationToken = default)
    {
        var declaration = await db.OpenLicenseDeclarations.FirstAsync(d => d.Id == order.DeclarationId, cancellationToken);
        var filed = await db.RoyaltyReports.Where(r => r.OrderId == order.Id).ToListAsync(cancellationToken);
        var earlier = filed.Where(r => r.Year == year && r.Quarter < quarter).Sum(r => r.RoyaltyYuan);
        var report = RoyaltyReport.File(order, declaration.Fee, year, quarter, reportedYuan, earlier, filed, userId, Now);
        db.RoyaltyReports.Add(report);
        await notifier.QueueAsync(Recipient.Organization(order.LicensorOrganizationId), "A licensee reported its royalties: the statement is ready.", $"/licensing/orders/{order.Id}");
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        return report;
    }

    /// <summary>
    /// The licensor confirms that a royalty statement was paid by bank transfer (royalties have no online
    /// checkout). Exactly once: the update only touches a statement still unpaid, so a repeated or a racing
    /// confirmation is refused and the payment is never counted twice.
    /// </summary>
    public async Task ConfirmRoyaltyPaidAsync(LicenseOrder order, Guid reportId, string transferReference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (string.IsNullOrWhiteSpace(transferReference) || transferReference.Trim().Length > 100) throw new LicensingRuleException("Give the bank transfer reference (at most 100 characters).");
        var report = await db.RoyaltyReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId && r.OrderId == order.Id, cancellationToken)
            ?? throw new LicensingRuleException("This royalty statement does not belong to this licence.");
        // The statement's own rule refuses one already paid; the conditional update below decides between two racing confirmations.
        report.MarkPaid(Now);
        var paidAt = report.PaidAt!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await db.RoyaltyReports.Where(r => r.Id == reportId && r.PaidAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.PaidAt, paidAt), cancellationToken);
        if (marked == 0) throw new LicensingRuleException("This royalty is already marked paid.");
        audit.Add(LicensingAuditActions.RoyaltyPaid, order.LicensorOrganizationId, order.Reference,
            $"{report.Year} Q{report.Quarter} {report.RoyaltyYuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} bank:{transferReference.Trim()}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.PaymentApplied("royalty", "bank-transfer");
    }

    /// <summary>Reminds licensees of overdue royalty reports (once per run; the caller schedules runs). Returns how many reminders went out.</summary>
    public async Task<int> RemindOverdueRoyaltiesAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(Now);
        var royaltyDeclarations = (await db.OpenLicenseDeclarations.ToListAsync(cancellationToken)).Where(d => d.Fee.HasRoyalty).Select(d => d.Id).ToHashSet();
        var orders = await db.LicenseOrders.Where(o => royaltyDeclarations.Contains(o.DeclarationId)
            && (o.Status == LicenseStatus.Effective || o.Status == LicenseStatus.Recorded)).ToListAsync(cancellationToken);
        var count = 0;
        foreach (var order in orders)
        {
            var filed = await db.RoyaltyReports.Where(r => r.OrderId == order.Id).ToListAsync(cancellationToken);
            if (RoyaltyReport.Overdue(order, filed, today).Count == 0) continue;
            await notifier.QueueAsync(Recipient.Organization(order.LicenseeOrganizationId), "A royalty report is overdue: report your sales on the licence page.", $"/licensing/orders/{order.Id}");
            count++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// Compares every order that went to Checkout with the provider's session: applies a payment the
    /// webhooks missed, cancels an order whose session expired, and reports any disagreement it cannot settle.
    /// </summary>
    public async Task<IReadOnlyList<ReconciliationLine>> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        var lines = new List<ReconciliationLine>();
        var orders = await db.LicenseOrders.Where(o => o.CheckoutSessionId != null).OrderBy(o => o.NotifiedAt).ToListAsync(cancellationToken);
        foreach (var order in orders)
        {
            var session = await gateway.GetCheckoutAsync(order.CheckoutSessionId!, cancellationToken);
            var local = $"{order.Status}/{order.Payment}";
            if (session is null) { lines.Add(new(order.Reference, order.CheckoutSessionId!, local, "unknown", "check by hand")); continue; }
            var remote = $"{session.Status}/{session.PaymentStatus}";
            string action;
            if (session.PaymentStatus == "paid" && order.Payment != PaymentState.Paid)
                action = (await MarkPaidAsync(order, session.AmountTotal, session.PaymentIntentId ?? session.Id, cancellationToken)).Refused is { } refused ? "refused: " + refused : "marked paid";
            else if (session.PaymentStatus != "paid" && order.Payment == PaymentState.Paid)
                action = "check by hand: paid here, not at the provider";
            else if (session.Status == "expired" && order.Status == LicenseStatus.Notified && order.Payment == PaymentState.Pending)
                action = order.Cancel("checkout expired (reconciliation)", Now) ? "cancelled" : "none";
            else
                action = "none";
            lines.Add(new(order.Reference, session.Id, local, remote, action));
        }
        audit.Add(LicensingAuditActions.Reconciled, null, null, $"{lines.Count} orders, {lines.Count(l => l.Action != "none")} actions");
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        return lines;
    }

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Payment event {EventId} ({Type}): {Outcome}")]
    private static partial void LogEvent(ILogger logger, string eventId, string type, string outcome);
}
