namespace Marketplace.Web.Licensing;

/// <summary>Where a licence stands (DESIGN.md): notified → paid → effective → recorded, or cancelled / expired.</summary>
public enum LicenseStatus
{
    /// <summary>The written notice reached the patentee; payment is awaited.</summary>
    Notified,
    /// <summary>The licence is in force (paid, or free).</summary>
    Effective,
    /// <summary>Recorded with the patent office (备案).</summary>
    Recorded,
    /// <summary>Abandoned before payment (checkout expired, or cancelled by the licensee).</summary>
    Cancelled,
    /// <summary>The term ended.</summary>
    Expired,
}

/// <summary>How the upfront fee was or will be paid.</summary>
public enum PaymentState
{
    /// <summary>Nothing to pay (free or royalty-only).</summary>
    NotRequired,
    Pending,
    Paid,
}

/// <summary>
/// An enterprise takes an open licence: the written notice (书面通知) forms the licence, payment lets it
/// start. One aggregate from the notice to recordal. A licence is always non-exclusive. The upfront fee
/// is kept in fen (0.01 yuan), as payment providers count.
/// </summary>
public sealed class LicenseOrder
{
    public static readonly TimeSpan RecordalPeriod = TimeSpan.FromDays(91);

    private LicenseOrder()
    {
        Reference = "";
        RequestKey = "";
    }

    private LicenseOrder(Guid id, Guid declarationId, Guid licensorId, Guid licenseeId, Guid requestedBy, string requestKey, long upfrontFen, PaymentChannel channel, DateTime now)
    {
        Id = id;
        DeclarationId = declarationId;
        LicensorOrganizationId = licensorId;
        LicenseeOrganizationId = licenseeId;
        RequestedBy = requestedBy;
        RequestKey = requestKey;
        UpfrontFen = upfrontFen;
        PaymentChannel = channel;
        NotifiedAt = now;
        Payment = upfrontFen > 0 ? PaymentState.Pending : PaymentState.NotRequired;
        OpenKey = OpenKeyFor(declarationId, licenseeId);
        Reference = "OL-" + now.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-" + id.ToString("N")[^8..].ToUpperInvariant();
    }

    public Guid Id { get; private set; }

    /// <summary>The reference printed on notice and contract (OL-yyyyMMdd-XXXXXXXX).</summary>
    public string Reference { get; private set; }

    public Guid DeclarationId { get; private set; }

    public Guid LicensorOrganizationId { get; private set; }

    public Guid LicenseeOrganizationId { get; private set; }

    public Guid RequestedBy { get; private set; }

    /// <summary>The key of the confirming form: the same form posted twice finds the same order (unique).</summary>
    public string RequestKey { get; private set; }

    /// <summary>
    /// "{declaration}:{licensee}" while the order is open or in force, null once cancelled or expired: a unique
    /// index keeps one live licence per licensee and declaration, whatever the timing of two requests.
    /// </summary>
    public string? OpenKey { get; private set; }

    public LicenseStatus Status { get; private set; }

    public PaymentState Payment { get; private set; }

    public PaymentChannel PaymentChannel { get; private set; }

    public long UpfrontFen { get; private set; }

    public DateTime NotifiedAt { get; private set; }

    public DateTime? PaidAt { get; private set; }

    /// <summary>Stripe Checkout Session id, when paid online.</summary>
    public string? CheckoutSessionId { get; private set; }

    /// <summary>The provider's payment reference (payment intent) or the bank transfer reference the licensor confirmed.</summary>
    public string? PaymentReference { get; private set; }

    public DateOnly? StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public DateTime? EffectiveAt { get; private set; }

    public DateTime? RecordalDueAt { get; private set; }

    /// <summary>备案号 from the patent office.</summary>
    public string? RecordalNumber { get; private set; }

    public DateTime? RecordedAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>Changes on every state change: two writers (two webhooks, a webhook and the licensor) cannot both win.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public static string OpenKeyFor(Guid declarationId, Guid licenseeId) => $"{declarationId:N}:{licenseeId:N}";

    /// <summary>The written notice: the declaration must be published; the licensee must not be the licensor. Free licences take effect at once.</summary>
    public static LicenseOrder Notify(OpenLicenseDeclaration declaration, Guid licenseeOrganizationId, Guid requestedBy, string requestKey, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        declaration.EnsureOpenForLicensing();
        if (licenseeOrganizationId == declaration.OrganizationId) throw new LicensingRuleException("The patentee cannot take a licence of its own patents.");
        if (string.IsNullOrWhiteSpace(requestKey) || requestKey.Length > 64) throw new LicensingRuleException("The request has no valid key: reload the page and confirm again.");
        var fen = checked((long)decimal.Round(declaration.Fee.UpfrontYuan * 100m, 0, MidpointRounding.AwayFromZero));
        var order = new LicenseOrder(Guid.CreateVersion7(), declaration.Id, declaration.OrganizationId, licenseeOrganizationId, requestedBy, requestKey, fen, declaration.PaymentChannel, now);
        if (order.Payment == PaymentState.NotRequired) order.TakeEffect(declaration, now);
        return order;
    }

    public void AttachCheckout(string sessionId)
    {
        if (Payment != PaymentState.Pending || Status != LicenseStatus.Notified) throw new LicensingRuleException("This licence is not awaiting payment.");
        if (PaymentChannel != PaymentChannel.Online) throw new LicensingRuleException("This licence is paid by bank transfer.");
        CheckoutSessionId = sessionId;
        Version = Guid.NewGuid();
    }

    /// <summary>
    /// The payment arrived (provider event or the licensor's confirmation of a bank transfer). Returns false
    /// when it was already recorded, so a repeated confirmation changes nothing. A payment for an order
    /// cancelled in the meantime (events out of order) still makes the licence: the money was taken.
    /// </summary>
    public bool MarkPaid(OpenLicenseDeclaration declaration, long amountFen, string reference, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (Payment == PaymentState.Paid) return false;
        if (Payment == PaymentState.NotRequired) throw new LicensingRuleException("This licence needs no payment.");
        if (amountFen != UpfrontFen) throw new LicensingRuleException("The amount paid ({0} fen) differs from the fee due ({1} fen).", amountFen, UpfrontFen);
        Payment = PaymentState.Paid;
        PaidAt = now;
        PaymentReference = reference;
        Version = Guid.NewGuid();
        if (Status == LicenseStatus.Cancelled)
        {
            Status = LicenseStatus.Notified;
            CancelledAt = null;
            CancelReason = null;
            OpenKey = OpenKeyFor(DeclarationId, LicenseeOrganizationId);
        }
        TakeEffect(declaration, now);
        return true;
    }

    /// <summary>Abandons an unpaid order (checkout expired or the licensee cancels); paid or free licences cannot be cancelled this way.</summary>
    public bool Cancel(string reason, DateTime now)
    {
        if (Status == LicenseStatus.Cancelled) return false;
        if (Status != LicenseStatus.Notified || Payment != PaymentState.Pending) return false;
        Status = LicenseStatus.Cancelled;
        CancelledAt = now;
        CancelReason = reason;
        OpenKey = null;
        Version = Guid.NewGuid();
        return true;
    }

    /// <summary>Closes the recordal task with the patent office's recordal number.</summary>
    public void Record(string recordalNumber, DateTime now)
    {
        if (Status != LicenseStatus.Effective) throw new LicensingRuleException("Only a licence in force can be recorded.");
        if (string.IsNullOrWhiteSpace(recordalNumber) || recordalNumber.Trim().Length > 64) throw new LicensingRuleException("Give the recordal number (at most 64 characters).");
        Status = LicenseStatus.Recorded;
        RecordalNumber = recordalNumber.Trim();
        RecordedAt = now;
        Version = Guid.NewGuid();
    }

    /// <summary>Marks the licence expired after its last day; granted licences survive a withdrawal and end only here.</summary>
    public bool ExpireIfEnded(DateOnly today)
    {
        if (Status is not (LicenseStatus.Effective or LicenseStatus.Recorded) || EndsOn is not { } end || today <= end) return false;
        Status = LicenseStatus.Expired;
        OpenKey = null;
        Version = Guid.NewGuid();
        return true;
    }

    public bool IsInForce(DateOnly today) => Status is LicenseStatus.Effective or LicenseStatus.Recorded && StartsOn <= today && today <= EndsOn;

    public bool RecordalOverdue(DateTime now) => Status == LicenseStatus.Effective && RecordalDueAt is { } due && now > due;

    private void TakeEffect(OpenLicenseDeclaration declaration, DateTime now)
    {
        Status = LicenseStatus.Effective;
        EffectiveAt = now;
        StartsOn = DateOnly.FromDateTime(now);
        EndsOn = declaration.LicenseEnd(StartsOn.Value);
        RecordalDueAt = now + RecordalPeriod;
    }
}
