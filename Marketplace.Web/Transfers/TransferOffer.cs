namespace Marketplace.Web.Transfers;

public enum TransferOfferStatus
{
    /// <summary>Under negotiation: either party may counter, write, accept the other's terms or decline.</summary>
    Open,
    Accepted,
    Declined,
    /// <summary>The listing closed (withdrawn, expired, or another offer accepted) while this one was open.</summary>
    Lapsed,
}

/// <summary>Which side of a transfer someone acts for.</summary>
public enum TransferParty
{
    Seller,
    Buyer,
}

public enum TransferMessageKind
{
    Offer,
    Counter,
    Message,
    Accepted,
    Declined,
}

/// <summary>
/// A buyer's offer for a listing and the negotiation on it: the terms currently on the table (price, lump sum or
/// instalments), who proposed them, and the thread of messages. Only the party who did not propose the current
/// terms can accept them.
/// </summary>
public sealed class TransferOffer
{
    private readonly List<TransferMessage> _messages = [];

    private TransferOffer()
    {
        BuyerName = "";
        BuyerAddress = "";
    }

    public Guid Id { get; private set; }

    public Guid ListingId { get; private set; }

    public Guid BuyerOrganizationId { get; private set; }

    public string BuyerName { get; private set; }

    /// <summary>The buyer's address, for the contract and the recordal request.</summary>
    public string BuyerAddress { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public TransferOfferStatus Status { get; private set; }

    public long PriceFen { get; private set; }

    public TransferPaymentTerms PaymentTerms { get; private set; }

    /// <summary>How many instalments, when paid in instalments (2–12).</summary>
    public int? Instalments { get; private set; }

    public TransferParty ProposedBy { get; private set; }

    public IReadOnlyList<TransferMessage> Messages => _messages;

    public Guid Version { get; private set; } = Guid.NewGuid();

    public static TransferOffer Make(TransferListing listing, Guid buyerOrganizationId, string buyerName, string? buyerAddress, Guid userId,
        long priceFen, TransferPaymentTerms terms, int? instalments, string? message, DateOnly today, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(listing);
        listing.EnsureOpenForOffers(today);
        if (buyerOrganizationId == listing.SellerOrganizationId) throw new TransferRuleException("The seller cannot make an offer for its own patent.");
        if (string.IsNullOrWhiteSpace(buyerAddress) || buyerAddress.Trim().Length > 300)
            throw new TransferRuleException("Give your organisation's address for the contract and the recordal request.");
        var offer = new TransferOffer
        {
            Id = Guid.CreateVersion7(),
            ListingId = listing.Id,
            BuyerOrganizationId = buyerOrganizationId,
            BuyerName = buyerName,
            BuyerAddress = buyerAddress.Trim(),
            CreatedBy = userId,
            CreatedAt = now,
            Status = TransferOfferStatus.Open,
        };
        offer.Propose(TransferParty.Buyer, TransferMessageKind.Offer, userId, priceFen, terms, instalments, message, now);
        listing.OfferReceived();
        return offer;
    }

    /// <summary>New terms from either party; the other party may then accept them.</summary>
    public void Counter(TransferListing listing, TransferParty from, Guid userId, long priceFen, TransferPaymentTerms terms, int? instalments, string? message, DateOnly today, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(listing);
        EnsureOpen();
        listing.EnsureOpenForOffers(today);
        Propose(from, TransferMessageKind.Counter, userId, priceFen, terms, instalments, message, now);
    }

    public void Say(TransferParty from, Guid userId, string text, DateTime now)
    {
        EnsureOpen();
        if (string.IsNullOrWhiteSpace(text)) throw new TransferRuleException("Write a message first.");
        Add(from, TransferMessageKind.Message, userId, text, now);
    }

    /// <summary>The party who did not propose the terms on the table accepts them: the listing's price and terms are set.</summary>
    public void Accept(TransferListing listing, TransferParty by, Guid userId, DateOnly today, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(listing);
        EnsureOpen();
        listing.EnsureOpenForOffers(today);
        if (by == ProposedBy) throw new TransferRuleException("You proposed these terms: the other party accepts them, or you wait for its answer.");
        Status = TransferOfferStatus.Accepted;
        Add(by, TransferMessageKind.Accepted, userId, null, now);
        listing.TermsAccepted(this);
    }

    public void Decline(TransferParty by, Guid userId, string? text, DateTime now)
    {
        EnsureOpen();
        Status = TransferOfferStatus.Declined;
        Add(by, TransferMessageKind.Declined, userId, text, now);
    }

    /// <summary>The listing closed or took another offer: this one lapses without a message from either party.</summary>
    internal void Lapse(DateTime now)
    {
        if (Status != TransferOfferStatus.Open) return;
        Status = TransferOfferStatus.Lapsed;
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    private void Propose(TransferParty from, TransferMessageKind kind, Guid userId, long priceFen, TransferPaymentTerms terms, int? instalments, string? message, DateTime now)
    {
        if (priceFen <= 0) throw new TransferRuleException("Give a price of more than zero.");
        if (priceFen > 100_000_000_000L) throw new TransferRuleException("The price is too large: give it in yuan.");
        if (terms == TransferPaymentTerms.Instalments && instalments is not (>= 2 and <= TransferListing.MaxInstalments))
            throw new TransferRuleException("Instalments: give their number, from 2 to {0}.", TransferListing.MaxInstalments);
        PriceFen = priceFen;
        PaymentTerms = terms;
        Instalments = terms == TransferPaymentTerms.Instalments ? instalments : null;
        ProposedBy = from;
        Add(from, kind, userId, message, now);
    }

    private void Add(TransferParty from, TransferMessageKind kind, Guid userId, string? text, DateTime now)
    {
        if (text is { Length: > TransferListing.MaxTextLength }) throw new TransferRuleException("A message may have at most {0} characters.", TransferListing.MaxTextLength);
        // Offers, counters and acceptances carry the terms they are about, so the thread reads without the offer.
        var withTerms = kind is TransferMessageKind.Offer or TransferMessageKind.Counter or TransferMessageKind.Accepted;
        _messages.Add(new TransferMessage(Id, from, kind, userId, withTerms ? PriceFen : null, withTerms ? PaymentTerms : null, withTerms ? Instalments : null,
            string.IsNullOrWhiteSpace(text) ? null : text.Trim(), now));
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    private void EnsureOpen()
    {
        if (Status != TransferOfferStatus.Open) throw new TransferRuleException("This offer is closed.");
    }
}

/// <summary>One step of a negotiation: an offer, a counter-offer (with its terms), a message, an acceptance or a refusal.</summary>
public sealed class TransferMessage
{
    private TransferMessage()
    {
    }

    public TransferMessage(Guid offerId, TransferParty from, TransferMessageKind kind, Guid authorId, long? priceFen, TransferPaymentTerms? terms, int? instalments, string? text, DateTime at)
    {
        Id = Guid.CreateVersion7();
        OfferId = offerId;
        From = from;
        Kind = kind;
        AuthorId = authorId;
        PriceFen = priceFen;
        PaymentTerms = terms;
        Instalments = instalments;
        Text = text;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid OfferId { get; private set; }

    public TransferParty From { get; private set; }

    public TransferMessageKind Kind { get; private set; }

    public Guid AuthorId { get; private set; }

    public long? PriceFen { get; private set; }

    public TransferPaymentTerms? PaymentTerms { get; private set; }

    public int? Instalments { get; private set; }

    public string? Text { get; private set; }

    public DateTime At { get; private set; }
}
