using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.IndexLabels;
using Marketplace.Web.Licensing;
using Marketplace.Web.Notifications;
using Marketplace.Web.Organizations;
using Marketplace.Web.Pledges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;

namespace Marketplace.Web.Transfers;

/// <summary>A licence of the patent the platform knows of, which the contract discloses and the buyer takes over.</summary>
public sealed record ExistingLicence(string Kind, string Licensee, string Reference, DateOnly? From, DateOnly? To);

/// <summary>The patent's owner on the platform after a recorded transfer.</summary>
public sealed record RecordedOwner(string OwnerName, Guid OwnerOrganizationId, string SellerName, string Reference, DateTime RecordedAt, string RecordalNumber);

public static class TransferAuditActions
{
    public const string Drafted = "transfers.listing.drafted";
    public const string Listed = "transfers.listing.listed";
    public const string Withdrawn = "transfers.listing.withdrawn";
    public const string Expired = "transfers.listing.expired";
    public const string Offered = "transfers.offer.made";
    public const string Countered = "transfers.offer.countered";
    public const string Accepted = "transfers.offer.accepted";
    public const string Declined = "transfers.offer.declined";
    public const string SigningSaved = "transfers.signing.saved";
    public const string Agreed = "transfers.contract.agreed";
    public const string Paid = "transfers.payment.paid";
    public const string Recorded = "transfers.recordal.recorded";
}

/// <summary>
/// Transfers from listing to recordal: who may list (the patent's owner organisation, as for open licences), offers and
/// the negotiation, the signing guidance's checks, payment through the licences' gateway, recordal and the new owner.
/// Every step is audited and told to the other party through the one notifier.
/// </summary>
public sealed class TransferService(
    MarketplaceDbContext db,
    IPatentIndex index,
    IPatentOwnership ownership,
    IPledgeRegister pledges,
    IndexLabelWriter labels,
    IPaymentGateway gateway,
    INotifier notifier,
    AuditLog audit,
    IOptions<LicensingOptions> licensing,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    private static string Link(TransferListing listing) => $"/transfers/{listing.Id}";

    public Task<TransferListing?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.TransferListings.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);

    public Task<TransferOffer?> FindOfferAsync(Guid listingId, Guid offerId, CancellationToken cancellationToken = default) =>
        db.TransferOffers.Include(o => o.Messages).FirstOrDefaultAsync(o => o.Id == offerId && o.ListingId == listingId, cancellationToken);

    public async Task<IReadOnlyList<TransferOffer>> OffersAsync(Guid listingId, CancellationToken cancellationToken = default) =>
        await db.TransferOffers.Include(o => o.Messages).Where(o => o.ListingId == listingId).OrderBy(o => o.CreatedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<TransferListing>> ForOrganizationAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var buying = db.TransferOffers.Where(o => o.BuyerOrganizationId == organizationId).Select(o => o.ListingId);
        return await db.TransferListings.Where(l => l.SellerOrganizationId == organizationId || buying.Contains(l.Id))
            .OrderByDescending(l => l.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Listings that take offers, newest first; <paramref name="text"/> matches the seller, the title or the number.</summary>
    public async Task<IReadOnlyList<TransferListing>> CatalogueAsync(string? text, CancellationToken cancellationToken = default)
    {
        var list = await db.TransferListings
            .Where(l => (l.Status == TransferStatus.Listed || l.Status == TransferStatus.UnderNegotiation) && l.AcceptedOfferId == null)
            .ToListAsync(cancellationToken);
        var today = Today;
        list = [.. list.Where(l => l.ValidUntil >= today)];
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            list = [.. list.Where(l => l.SellerName.Contains(t, StringComparison.OrdinalIgnoreCase) || l.PatentTitle.Contains(t, StringComparison.OrdinalIgnoreCase)
                || l.PatentId.Contains(t, StringComparison.OrdinalIgnoreCase))];
        }
        return [.. list.OrderByDescending(l => l.ListedAt).ThenBy(l => l.Reference, StringComparer.Ordinal)];
    }

    /// <summary>The listing taking offers for a patent, if any (the patent page).</summary>
    public async Task<TransferListing?> ForSaleAsync(string patentId, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var listings = await db.TransferListings.Where(l => l.PatentId == patentId
            && (l.Status == TransferStatus.Listed || l.Status == TransferStatus.UnderNegotiation) && l.AcceptedOfferId == null).ToListAsync(cancellationToken);
        return listings.FirstOrDefault(l => l.ValidUntil >= today);
    }

    /// <summary>The latest recorded transfer of the patent on the platform: its owner now, as far as the platform knows.</summary>
    public async Task<RecordedOwner?> RecordedOwnerAsync(string patentId, CancellationToken cancellationToken = default)
    {
        var last = await db.TransferListings.Where(l => l.PatentId == patentId && l.Status == TransferStatus.Recorded)
            .OrderByDescending(l => l.RecordedAt).FirstOrDefaultAsync(cancellationToken);
        return last is null ? null : new RecordedOwner(last.BuyerName!, last.BuyerOrganizationId!.Value, last.SellerName, last.Reference, last.RecordedAt!.Value, last.RecordalNumber!);
    }

    /// <summary>
    /// A draft listing. The seller is a university, research institute or enterprise acting through an owner or admin, and
    /// owns the patent as open licences decide it (the portfolio), or became its owner through a transfer recorded here.
    /// </summary>
    public async Task<TransferListing> DraftAsync(Organization seller, Guid userId, string patentId, long? askingPriceFen, string? conditions, DateOnly validUntil,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seller);
        // An operator (service agency, IP office) sells only what it acquired on the platform: the ownership check decides.
        var operatorSeller = seller.Type is OrganizationType.IpServiceAgency or OrganizationType.GovernmentOffice;
        if (!operatorSeller && seller.Type is not (OrganizationType.University or OrganizationType.ResearchInstitute or OrganizationType.Enterprise))
            throw new TransferRuleException("Only universities, research institutes and enterprises that own patents list them for sale.");
        if (seller.Verification != VerificationStatus.Verified) throw new TransferRuleException("Only a verified organisation can list a patent for sale: have it verified first.");
        var id = (patentId ?? "").Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        var record = await index.GetAsync(id, cancellationToken) ?? throw new TransferRuleException("Patent {0} is not in the index.", id);
        var recorded = await RecordedOwnerAsync(record.Id, cancellationToken);
        var ownNames = new List<string?> { seller.Name };
        if (recorded is not null)
        {
            if (recorded.OwnerOrganizationId != seller.Id) throw new TransferRuleException("Patent {0} was transferred to {1} on the platform: only its new owner may list it.", record.Id, recorded.OwnerName);
            ownNames.Add(recorded.SellerName);
        }
        else
        {
            var answer = await ownership.CheckAsync(seller, record, cancellationToken);
            if (!answer.Owns) throw new TransferRuleException("Patent {0} is not the organisation's: {1}", record.Id, answer);
            ownNames.Add(answer.MatchedName);
            ownNames.AddRange(answer.SucceededApplicants);
            ownNames.AddRange(await db.OrganizationNameVariants.Where(v => v.OrganizationId == seller.Id).Select(v => v.Name).ToListAsync(cancellationToken));
        }
        if (await db.TransferListings.AnyAsync(l => l.PatentId == record.Id
                && l.Status != TransferStatus.Withdrawn && l.Status != TransferStatus.Expired && l.Status != TransferStatus.Recorded, cancellationToken))
            throw new TransferRuleException("Patent {0} already has a listing in progress.", record.Id);
        var facts = PatentFacts.From(record, ownNames);
        var patent = new ListedPatent(record.Id, facts.Title, record.DocumentType, record.LegalStatus, record.ApplicationNumber?.ToString(),
            string.Join("；", record.Applicants.Select(a => a.Name)), string.Join("；", record.Inventors.Select(a => a.Name)),
            recorded is null ? facts.CoOwners : []);
        var listing = TransferListing.Draft(seller.Id, seller.Name, userId, patent, askingPriceFen, conditions, validUntil, Today, Now);
        db.TransferListings.Add(listing);
        audit.Add(TransferAuditActions.Drafted, seller.Id, listing.Reference, listing.PatentId);
        await db.SaveChangesAsync(cancellationToken);
        return listing;
    }

    public async Task UpdateTermsAsync(TransferListing listing, long? askingPriceFen, string? conditions, DateOnly validUntil, CancellationToken cancellationToken = default)
    {
        listing.SetTerms(askingPriceFen, conditions, validUntil, Today);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ListAsync(TransferListing listing, CancellationToken cancellationToken = default)
    {
        if (await pledges.IsPledgedAsync(listing.PatentId, cancellationToken))
            throw new TransferRuleException("Patent {0} is bound by a pledge recorded on the platform: it can be listed for sale once the pledge is released.", listing.PatentId);
        listing.List(Today, Now);
        audit.Add(TransferAuditActions.Listed, listing.SellerOrganizationId, listing.Reference, listing.PatentId);
        await notifier.QueueAsync(Recipient.Organization(listing.SellerOrganizationId), "Your patent {0} is listed for sale.", Link(listing), listing.PatentId);
        await db.SaveChangesAsync(cancellationToken);
        await labels.RefreshAsync<ForSaleLabel>([listing.PatentId], cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    /// <summary>The seller withdraws; open offers lapse and their buyers are told.</summary>
    public async Task WithdrawAsync(TransferListing listing, string reason, CancellationToken cancellationToken = default)
    {
        listing.Withdraw(reason, Now);
        await LapseOpenOffersAsync(listing, null, "The seller withdrew the listing of {0}: your offer lapsed.", cancellationToken);
        audit.Add(TransferAuditActions.Withdrawn, listing.SellerOrganizationId, listing.Reference, reason);
        await db.SaveChangesAsync(cancellationToken);
        await labels.RefreshAsync<ForSaleLabel>([listing.PatentId], cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    public async Task<TransferOffer> OfferAsync(TransferListing listing, Organization buyer, Guid userId, long priceFen, TransferPaymentTerms terms, int? instalments,
        string? buyerAddress, string? message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(buyer);
        if (await db.TransferOffers.AnyAsync(o => o.ListingId == listing.Id && o.BuyerOrganizationId == buyer.Id && o.Status == TransferOfferStatus.Open, cancellationToken))
            throw new TransferRuleException("Your organisation already has an open offer for this patent: answer in its thread.");
        var offer = TransferOffer.Make(listing, buyer.Id, buyer.Name, buyerAddress, userId, priceFen, terms, instalments, message, Today, Now);
        db.TransferOffers.Add(offer);
        audit.Add(TransferAuditActions.Offered, buyer.Id, listing.Reference, Yuan(priceFen));
        await notifier.QueueAsync(Recipient.Organization(listing.SellerOrganizationId), "{0} made an offer for your patent {1}.", Link(listing), buyer.Name, listing.PatentId);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        return offer;
    }

    public async Task CounterAsync(TransferListing listing, TransferOffer offer, TransferParty from, Guid userId, long priceFen, TransferPaymentTerms terms, int? instalments,
        string? message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        offer.Counter(listing, from, userId, priceFen, terms, instalments, message, Today, Now);
        audit.Add(TransferAuditActions.Countered, PartyOrganization(listing, offer, from), listing.Reference, Yuan(priceFen));
        await notifier.QueueAsync(Recipient.Organization(PartyOrganization(listing, offer, Other(from))), "New terms for the transfer of {0}: see the negotiation.", Link(listing), listing.PatentId);
        await SaveAsync(cancellationToken);
    }

    public async Task SayAsync(TransferListing listing, TransferOffer offer, TransferParty from, Guid userId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        offer.Say(from, userId, text, Now);
        await notifier.QueueAsync(Recipient.Organization(PartyOrganization(listing, offer, Other(from))), "A new message about the transfer of {0}.", Link(listing), listing.PatentId);
        await SaveAsync(cancellationToken);
    }

    /// <summary>The terms on the table are accepted: the listing stops taking offers, other open offers lapse, the signing checks follow.</summary>
    public async Task AcceptAsync(TransferListing listing, TransferOffer offer, TransferParty by, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        offer.Accept(listing, by, userId, Today, Now);
        await LapseOpenOffersAsync(listing, offer.Id, "The seller accepted another offer for {0}: your offer lapsed.", cancellationToken);
        audit.Add(TransferAuditActions.Accepted, PartyOrganization(listing, offer, by), listing.Reference, Yuan(offer.PriceFen));
        await notifier.QueueAsync(Recipient.Organization(PartyOrganization(listing, offer, Other(by))), "The terms for the transfer of {0} were accepted: the seller completes the signing checks.", Link(listing), listing.PatentId);
        await db.SaveChangesAsync(cancellationToken);
        await labels.RefreshAsync<ForSaleLabel>([listing.PatentId], cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    public async Task DeclineAsync(TransferListing listing, TransferOffer offer, TransferParty by, Guid userId, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(offer);
        offer.Decline(by, userId, text, Now);
        if (!await db.TransferOffers.AnyAsync(o => o.ListingId == listing.Id && o.Id != offer.Id && o.Status == TransferOfferStatus.Open, cancellationToken))
            listing.NegotiationEnded();
        audit.Add(TransferAuditActions.Declined, PartyOrganization(listing, offer, by), listing.Reference, text);
        await notifier.QueueAsync(Recipient.Organization(PartyOrganization(listing, offer, Other(by))), "The offer for {0} was declined.", Link(listing), listing.PatentId);
        await SaveAsync(cancellationToken);
    }

    /// <summary>Licences of the patent on the platform in force today: open licences taken, and exclusive or sole licences recorded.</summary>
    public async Task<IReadOnlyList<ExistingLicence>> ExistingLicencesAsync(string patentId, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var declarations = db.DeclaredPatents.Where(p => p.PatentId == patentId).Select(p => p.DeclarationId);
        var orders = await db.LicenseOrders.Where(o => declarations.Contains(o.DeclarationId)
            && (o.Status == LicenseStatus.Effective || o.Status == LicenseStatus.Recorded)).ToListAsync(cancellationToken);
        var licenseeIds = orders.Select(o => o.LicenseeOrganizationId).Distinct().ToList();
        var names = await db.Organizations.Where(o => licenseeIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var exclusive = await db.ExclusiveLicenseRecords.Where(r => r.PatentId == patentId).ToListAsync(cancellationToken);
        return
        [
            .. orders.Where(o => o.IsInForce(today)).Select(o => new ExistingLicence("open", names.GetValueOrDefault(o.LicenseeOrganizationId, ""), o.Reference, o.StartsOn, o.EndsOn)),
            .. exclusive.Where(r => r.InForceOn(today)).Select(r => new ExistingLicence(r.Kind == ExclusiveKind.Exclusive ? "exclusive" : "sole", r.Licensee, r.Id.ToString("N")[..8], r.StartsOn, r.EndsOn)),
        ];
    }

    /// <summary>The signing checks as they stand: exactly what <see cref="AgreeAsync"/> decides.</summary>
    public async Task<IReadOnlyList<SigningFinding>> SigningFindingsAsync(TransferListing listing, CancellationToken cancellationToken = default)
    {
        var (licences, verified) = await SigningContextAsync(listing, cancellationToken);
        return listing.SigningFindings(licences, verified, await pledges.IsPledgedAsync(listing.PatentId, cancellationToken));
    }

    public async Task SaveSigningAsync(TransferListing listing, bool coOwnerConsent, bool licencesAcknowledged, bool? pledged, string? pledgeDetails, string? sellerAddress, string? agent,
        CancellationToken cancellationToken = default)
    {
        listing.SaveSigning(coOwnerConsent, licencesAcknowledged, pledged, pledgeDetails, sellerAddress, agent);
        audit.Add(TransferAuditActions.SigningSaved, listing.SellerOrganizationId, listing.Reference,
            $"co-owners:{coOwnerConsent} licences:{licencesAcknowledged} pledged:{pledged?.ToString() ?? "-"}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The contract is agreed when every signing check holds (else refused with the first unmet one). The price is paid
    /// online when the site takes payments and the seller connected a payout account, otherwise by bank transfer the seller confirms.
    /// </summary>
    public async Task AgreeAsync(TransferListing listing, CancellationToken cancellationToken = default)
    {
        var (licences, verified) = await SigningContextAsync(listing, cancellationToken);
        var online = gateway.IsConfigured && await db.PayoutAccounts.AnyAsync(a => a.OrganizationId == listing.SellerOrganizationId, cancellationToken);
        listing.Agree(licences, verified, online ? PaymentChannel.Online : PaymentChannel.BankTransfer, Now, await pledges.IsPledgedAsync(listing.PatentId, cancellationToken));
        audit.Add(TransferAuditActions.Agreed, listing.SellerOrganizationId, listing.Reference, Yuan(listing.PriceFen ?? 0));
        await notifier.QueueAsync(Recipient.Organization(listing.BuyerOrganizationId!.Value), "The transfer contract for {0} is ready: pay {1} to complete it.", Link(listing), listing.PatentId, Yuan(listing.AmountDueFen));
        await notifier.QueueAsync(Recipient.Organization(listing.SellerOrganizationId), "The transfer contract for {0} is ready.", Link(listing), listing.PatentId);
        await SaveAsync(cancellationToken);
    }

    /// <summary>The Checkout page for the amount due, paid to the seller's connected account less the platform fee, as licences are.</summary>
    public async Task<string> CheckoutUrlAsync(TransferListing listing, Uri siteBase, CancellationToken cancellationToken = default)
    {
        if (listing.Status != TransferStatus.Agreed) throw new TransferRuleException("This transfer is not awaiting payment.");
        if (listing.PaymentChannel != PaymentChannel.Online) throw new TransferRuleException("This transfer is paid by bank transfer.");
        if (!gateway.IsConfigured) throw new TransferRuleException("Online payment is not available: pay by bank transfer or try later.");
        if (listing.CheckoutSessionId is { } sessionId && await gateway.GetCheckoutAsync(sessionId, cancellationToken) is { Status: "open", Url: { } openUrl })
            return openUrl;
        var account = await db.PayoutAccounts.FirstOrDefaultAsync(a => a.OrganizationId == listing.SellerOrganizationId, cancellationToken)
            ?? throw new TransferRuleException("The seller has no payment account: pay by bank transfer.");
        var fee = (long)decimal.Round(listing.AmountDueFen * licensing.Value.PlatformFeePercent / 100m, 0, MidpointRounding.AwayFromZero);
        var attempt = listing.CheckoutSessionId is null ? 1 : 2;
        var session = await gateway.CreateCheckoutAsync(new CheckoutRequest(
            listing.Id, listing.Reference, $"{listing.PatentId} · {listing.Reference}", listing.AmountDueFen, fee, account.StripeAccountId,
            new Uri(siteBase, Link(listing) + "?paid=1").ToString(), new Uri(siteBase, Link(listing)).ToString(),
            $"transfer-{listing.Id:N}-{attempt}-{listing.Version:N}"), cancellationToken);
        listing.AttachCheckout(session.Id);
        await db.SaveChangesAsync(cancellationToken);
        return session.Url ?? throw new TransferRuleException("The payment provider gave no payment page.");
    }

    /// <summary>The seller confirms the bank transfer of the amount due arrived.</summary>
    public async Task ConfirmTransferAsync(TransferListing listing, string transferReference, CancellationToken cancellationToken = default)
    {
        if (listing.PaymentChannel != PaymentChannel.BankTransfer) throw new TransferRuleException("This transfer is paid online.");
        if (string.IsNullOrWhiteSpace(transferReference) || transferReference.Trim().Length > 100) throw new TransferRuleException("Give the bank transfer reference (at most 100 characters).");
        if (await MarkPaidAsync(listing, listing.AmountDueFen, "bank:" + transferReference.Trim(), cancellationToken))
            await SaveAsync(cancellationToken);
    }

    /// <summary>Marks paid, audits and tells both parties, without saving (the webhook saves with its event id); false when already paid.</summary>
    internal async Task<bool> MarkPaidAsync(TransferListing listing, long amountFen, string reference, CancellationToken cancellationToken)
    {
        if (!listing.MarkPaid(amountFen, reference, Now)) return false;
        audit.Add(TransferAuditActions.Paid, listing.SellerOrganizationId, listing.Reference, reference, userId: null, userName: null);
        await notifier.QueueAsync(Recipient.Organization(listing.SellerOrganizationId), "The price for {0} was paid: file the recordal with the patent office (the recordal kit is ready).", Link(listing), listing.PatentId);
        await notifier.QueueAsync(Recipient.Organization(listing.BuyerOrganizationId!.Value), "Your payment for {0} arrived: the recordal kit is ready.", Link(listing), listing.PatentId);
        cancellationToken.ThrowIfCancellationRequested();
        return true;
    }

    /// <summary>The patent office recorded the change: the buyer is the patent's owner on the platform.</summary>
    public async Task RecordAsync(TransferListing listing, string recordalNumber, CancellationToken cancellationToken = default)
    {
        listing.Record(recordalNumber, Now);
        audit.Add(TransferAuditActions.Recorded, listing.SellerOrganizationId, listing.Reference, recordalNumber);
        await notifier.QueueAsync(Recipient.Organization(listing.BuyerOrganizationId!.Value), "The transfer of {0} was recorded: your organisation is its owner on the platform.", Link(listing), listing.PatentId);
        await SaveAsync(cancellationToken);
    }

    /// <summary>Expires listings past their validity without an agreement; their open offers lapse. Returns how many expired.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken = default)
    {
        var today = Today;
        var candidates = await db.TransferListings.Where(l => (l.Status == TransferStatus.Listed || l.Status == TransferStatus.UnderNegotiation) && l.AcceptedOfferId == null)
            .ToListAsync(cancellationToken);
        var expired = candidates.Where(l => l.ExpireIfPast(today, Now)).ToList();
        foreach (var listing in expired)
        {
            await LapseOpenOffersAsync(listing, null, "The listing of {0} expired: your offer lapsed.", cancellationToken);
            audit.Add(TransferAuditActions.Expired, listing.SellerOrganizationId, listing.Reference, null, userId: null, userName: null);
            await notifier.QueueAsync(Recipient.Organization(listing.SellerOrganizationId), "Your listing of {0} expired.", Link(listing), listing.PatentId);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (expired.Count > 0) await labels.RefreshAsync<ForSaleLabel>(expired.Select(l => l.PatentId), cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        return expired.Count;
    }

    private async Task<(int Licences, bool BuyerVerified)> SigningContextAsync(TransferListing listing, CancellationToken cancellationToken)
    {
        var licences = (await ExistingLicencesAsync(listing.PatentId, cancellationToken)).Count;
        var verified = listing.BuyerOrganizationId is { } buyer
            && await db.Organizations.AnyAsync(o => o.Id == buyer && o.Verification == VerificationStatus.Verified, cancellationToken);
        return (licences, verified);
    }

    private async Task LapseOpenOffersAsync(TransferListing listing, Guid? except, string message, CancellationToken cancellationToken)
    {
        var open = await db.TransferOffers.Where(o => o.ListingId == listing.Id && o.Status == TransferOfferStatus.Open && o.Id != except).ToListAsync(cancellationToken);
        foreach (var offer in open)
        {
            offer.Lapse(Now);
            await notifier.QueueAsync(Recipient.Organization(offer.BuyerOrganizationId), message, Link(listing), listing.PatentId);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    private static Guid PartyOrganization(TransferListing listing, TransferOffer offer, TransferParty party) =>
        party == TransferParty.Seller ? listing.SellerOrganizationId : offer.BuyerOrganizationId;

    private static TransferParty Other(TransferParty party) => party == TransferParty.Seller ? TransferParty.Buyer : TransferParty.Seller;

    internal static string Yuan(long fen) => LicensingDocuments.Money(fen / 100m);
}
