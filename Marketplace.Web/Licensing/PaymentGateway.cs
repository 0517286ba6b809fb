using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Marketplace.Web.Licensing;

/// <summary>The product's boundary to the payment provider: everything licensing asks of Stripe.</summary>
public interface IPaymentGateway
{
    bool IsConfigured { get; }

    /// <summary>A Checkout Session for an order, paid to the licensor's connected account (destination charge) less the platform fee.</summary>
    Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken = default);

    /// <summary>The provider's view of a session (for reconciliation), or null when it does not know it.</summary>
    Task<CheckoutSession?> GetCheckoutAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Verifies the signature over the raw body and reads the event; throws <see cref="PaymentSignatureException"/> when it is not genuine.</summary>
    PaymentNotification ReadWebhook(string rawBody, string? signatureHeader);
}

public sealed record CheckoutRequest(Guid OrderId, string OrderReference, string Description, long AmountFen, long PlatformFeeFen, string DestinationAccount,
    string SuccessUrl, string CancelUrl, string IdempotencyKey);

/// <param name="Status">open, complete or expired.</param>
/// <param name="PaymentStatus">paid, unpaid or no_payment_required.</param>
public sealed record CheckoutSession(string Id, string? Url, string Status, string PaymentStatus, long AmountTotal, string? PaymentIntentId, Guid? OrderId);

/// <summary>A verified provider event: its id (stored once), its type and the session it concerns, when it concerns one.</summary>
public sealed record PaymentNotification(string EventId, string Type, CheckoutSession? Session);

public sealed class PaymentSignatureException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Stripe through Stripe.net only; every create call carries an idempotency key.</summary>
public sealed class StripePaymentGateway(IOptions<LicensingOptions> options) : IPaymentGateway
{
    public const string OrderMetadataKey = "license_order_id";

    private StripeClient? _client;

    public bool IsConfigured => options.Value.OnlinePaymentConfigured;

    private StripeClient Client => _client ??= new StripeClient(new StripeClientOptions
    {
        ApiKey = options.Value.StripeSecretKey ?? throw new InvalidOperationException("Licensing:StripeSecretKey is not configured."),
        ApiBase = string.IsNullOrWhiteSpace(options.Value.StripeApiBase) ? null : options.Value.StripeApiBase,
    });

    public async Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metadata = new Dictionary<string, string> { [OrderMetadataKey] = request.OrderId.ToString(), ["reference"] = request.OrderReference };
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = request.OrderId.ToString(),
            SuccessUrl = request.SuccessUrl,
            CancelUrl = request.CancelUrl,
            Metadata = metadata,
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = options.Value.Currency,
                        UnitAmount = request.AmountFen,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Description },
                    },
                },
            ],
            PaymentIntentData = new SessionPaymentIntentDataOptions
            {
                ApplicationFeeAmount = request.PlatformFeeFen,
                TransferData = new SessionPaymentIntentDataTransferDataOptions { Destination = request.DestinationAccount },
                Metadata = metadata,
            },
        };
        var session = await new SessionService(Client).CreateAsync(create, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken);
        return Map(session);
    }

    public async Task<CheckoutSession?> GetCheckoutAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        try
        {
            return Map(await new SessionService(Client).GetAsync(sessionId, cancellationToken: cancellationToken));
        }
        catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public PaymentNotification ReadWebhook(string rawBody, string? signatureHeader)
    {
        var secret = options.Value.StripeWebhookSecret;
        if (string.IsNullOrWhiteSpace(secret)) throw new PaymentSignatureException("No webhook secret is configured.");
        if (string.IsNullOrWhiteSpace(signatureHeader)) throw new PaymentSignatureException("The Stripe-Signature header is missing.");
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(rawBody, signatureHeader, secret, options.Value.WebhookToleranceSeconds, throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            throw new PaymentSignatureException("The webhook signature is not valid.", ex);
        }
        var session = stripeEvent.Data?.Object is Session s ? Map(s) : null;
        return new PaymentNotification(stripeEvent.Id, stripeEvent.Type, session);
    }

    private static CheckoutSession Map(Session s) => new(
        s.Id, s.Url, s.Status ?? "", s.PaymentStatus ?? "", s.AmountTotal ?? 0, s.PaymentIntentId,
        s.Metadata is { } m && m.TryGetValue(OrderMetadataKey, out var id) && Guid.TryParse(id, out var orderId) ? orderId
        : Guid.TryParse(s.ClientReferenceId, out var byReference) ? byReference : null);
}

/// <summary>What another feature did with a payment event of one of its own checkouts.</summary>
public sealed record PaymentApplication(string Outcome, bool Applied);

/// <summary>
/// Another feature's orders paid through the same gateway, Checkout and signed webhook as licences (a transfer's
/// price): the one webhook verifies the event, stores its id once, and hands the events of sessions that are not
/// licence orders to these, in the same unit of work.
/// </summary>
public interface ICheckoutPayable
{
    /// <summary>Applies a verified event for <paramref name="orderId"/> without saving; null when the id is none of this feature's orders.</summary>
    Task<PaymentApplication?> ApplyAsync(PaymentNotification notification, Guid orderId, CancellationToken cancellationToken = default);
}
