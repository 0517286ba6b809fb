using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Transfers;

/// <summary>
/// A transfer's price paid online arrives through the licences' webhook (one endpoint, one signature check, one
/// store of event ids): this applies the events of transfer checkouts, in the webhook's unit of work.
/// </summary>
public sealed class TransferPayments(MarketplaceDbContext db, TransferService transfers) : ICheckoutPayable
{
    public async Task<PaymentApplication?> ApplyAsync(PaymentNotification notification, Guid orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var listing = await db.TransferListings.FirstOrDefaultAsync(l => l.Id == orderId, cancellationToken);
        if (listing is null || notification.Session is not { } session) return null;
        switch (notification.Type)
        {
            case "checkout.session.completed" or "checkout.session.async_payment_succeeded":
                if (session.PaymentStatus != "paid") return new("ignored: not paid yet", false);
                try
                {
                    return await transfers.MarkPaidAsync(listing, session.AmountTotal, session.PaymentIntentId ?? session.Id, cancellationToken)
                        ? new("paid", true) : new("ignored: already paid", false);
                }
                catch (TransferRuleException ex)
                {
                    return new("refused: " + ex.Message, false);
                }
            default:
                // An expired or failed checkout leaves the transfer agreed: the buyer starts a new one from the page.
                return new("ignored: " + notification.Type, false);
        }
    }
}
