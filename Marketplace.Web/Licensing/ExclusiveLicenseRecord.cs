namespace Marketplace.Web.Licensing;

public enum ExclusiveKind
{
    /// <summary>独占许可.</summary>
    Exclusive,
    /// <summary>排他许可.</summary>
    Sole,
}

/// <summary>
/// An exclusive or sole licence the patentee granted outside the marketplace and records here. While one
/// is in force no open licence can be declared; while a declaration stands none can be recorded.
/// </summary>
public sealed class ExclusiveLicenseRecord
{
    private ExclusiveLicenseRecord(Guid id, Guid organizationId, string patentId, ExclusiveKind kind, string licensee, DateOnly startsOn, DateOnly endsOn, DateTime recordedAt)
    {
        Id = id;
        OrganizationId = organizationId;
        PatentId = patentId;
        Kind = kind;
        Licensee = licensee;
        StartsOn = startsOn;
        EndsOn = endsOn;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string PatentId { get; private set; }

    public ExclusiveKind Kind { get; private set; }

    public string Licensee { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public bool InForceOn(DateOnly day) => StartsOn <= day && day <= EndsOn;

    /// <summary>Refused while any declaration covering the patent stands (Patent Law art. 51(3)).</summary>
    public static ExclusiveLicenseRecord Record(Guid organizationId, string patentId, ExclusiveKind kind, string licensee, DateOnly startsOn, DateOnly endsOn,
        IEnumerable<OpenLicenseDeclaration> declarationsCoveringPatent, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(declarationsCoveringPatent);
        if (declarationsCoveringPatent.FirstOrDefault(d => d.Stands && d.Patents.Any(p => p.PatentId == patentId)) is { } standing)
            throw new LicensingRuleException("Patent {0} is under an open-licence declaration ({1}): no exclusive or sole licence can be recorded while it stands.",
                patentId, standing.PublicationReference ?? standing.Status.ToString());
        if (string.IsNullOrWhiteSpace(licensee)) throw new LicensingRuleException("Name the licensee.");
        if (endsOn < startsOn) throw new LicensingRuleException("The licence cannot end before it starts.");
        return new ExclusiveLicenseRecord(Guid.CreateVersion7(), organizationId, patentId, kind, licensee.Trim(), startsOn, endsOn, now);
    }
}

/// <summary>A payment provider's event, stored once (unique id) in the same transaction as its effect, so a repeat does nothing.</summary>
public sealed class PaymentEvent
{
    public PaymentEvent(string eventId, string type, Guid? orderId, DateTime receivedAt, string outcome)
    {
        EventId = eventId;
        Type = type;
        OrderId = orderId;
        ReceivedAt = receivedAt;
        Outcome = outcome;
    }

    public long Id { get; private set; }

    public string EventId { get; private set; }

    public string Type { get; private set; }

    public Guid? OrderId { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    /// <summary>What the event did (paid, cancelled, ignored: why).</summary>
    public string Outcome { get; private set; }
}

/// <summary>The licensor's Stripe Connect account (destination of the charges for its licences).</summary>
public sealed class PayoutAccount
{
    public PayoutAccount(Guid organizationId, string stripeAccountId, DateTime connectedAt)
    {
        OrganizationId = organizationId;
        StripeAccountId = stripeAccountId;
        ConnectedAt = connectedAt;
    }

    public Guid OrganizationId { get; private set; }

    public string StripeAccountId { get; private set; }

    public DateTime ConnectedAt { get; private set; }

    public static bool IsValidAccountId(string? id) =>
        id is { Length: > 5 and <= 64 } && id.StartsWith("acct_", StringComparison.Ordinal) && id.Skip(5).All(char.IsAsciiLetterOrDigit);
}
