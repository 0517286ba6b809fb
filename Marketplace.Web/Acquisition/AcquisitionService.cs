using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Notifications;
using Marketplace.Web.Organizations;
using Marketplace.Web.Patents;
using Marketplace.Web.Pledges;
using Marketplace.Web.Transfers;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Acquisition;

public static class AcquisitionAuditActions
{
    public const string PoolCreated = "acquisition.pool.created";
    public const string CandidatesAdded = "acquisition.candidates.added";
    public const string StageChanged = "acquisition.candidate.stage-changed";
    public const string Offered = "acquisition.offer.sent";
    public const string ApproachedOffline = "acquisition.offer.offline";
    public const string Accepted = "acquisition.offer.accepted";
    public const string Declined = "acquisition.offer.declined";
    public const string Renewed = "acquisition.offer.renewed";
    public const string Acquired = "acquisition.candidate.acquired";
    public const string PackageCreated = "acquisition.package.created";
}

/// <summary>Where acquisition lives on the site.</summary>
public static class AcquisitionLinks
{
    public const string Pools = "/acquisition/pools";
    public const string Portfolio = "/acquisition/portfolio";
    public const string Packages = "/acquisition/packages";
    public const string OwnerOffers = "/acquisition/offers";

    public static string Pool(Guid id) => $"/acquisition/pools/{id}";

    public static string Candidate(Guid id) => $"/acquisition/candidates/{id}";

    public static string Package(Guid id) => $"/packages/{id}";

    public static string Contract(Guid id) => $"/packages/{id}/contract.pdf";
}

/// <summary>The owner organisation an offer can be addressed to, if the patent's owner is registered on the platform.</summary>
public sealed record RegisteredOwner(Guid OrganizationId, string Name);

/// <summary>What "add hits" did: how many joined, how many the pool already held, and which were already acquired elsewhere.</summary>
public sealed record AddResult(int Added, int AlreadyInPool, IReadOnlyList<string> AcquiredElsewhere);

/// <summary>A candidate with its latest valuation's point figure (null before any) and its offers, newest first.</summary>
public sealed record CandidateView(AcquisitionCandidate Candidate, decimal? LatestValueYuan, Guid? LatestValuationId, IReadOnlyList<AcquisitionOffer> Offers);

/// <summary>Counts and sums of acquired patents, as the portfolio page shows them per pool, per chain and overall.</summary>
public sealed record PortfolioFigures(int Count, long PaidFen, decimal LatestValueYuan);

public sealed record PortfolioLine(AcquisitionCandidate Candidate, string PoolName, decimal? LatestValueYuan);

public sealed record AcquisitionPortfolio(IReadOnlyList<PortfolioLine> Lines, PortfolioFigures Total,
    IReadOnlyList<(string PoolName, PortfolioFigures Figures)> ByPool, IReadOnlyList<(string? ChainId, PortfolioFigures Figures)> ByChain);

/// <summary>
/// Acquisition (收储) by an operator or fund: pools filled from screens over the index, candidates valued through the
/// valuations feature, owners approached with offers (on the platform when the owner is a registered organisation,
/// otherwise recorded as offline), acquisitions recorded with price and date. The index's applicant is never rewritten.
/// Every step is audited; offers and answers reach the other side through the one notifier.
/// </summary>
public sealed class AcquisitionService(
    MarketplaceDbContext db,
    IPatentIndex index,
    IPledgeRegister pledges,
    TransferService transfers,
    INotifier notifier,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>Who acquires when the operator acts for no organisation.</summary>
    public const string PlatformHolder = "泉州知识产权运营平台";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public static string HolderOf(LicensingActor actor) => actor?.Organization?.Name ?? PlatformHolder;

    public async Task<IReadOnlyList<AcquisitionPool>> PoolsAsync(CancellationToken cancellationToken = default) =>
        await db.AcquisitionPools.Include(p => p.Candidates).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken);

    public Task<AcquisitionPool?> FindPoolAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.AcquisitionPools.Include(p => p.Candidates).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<AcquisitionCandidate?> FindCandidateAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.AcquisitionCandidates.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<AcquisitionOffer?> FindOfferAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.AcquisitionOffers.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<AcquisitionPool> CreatePoolAsync(LicensingActor actor, string? name, string? purpose, string? chainId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var pool = AcquisitionPool.Create(name, purpose, chainId, HolderOf(actor), actor.Organization?.Id, actor.UserId, Now);
        db.AcquisitionPools.Add(pool);
        audit.Add(AcquisitionAuditActions.PoolCreated, actor.Organization?.Id, pool.Reference, pool.Name);
        await db.SaveChangesAsync(cancellationToken);
        return pool;
    }

    /// <summary>One page of the screen's hits (best value index first) and the total it matches.</summary>
    public Task<SearchResult> ScreenAsync(AcquisitionScreen screen, int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(screen);
        return index.SearchAsync(screen.Query(page, pageSize, Today.Year), cancellationToken);
    }

    /// <summary>Adds the first <see cref="AcquisitionScreen.AddAllCap"/> hits of the screen.</summary>
    public async Task<AddResult> AddScreenAsync(AcquisitionPool pool, AcquisitionScreen screen, Guid userId, CancellationToken cancellationToken = default)
    {
        var result = await ScreenAsync(screen, 1, AcquisitionScreen.AddAllCap, cancellationToken);
        return await AddRecordsAsync(pool, [.. result.Hits.Select(h => h.Record)], userId, cancellationToken);
    }

    /// <summary>Adds the named patents. A patent acquired in any pool is not added again as acquirable; it is reported instead.</summary>
    public async Task<AddResult> AddAsync(AcquisitionPool pool, IReadOnlyCollection<string> patentIds, Guid userId, CancellationToken cancellationToken = default)
    {
        var records = await index.GetManyAsync([.. patentIds.Distinct(StringComparer.Ordinal)], cancellationToken);
        if (records.Count == 0) throw new AcquisitionRuleException(AcquisitionFields.Patents, "Choose at least one patent of the screen's hits.");
        return await AddRecordsAsync(pool, [.. records.Values], userId, cancellationToken);
    }

    private async Task<AddResult> AddRecordsAsync(AcquisitionPool pool, IReadOnlyList<PatentRecord> records, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var ids = records.Select(r => r.Id).ToList();
        var acquired = (await db.AcquisitionCandidates.Where(c => ids.Contains(c.PatentId) && c.Stage == CandidateStage.Acquired)
            .Select(c => c.PatentId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        int added = 0, present = 0;
        foreach (var record in records.Where(r => !acquired.Contains(r.Id)))
        {
            var candidate = pool.Add(Snapshot(record), userId, Now);
            if (candidate is null) present++;
            else
            {
                db.AcquisitionCandidates.Add(candidate);
                added++;
            }
        }
        if (added > 0)
        {
            audit.Add(AcquisitionAuditActions.CandidatesAdded, null, pool.Reference, $"{added} added");
            await db.SaveChangesAsync(cancellationToken);
        }
        return new AddResult(added, present, [.. acquired.Order(StringComparer.Ordinal)]);
    }

    public static CandidateSnapshot Snapshot(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new CandidateSnapshot(record.Id, record.Title(PatentLabels.TextLanguage) ?? record.Id, string.Join("；", record.Applicants.Select(a => a.Name)),
            LabelFacets.ValuesOf(record, LabelFacets.Chain).FirstOrDefault(),
            record.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var v) ? v : null,
            LabelFacets.ValuesOf(record, LabelFacets.Sleeping).Contains("true"));
    }

    /// <summary>The pool's candidates with their latest valuation and offers.</summary>
    public async Task<IReadOnlyList<CandidateView>> ViewsAsync(IReadOnlyList<AcquisitionCandidate> candidates, CancellationToken cancellationToken = default)
    {
        var values = await LatestValuesAsync([.. candidates.Select(c => c.PatentId)], cancellationToken);
        var ids = candidates.Select(c => c.Id).ToList();
        var offers = (await db.AcquisitionOffers.Where(o => ids.Contains(o.CandidateId)).ToListAsync(cancellationToken))
            .OrderByDescending(o => o.SentAt).ToLookup(o => o.CandidateId);
        return [.. candidates.Select(c => values.TryGetValue(c.PatentId, out var v)
            ? new CandidateView(c, v.Yuan, v.Id, [.. offers[c.Id]])
            : new CandidateView(c, null, null, [.. offers[c.Id]]))];
    }

    /// <summary>
    /// The point figure of the latest valuation made of each patent alone (a package's valuation values the package,
    /// not one of its patents), with that valuation's id.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (decimal? Yuan, Guid Id)>> LatestValuesAsync(IReadOnlyCollection<string> patentIds, CancellationToken cancellationToken = default)
    {
        var valuations = await db.PatentValuations.AsNoTracking().Include(v => v.Patents)
            .Where(v => v.Patents.Count == 1 && v.Patents.Any(p => patentIds.Contains(p.PatentId))).ToListAsync(cancellationToken);
        return valuations.GroupBy(v => v.Patents[0].PatentId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.UpdatedAt).Select(v => (v.PointYuan, v.Id)).First(), StringComparer.Ordinal);
    }

    /// <summary>The candidate is valued once a valuation of its patent exists; the pool then shows its figure.</summary>
    public async Task MarkValuedAsync(AcquisitionCandidate candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (!(await LatestValuesAsync([candidate.PatentId], cancellationToken)).ContainsKey(candidate.PatentId))
            throw new AcquisitionRuleException("", "Value patent {0} first: open the valuation form, save it, then come back.", candidate.PatentId);
        await MoveAsync(candidate, CandidateStage.Valued, cancellationToken);
    }

    public async Task DropAsync(AcquisitionCandidate candidate, CancellationToken cancellationToken = default) =>
        await MoveAsync(candidate, CandidateStage.Dropped, cancellationToken);

    private async Task MoveAsync(AcquisitionCandidate candidate, CandidateStage stage, CancellationToken cancellationToken)
    {
        candidate.MoveTo(stage, Now);
        audit.Add(AcquisitionAuditActions.StageChanged, null, candidate.PatentId, stage.ToString());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The registered organisation that owns the patent, as transfers and open licences decide it: the buyer of a transfer
    /// recorded here, else an organisation whose portfolio claim an operator approved, else one whose registered name or
    /// name variant equals an applicant's. Null when the owner is not on the platform (the approach is then offline).
    /// </summary>
    public async Task<RegisteredOwner?> RegisteredOwnerAsync(string patentId, CancellationToken cancellationToken = default)
    {
        if (await transfers.RecordedOwnerAsync(patentId, cancellationToken) is { } recorded) return new RegisteredOwner(recorded.OwnerOrganizationId, recorded.OwnerName);
        var claimed = await db.PortfolioClaims.AsNoTracking().Where(c => c.PatentId == patentId && c.Status == ClaimStatus.Approved)
            .Join(db.Organizations, c => c.OrganizationId, o => o.Id, (c, o) => new RegisteredOwner(o.Id, o.Name)).FirstOrDefaultAsync(cancellationToken);
        if (claimed is not null) return claimed;
        if (await index.GetAsync(patentId, cancellationToken) is not { } record) return null;
        var applicants = record.Applicants.Select(a => a.Name).ToList();
        var named = await db.Organizations.AsNoTracking().Where(o => applicants.Contains(o.Name)).Select(o => new RegisteredOwner(o.Id, o.Name)).FirstOrDefaultAsync(cancellationToken);
        if (named is not null) return named;
        return await db.OrganizationNameVariants.AsNoTracking().Where(v => applicants.Contains(v.Name))
            .Join(db.Organizations, v => v.OrganizationId, o => o.Id, (v, o) => new RegisteredOwner(o.Id, o.Name)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>An offer to the registered owner organisation. Refused for a pledged patent, an owner not on the platform, or a closed candidate.</summary>
    public async Task<AcquisitionOffer> OfferAsync(LicensingActor actor, AcquisitionCandidate candidate, long? priceFen, string? terms, DateOnly validUntil, string? message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(candidate);
        await RefuseUnofferableAsync(candidate, cancellationToken);
        if (await db.AcquisitionOffers.AnyAsync(o => o.CandidateId == candidate.Id && o.Status == AcquisitionOfferStatus.Open && o.ValidUntil >= Today, cancellationToken))
            throw new AcquisitionRuleException("", "An offer for patent {0} is open: wait for the owner's answer.", candidate.PatentId);
        var owner = await RegisteredOwnerAsync(candidate.PatentId, cancellationToken)
            ?? throw new AcquisitionRuleException("", "The owner of patent {0} is not registered on the platform: record the approach as offline with a contact note.", candidate.PatentId);
        var offer = AcquisitionOffer.Make(candidate, owner.OrganizationId, owner.Name, HolderOf(actor), priceFen, terms, validUntil, message, null, actor.UserId, Today, Now);
        if (candidate.Stage != CandidateStage.Approached) candidate.MoveTo(CandidateStage.Approached, Now);
        db.AcquisitionOffers.Add(offer);
        audit.Add(AcquisitionAuditActions.Offered, owner.OrganizationId, offer.Reference, $"{candidate.PatentId} {Price(offer.PriceFen)}");
        await notifier.QueueAsync(Recipient.Organization(owner.OrganizationId), "{0} offers to acquire your patent {1} ({2}).", AcquisitionLinks.OwnerOffers,
            offer.HolderName, candidate.PatentId, Price(offer.PriceFen));
        await SaveAsync(cancellationToken);
        return offer;
    }

    /// <summary>The owner is not on the platform: the approach is recorded with a contact note.</summary>
    public async Task ApproachOfflineAsync(AcquisitionCandidate candidate, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        await RefuseUnofferableAsync(candidate, cancellationToken);
        candidate.ApproachOffline(note, Now);
        audit.Add(AcquisitionAuditActions.ApproachedOffline, null, candidate.PatentId, candidate.OfflineNote);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A declined or expired offer renewed once, with a new price and validity.</summary>
    public async Task<AcquisitionOffer> RenewAsync(LicensingActor actor, AcquisitionOffer previous, long? priceFen, string? terms, DateOnly validUntil, string? message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(previous);
        var candidate = await db.AcquisitionCandidates.SingleAsync(c => c.Id == previous.CandidateId, cancellationToken);
        await RefuseUnofferableAsync(candidate, cancellationToken);
        if (!previous.CanRenew(Today)) throw new AcquisitionRuleException("", "Only a declined or expired offer can be renewed, and only once.");
        if (priceFen == previous.PriceFen) throw new AcquisitionRuleException(AcquisitionFields.Price, "A renewed offer names a new price.");
        var offer = AcquisitionOffer.Make(candidate, previous.OwnerOrganizationId, previous.OwnerName, HolderOf(actor), priceFen, terms, validUntil, message, previous.Id, actor.UserId, Today, Now);
        previous.MarkRenewed(Today);
        if (candidate.Stage != CandidateStage.Approached) candidate.MoveTo(CandidateStage.Approached, Now);
        db.AcquisitionOffers.Add(offer);
        audit.Add(AcquisitionAuditActions.Renewed, offer.OwnerOrganizationId, offer.Reference, $"{previous.Reference} → {Price(offer.PriceFen)}");
        await notifier.QueueAsync(Recipient.Organization(offer.OwnerOrganizationId), "{0} renewed its offer for your patent {1} ({2}).", AcquisitionLinks.OwnerOffers,
            offer.HolderName, candidate.PatentId, Price(offer.PriceFen));
        await SaveAsync(cancellationToken);
        return offer;
    }

    /// <summary>Offers addressed to the organisation, newest first.</summary>
    public async Task<IReadOnlyList<AcquisitionOffer>> OffersToAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        [.. (await db.AcquisitionOffers.Where(o => o.OwnerOrganizationId == organizationId).ToListAsync(cancellationToken)).OrderByDescending(o => o.SentAt)];

    /// <summary>
    /// The owner accepts. With a price the patent is acquired at that price today; with 面议 the parties negotiate and the
    /// operator records the agreed price (<see cref="RecordAcquisitionAsync"/>).
    /// </summary>
    public async Task AcceptAsync(LicensingActor actor, AcquisitionOffer offer, string? answer, CancellationToken cancellationToken = default)
    {
        var candidate = await AnswerableAsync(actor, offer, cancellationToken);
        if (await pledges.IsPledgedAsync(offer.PatentId, cancellationToken))
            throw new AcquisitionRuleException("", "Patent {0} is bound by a pledge recorded on the platform: it cannot be acquired until the pledge is released.", offer.PatentId);
        offer.Accept(actor.UserId, answer, Today, Now);
        if (offer.PriceFen is { } price) candidate.Acquire(price, Today, Today, Now);
        else candidate.MoveTo(CandidateStage.Negotiating, Now);
        audit.Add(AcquisitionAuditActions.Accepted, offer.OwnerOrganizationId, offer.Reference, offer.Answer);
        if (offer.PriceFen is not null) audit.Add(AcquisitionAuditActions.Acquired, offer.OwnerOrganizationId, candidate.PatentId, Price(offer.PriceFen));
        await notifier.QueueAsync(Recipient.User(offer.SentBy), "{0} accepted your offer for patent {1}.", AcquisitionLinks.Candidate(candidate.Id), offer.OwnerName, offer.PatentId);
        await SaveAsync(cancellationToken);
    }

    public async Task DeclineAsync(LicensingActor actor, AcquisitionOffer offer, string? answer, CancellationToken cancellationToken = default)
    {
        var candidate = await AnswerableAsync(actor, offer, cancellationToken);
        offer.Decline(actor.UserId, answer, Today, Now);
        candidate.MoveTo(CandidateStage.Declined, Now);
        audit.Add(AcquisitionAuditActions.Declined, offer.OwnerOrganizationId, offer.Reference, offer.Answer);
        await notifier.QueueAsync(Recipient.User(offer.SentBy), "{0} declined your offer for patent {1}.", AcquisitionLinks.Candidate(candidate.Id), offer.OwnerName, offer.PatentId);
        await SaveAsync(cancellationToken);
    }

    /// <summary>The operator records an acquisition agreed off the platform or after a 面议 offer: the price paid and the date.</summary>
    public async Task RecordAcquisitionAsync(AcquisitionCandidate candidate, long priceFen, DateOnly on, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        await RefuseUnofferableAsync(candidate, cancellationToken);
        candidate.Acquire(priceFen, on, Today, Now);
        audit.Add(AcquisitionAuditActions.Acquired, null, candidate.PatentId, Price(priceFen));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Acquired patents of every pool: per pool, per chain and overall, with the latest valuation's figures.</summary>
    public async Task<AcquisitionPortfolio> PortfolioAsync(Guid? poolId = null, CancellationToken cancellationToken = default)
    {
        var pools = await db.AcquisitionPools.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var acquired = await db.AcquisitionCandidates.AsNoTracking().Where(c => c.Stage == CandidateStage.Acquired && (poolId == null || c.PoolId == poolId))
            .ToListAsync(cancellationToken);
        var values = await LatestValuesAsync([.. acquired.Select(c => c.PatentId)], cancellationToken);
        var lines = acquired.OrderByDescending(c => c.AcquiredOn).ThenBy(c => c.PatentId, StringComparer.Ordinal)
            .Select(c => new PortfolioLine(c, pools[c.PoolId], values.TryGetValue(c.PatentId, out var v) ? v.Yuan : null)).ToList();
        static PortfolioFigures Figures(IEnumerable<PortfolioLine> of) =>
            new(of.Count(), of.Sum(l => l.Candidate.PricePaidFen ?? 0), of.Sum(l => l.LatestValueYuan ?? 0m));
        return new AcquisitionPortfolio(lines, Figures(lines),
            [.. lines.GroupBy(l => l.PoolName).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Figures(g)))],
            [.. lines.GroupBy(l => l.Candidate.ChainId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Figures(g)))]);
    }

    /// <summary>Whether the patent was acquired through a pool (the portfolio holds it).</summary>
    public Task<bool> IsAcquiredAsync(string patentId, CancellationToken cancellationToken = default) =>
        db.AcquisitionCandidates.AnyAsync(c => c.PatentId == patentId && c.Stage == CandidateStage.Acquired, cancellationToken);

    private async Task RefuseUnofferableAsync(AcquisitionCandidate candidate, CancellationToken cancellationToken)
    {
        if (!candidate.IsOpen) throw new AcquisitionRuleException("", "Patent {0} is no longer open for acquisition in this pool (stage: {1}).", candidate.PatentId, candidate.Stage);
        if (await pledges.IsPledgedAsync(candidate.PatentId, cancellationToken))
            throw new AcquisitionRuleException("", "Patent {0} is bound by a pledge recorded on the platform: it cannot be acquired until the pledge is released.", candidate.PatentId);
        if (await db.AcquisitionCandidates.AnyAsync(c => c.PatentId == candidate.PatentId && c.Id != candidate.Id && c.Stage == CandidateStage.Acquired, cancellationToken))
            throw new AcquisitionRuleException("", "Patent {0} was already acquired through another pool.", candidate.PatentId);
    }

    /// <summary>Only the owner organisation's owners and admins answer its offers.</summary>
    private async Task<AcquisitionCandidate> AnswerableAsync(LicensingActor actor, AcquisitionOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(offer);
        if (!actor.ActsFor(offer.OwnerOrganizationId)) throw new AcquisitionRuleException("", "Only the owner organisation's owners and admins answer its acquisition offers.");
        return await db.AcquisitionCandidates.SingleAsync(c => c.Id == offer.CandidateId, cancellationToken);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    /// <summary>The price as notices and the contract write it: yuan, or 面议.</summary>
    public static string Price(long? fen) => fen is { } f ? LicensingDocuments.Money(f / 100m) : "面议";
}
