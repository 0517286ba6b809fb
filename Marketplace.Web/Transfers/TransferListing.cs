using System.Globalization;
using Marketplace.Web.Licensing;
using Search.Indexer.Records;

namespace Marketplace.Web.Transfers;

/// <summary>
/// Where a transfer (专利转让) stands: draft → listed → under negotiation → agreed (contract signed) → paid →
/// recorded with the patent office (closed, the buyer is the new owner); or withdrawn by the seller, or expired
/// past its validity without an agreement.
/// </summary>
public enum TransferStatus
{
    Draft,
    Listed,
    UnderNegotiation,
    Agreed,
    Paid,
    Recorded,
    Withdrawn,
    Expired,
}

/// <summary>How the price is paid: at once, or in instalments (the first due at signing, through the platform).</summary>
public enum TransferPaymentTerms
{
    LumpSum,
    Instalments,
}

/// <summary>One finding of the signing checks: an English template (a UI string key) and its arguments.</summary>
public sealed record SigningFinding(string Code, string Template, params object[] Arguments)
{
    public override string ToString() =>
        Arguments.Length == 0 ? Template : string.Format(CultureInfo.InvariantCulture, Template, Arguments);
}

/// <summary>What the patent index said about the patent when it was listed.</summary>
public sealed record ListedPatent(string PatentId, string Title, DocumentType DocumentType, LegalStatus LegalStatus, string? ApplicationNumber,
    string Applicants, string Inventors, IReadOnlyList<string> CoOwners);

/// <summary>
/// A patent an owner organisation offers for sale, from the listing through the negotiation, the signed contract
/// (CNIPA's 专利权转让合同 structure, with the signing guidance's checks), payment and recordal. Prices are kept in
/// fen (0.01 yuan), as payment providers count; no asking price means 面议 (negotiable).
/// </summary>
public sealed class TransferListing
{
    public const int MaxTextLength = 2000;
    public const int MaxInstalments = 12;

    private TransferListing()
    {
        Reference = "";
        SellerName = "";
        PatentId = "";
        PatentTitle = "";
        Applicants = "";
        Inventors = "";
        CoOwnerNames = "";
    }

    public Guid Id { get; private set; }

    /// <summary>ZR-yyyyMMdd-XXXXXXXX: the listing's reference, also the contract number once agreed.</summary>
    public string Reference { get; private set; }

    public Guid SellerOrganizationId { get; private set; }

    public string SellerName { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string PatentId { get; private set; }

    public string PatentTitle { get; private set; }

    public DocumentType DocumentType { get; private set; }

    public LegalStatus LegalStatus { get; private set; }

    public string? ApplicationNumber { get; private set; }

    /// <summary>The applicants as the index names them, joined by "；".</summary>
    public string Applicants { get; private set; }

    public string Inventors { get; private set; }

    /// <summary>Applicants other than the seller, joined by "；": when there are any, co-owner consent must be confirmed.</summary>
    public string CoOwnerNames { get; private set; }

    public IReadOnlyList<string> CoOwners => CoOwnerNames.Length == 0 ? [] : CoOwnerNames.Split('；');

    /// <summary>The asking price; null when the price is negotiable (面议).</summary>
    public long? AskingPriceFen { get; private set; }

    public string? Conditions { get; private set; }

    /// <summary>The last day offers are taken; after it an unagreed listing expires.</summary>
    public DateOnly ValidUntil { get; private set; }

    public TransferStatus Status { get; private set; }

    public DateTime? ListedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public string? WithdrawalReason { get; private set; }

    public Guid? AcceptedOfferId { get; private set; }

    public Guid? BuyerOrganizationId { get; private set; }

    public string? BuyerName { get; private set; }

    public string? BuyerAddress { get; private set; }

    public long? PriceFen { get; private set; }

    public TransferPaymentTerms? PaymentTerms { get; private set; }

    public int? Instalments { get; private set; }

    /// <summary>The seller confirmed that every co-owner consents (the written consents are annexed to the contract).</summary>
    public bool CoOwnerConsent { get; private set; }

    /// <summary>The seller acknowledged the existing licences listed in the contract; the buyer takes them over.</summary>
    public bool LicencesAcknowledged { get; private set; }

    /// <summary>Null until the seller says whether the patent is pledged.</summary>
    public bool? Pledged { get; private set; }

    public string? PledgeDetails { get; private set; }

    public string? SellerAddress { get; private set; }

    /// <summary>The patent agency that files the recordal, if one does.</summary>
    public string? Agent { get; private set; }

    public DateTime? AgreedAt { get; private set; }

    public PaymentChannel PaymentChannel { get; private set; }

    public string? CheckoutSessionId { get; private set; }

    public string? PaymentReference { get; private set; }

    public DateTime? PaidAt { get; private set; }

    /// <summary>The patent office's notice of the recorded change (手续合格通知书) number.</summary>
    public string? RecordalNumber { get; private set; }

    public DateTime? RecordedAt { get; private set; }

    /// <summary>Changes on every state change: two writers (a webhook and the seller) cannot both win.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool IsOpenForOffers(DateOnly today) => Status is TransferStatus.Listed or TransferStatus.UnderNegotiation && AcceptedOfferId is null && today <= ValidUntil;

    /// <summary>Shown as "for sale" in search while offers are taken.</summary>
    public bool IsForSale => Status is TransferStatus.Listed or TransferStatus.UnderNegotiation && AcceptedOfferId is null;

    public string ContractNumber => Reference;

    /// <summary>What is paid through the platform at signing: the whole price, or the first instalment (the rest follows the contract's schedule).</summary>
    public long AmountDueFen => PriceFen is not { } price ? 0
        : PaymentTerms == TransferPaymentTerms.Instalments && Instalments is > 1 and var n ? price - price / n * (n - 1)
        : price;

    public static TransferListing Draft(Guid sellerOrganizationId, string sellerName, Guid userId, ListedPatent patent, long? askingPriceFen, string? conditions,
        DateOnly validUntil, DateOnly today, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(patent);
        if (patent.LegalStatus is LegalStatus.Lapsed or LegalStatus.Expired or LegalStatus.Withdrawn or LegalStatus.Invalidated)
            throw new TransferRuleException("Patent {0} is no longer in force or pending: it cannot be transferred.", patent.PatentId);
        var listing = new TransferListing
        {
            Id = Guid.CreateVersion7(),
            SellerOrganizationId = sellerOrganizationId,
            SellerName = sellerName,
            CreatedBy = userId,
            CreatedAt = now,
            PatentId = patent.PatentId,
            PatentTitle = Clip(patent.Title, 500),
            DocumentType = patent.DocumentType,
            LegalStatus = patent.LegalStatus,
            ApplicationNumber = patent.ApplicationNumber,
            Applicants = Clip(patent.Applicants, 1000),
            Inventors = Clip(patent.Inventors, 1000),
            CoOwnerNames = Clip(string.Join("；", patent.CoOwners), 1000),
            Status = TransferStatus.Draft,
        };
        listing.Reference = "ZR-" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + listing.Id.ToString("N")[^8..].ToUpperInvariant();
        listing.SetTerms(askingPriceFen, conditions, validUntil, today);
        return listing;
    }

    public void SetTerms(long? askingPriceFen, string? conditions, DateOnly validUntil, DateOnly today)
    {
        if (Status is not (TransferStatus.Draft or TransferStatus.Listed)) throw new TransferRuleException("The terms can only change before negotiation starts.");
        if (askingPriceFen is <= 0) throw new TransferRuleException("The asking price must be more than zero, or leave it empty for a negotiable price (面议).");
        if (conditions is { Length: > MaxTextLength }) throw new TransferRuleException("The conditions may have at most {0} characters.", MaxTextLength);
        if (validUntil <= today) throw new TransferRuleException("The listing must be valid until a day after today.");
        if (validUntil > today.AddYears(2)) throw new TransferRuleException("A listing is valid for at most two years.");
        AskingPriceFen = askingPriceFen;
        Conditions = string.IsNullOrWhiteSpace(conditions) ? null : conditions.Trim();
        ValidUntil = validUntil;
        Version = Guid.NewGuid();
    }

    public void List(DateOnly today, DateTime now)
    {
        if (Status != TransferStatus.Draft) throw new TransferRuleException("Only a draft can be listed.");
        if (ValidUntil <= today) throw new TransferRuleException("The listing must be valid until a day after today.");
        Status = TransferStatus.Listed;
        ListedAt = now;
        Version = Guid.NewGuid();
    }

    public void Withdraw(string reason, DateTime now)
    {
        if (Status is not (TransferStatus.Draft or TransferStatus.Listed or TransferStatus.UnderNegotiation))
            throw new TransferRuleException("A transfer already agreed, closed or withdrawn cannot be withdrawn.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxTextLength) throw new TransferRuleException("Give the reason for the withdrawal.");
        Status = TransferStatus.Withdrawn;
        WithdrawalReason = reason.Trim();
        ClosedAt = now;
        Version = Guid.NewGuid();
    }

    public void EnsureOpenForOffers(DateOnly today)
    {
        if (Status is TransferStatus.Withdrawn) throw new TransferRuleException("The seller withdrew this listing: it takes no offers.");
        if (Status is TransferStatus.Expired || (Status is TransferStatus.Listed or TransferStatus.UnderNegotiation && today > ValidUntil))
            throw new TransferRuleException("This listing expired on {0}: it takes no offers.", ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (!IsOpenForOffers(today)) throw new TransferRuleException("This listing takes no offers now.");
    }

    internal void OfferReceived()
    {
        if (Status == TransferStatus.Listed) Status = TransferStatus.UnderNegotiation;
        Version = Guid.NewGuid();
    }

    /// <summary>No offer is open any more: the listing takes offers again as listed.</summary>
    internal void NegotiationEnded()
    {
        if (Status == TransferStatus.UnderNegotiation && AcceptedOfferId is null) Status = TransferStatus.Listed;
        Version = Guid.NewGuid();
    }

    internal void TermsAccepted(TransferOffer offer)
    {
        if (AcceptedOfferId is not null) throw new TransferRuleException("Another offer was already accepted.");
        AcceptedOfferId = offer.Id;
        BuyerOrganizationId = offer.BuyerOrganizationId;
        BuyerName = offer.BuyerName;
        BuyerAddress = offer.BuyerAddress;
        PriceFen = offer.PriceFen;
        PaymentTerms = offer.PaymentTerms;
        Instalments = offer.PaymentTerms == TransferPaymentTerms.Instalments ? offer.Instalments : null;
        Version = Guid.NewGuid();
    }

    /// <summary>The seller's answers to the signing guidance's checks (what the contract discloses).</summary>
    public void SaveSigning(bool coOwnerConsent, bool licencesAcknowledged, bool? pledged, string? pledgeDetails, string? sellerAddress, string? agent)
    {
        if (Status != TransferStatus.UnderNegotiation || AcceptedOfferId is null) throw new TransferRuleException("The signing checks follow an accepted offer.");
        if (pledgeDetails is { Length: > MaxTextLength } || sellerAddress is { Length: > 300 } || agent is { Length: > 200 })
            throw new TransferRuleException("An answer of the signing checks is too long.");
        CoOwnerConsent = coOwnerConsent;
        LicencesAcknowledged = licencesAcknowledged;
        Pledged = pledged;
        PledgeDetails = string.IsNullOrWhiteSpace(pledgeDetails) ? null : pledgeDetails.Trim();
        SellerAddress = string.IsNullOrWhiteSpace(sellerAddress) ? null : sellerAddress.Trim();
        Agent = string.IsNullOrWhiteSpace(agent) ? null : agent.Trim();
        Version = Guid.NewGuid();
    }

    /// <summary>
    /// The signing guidance's checks as they stand (every unmet one): co-owner consent when the patent has other
    /// applicants, the platform's existing licences acknowledged, pledges disclosed, price and payment terms agreed,
    /// the parties' addresses for the contract and the recordal request, a verified buyer.
    /// </summary>
    /// <param name="registeredPledge">A pledge recorded on the platform binds the patent: no transfer until its release.</param>
    public IReadOnlyList<SigningFinding> SigningFindings(int existingLicences, bool buyerVerified, bool registeredPledge = false)
    {
        var findings = new List<SigningFinding>();
        if (registeredPledge)
            findings.Add(new("registered-pledge", "Registered pledge: a pledge recorded on the platform binds this patent; it can be transferred once the pledge is released."));
        if (AcceptedOfferId is null || PriceFen is not > 0 || PaymentTerms is null)
            findings.Add(new("price", "Price and payment terms: no offer has been accepted yet."));
        if (CoOwners.Count > 0 && !CoOwnerConsent)
            findings.Add(new("co-owners", "Co-owner consent: the patent has other applicants ({0}); confirm that each of them consents to the transfer.", CoOwnerNames));
        if (existingLicences > 0 && !LicencesAcknowledged)
            findings.Add(new("licences", "Existing licences: {0} licence(s) of this patent are recorded on the platform; acknowledge them so the contract lists them.", existingLicences));
        if (Pledged is null)
            findings.Add(new("pledges", "Pledges: say whether the patent is pledged."));
        else if (Pledged == true && PledgeDetails is null)
            findings.Add(new("pledges", "Pledges: name the pledgee and how it consents to the transfer."));
        if (SellerAddress is null)
            findings.Add(new("address", "Give the transferor's address for the contract and the recordal request."));
        if (BuyerOrganizationId is not null && !buyerVerified)
            findings.Add(new("buyer", "The buyer's organisation must be verified before it signs."));
        return findings;
    }

    /// <summary>Both parties agree: refused with the first unmet check; the contract is issued under the listing's reference.</summary>
    public void Agree(int existingLicences, bool buyerVerified, PaymentChannel channel, DateTime now, bool registeredPledge = false)
    {
        if (Status != TransferStatus.UnderNegotiation || AcceptedOfferId is null) throw new TransferRuleException("The contract follows an accepted offer.");
        if (SigningFindings(existingLicences, buyerVerified, registeredPledge) is [var first, ..]) throw new TransferRuleException(first.Template, [.. first.Arguments]);
        Status = TransferStatus.Agreed;
        AgreedAt = now;
        PaymentChannel = channel;
        Version = Guid.NewGuid();
    }

    public void AttachCheckout(string sessionId)
    {
        if (Status != TransferStatus.Agreed) throw new TransferRuleException("This transfer is not awaiting payment.");
        if (PaymentChannel != PaymentChannel.Online) throw new TransferRuleException("This transfer is paid by bank transfer.");
        CheckoutSessionId = sessionId;
        Version = Guid.NewGuid();
    }

    /// <summary>The amount due at signing arrived; false when it was already recorded, so a repeated confirmation changes nothing.</summary>
    public bool MarkPaid(long amountFen, string reference, DateTime now)
    {
        if (Status is TransferStatus.Paid or TransferStatus.Recorded) return false;
        if (Status != TransferStatus.Agreed) throw new TransferRuleException("This transfer is not awaiting payment.");
        if (amountFen != AmountDueFen) throw new TransferRuleException("The amount paid ({0} fen) differs from the amount due ({1} fen).", amountFen, AmountDueFen);
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 200) throw new TransferRuleException("Give the payment reference (at most 100 characters).");
        Status = TransferStatus.Paid;
        PaidAt = now;
        PaymentReference = reference.Trim();
        Version = Guid.NewGuid();
        return true;
    }

    /// <summary>The patent office recorded the change of owner: the transfer takes effect and the buyer is the owner on the platform.</summary>
    public void Record(string recordalNumber, DateTime now)
    {
        if (Status != TransferStatus.Paid) throw new TransferRuleException("Only a paid transfer can be recorded.");
        if (string.IsNullOrWhiteSpace(recordalNumber) || recordalNumber.Trim().Length > 64) throw new TransferRuleException("Give the recordal notice number (at most 64 characters).");
        Status = TransferStatus.Recorded;
        RecordalNumber = recordalNumber.Trim();
        RecordedAt = now;
        ClosedAt = now;
        Version = Guid.NewGuid();
    }

    /// <summary>Past its validity without an accepted offer: the listing expires (open offers lapse with it).</summary>
    public bool ExpireIfPast(DateOnly today, DateTime now)
    {
        if (Status is not (TransferStatus.Listed or TransferStatus.UnderNegotiation) || AcceptedOfferId is not null || today <= ValidUntil) return false;
        Status = TransferStatus.Expired;
        ClosedAt = now;
        Version = Guid.NewGuid();
        return true;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
