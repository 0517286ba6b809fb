using System.Globalization;

namespace Marketplace.Web.Acquisition;

public enum AcquisitionOfferStatus
{
    Open,
    Accepted,
    Declined,
}

/// <summary>
/// An acquisition offer (收储要约) to the patent's owner organisation: a price in yuan or 面议 (to be negotiated), terms, a
/// validity and a message. The owner accepts or declines with a message; a declined or expired offer may be renewed once
/// with a new price (the renewal is a new offer that points back to it).
/// </summary>
public sealed class AcquisitionOffer
{
    public const int MaxTextLength = 2000;

    /// <summary>An offer stays open at most this long.</summary>
    public const int MaxValidityDays = 366;

    private AcquisitionOffer()
    {
        Reference = OwnerName = Terms = HolderName = PatentId = "";
    }

    public Guid Id { get; private set; }

    public string Reference { get; private set; }

    public Guid CandidateId { get; private set; }

    public string PatentId { get; private set; }

    public Guid OwnerOrganizationId { get; private set; }

    public string OwnerName { get; private set; }

    public string HolderName { get; private set; }

    /// <summary>Null for 面议: the price is left to negotiation.</summary>
    public long? PriceFen { get; private set; }

    public string Terms { get; private set; }

    public DateOnly ValidUntil { get; private set; }

    public string? Message { get; private set; }

    public AcquisitionOfferStatus Status { get; private set; }

    public string? Answer { get; private set; }

    public Guid? AnsweredBy { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    /// <summary>The declined or expired offer this one renews.</summary>
    public Guid? RenewalOfId { get; private set; }

    public bool Renewed { get; private set; }

    public Guid SentBy { get; private set; }

    public DateTime SentAt { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool IsExpired(DateOnly today) => Status == AcquisitionOfferStatus.Open && ValidUntil < today;

    /// <summary>Declined or expired, not itself a renewal and not yet renewed.</summary>
    public bool CanRenew(DateOnly today) => !Renewed && RenewalOfId is null && (Status == AcquisitionOfferStatus.Declined || IsExpired(today));

    internal static AcquisitionOffer Make(AcquisitionCandidate candidate, Guid ownerOrganizationId, string ownerName, string holderName, long? priceFen, string? terms,
        DateOnly validUntil, string? message, Guid? renewalOf, Guid userId, DateOnly today, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (priceFen is <= 0) throw new AcquisitionRuleException(AcquisitionFields.Price, "The price is an amount in yuan greater than zero, or mark it negotiable.");
        var trimmedTerms = (terms ?? "").Trim();
        if (trimmedTerms.Length == 0) throw new AcquisitionRuleException(AcquisitionFields.Terms, "Write the offer's terms (what is acquired, payment, handover).");
        if (trimmedTerms.Length > MaxTextLength) throw new AcquisitionRuleException(AcquisitionFields.Terms, "The terms are at most {0} characters.", MaxTextLength);
        if (validUntil <= today) throw new AcquisitionRuleException(AcquisitionFields.ValidUntil, "The offer's validity must end after today.");
        if (validUntil > today.AddDays(MaxValidityDays)) throw new AcquisitionRuleException(AcquisitionFields.ValidUntil, "An offer is valid for at most one year.");
        var trimmedMessage = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (trimmedMessage?.Length > MaxTextLength) throw new AcquisitionRuleException(AcquisitionFields.Message, "The message is at most {0} characters.", MaxTextLength);
        var id = Guid.NewGuid();
        return new AcquisitionOffer
        {
            Id = id,
            Reference = "SCYY-" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + id.ToString("N")[^8..].ToUpperInvariant(),
            CandidateId = candidate.Id,
            PatentId = candidate.PatentId,
            OwnerOrganizationId = ownerOrganizationId,
            OwnerName = ownerName,
            HolderName = holderName,
            PriceFen = priceFen,
            Terms = trimmedTerms,
            ValidUntil = validUntil,
            Message = trimmedMessage,
            Status = AcquisitionOfferStatus.Open,
            RenewalOfId = renewalOf,
            SentBy = userId,
            SentAt = now,
        };
    }

    public void Accept(Guid userId, string? answer, DateOnly today, DateTime now) => Close(AcquisitionOfferStatus.Accepted, userId, answer, today, now);

    public void Decline(Guid userId, string? answer, DateOnly today, DateTime now) => Close(AcquisitionOfferStatus.Declined, userId, answer, today, now);

    internal void MarkRenewed(DateOnly today)
    {
        if (!CanRenew(today)) throw new AcquisitionRuleException("", "Only a declined or expired offer can be renewed, and only once.");
        Renewed = true;
        Version = Guid.NewGuid();
    }

    private void Close(AcquisitionOfferStatus status, Guid userId, string? answer, DateOnly today, DateTime now)
    {
        if (Status != AcquisitionOfferStatus.Open) throw new AcquisitionRuleException("", "This offer was already answered.");
        if (IsExpired(today)) throw new AcquisitionRuleException("", "This offer expired on {0}: it can no longer be answered.", ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var text = string.IsNullOrWhiteSpace(answer) ? null : answer.Trim();
        if (text?.Length > MaxTextLength) throw new AcquisitionRuleException(AcquisitionFields.Message, "The message is at most {0} characters.", MaxTextLength);
        Status = status;
        Answer = text;
        AnsweredBy = userId;
        AnsweredAt = now;
        Version = Guid.NewGuid();
    }
}
