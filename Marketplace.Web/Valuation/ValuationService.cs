using System.Security.Claims;
using Analytics.Valuation;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Notifications;
using Marketplace.Web.Organizations;
using Marketplace.Web.Patents;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;

namespace Marketplace.Web.Valuation;

/// <summary>The actions the audit log records for valuations.</summary>
public static class ValuationAuditActions
{
    public const string Created = "valuation.created";
    public const string Revised = "valuation.revised";
    public const string ReportDownloaded = "valuation.report-downloaded";
}

/// <summary>What the form starts from for new patents: their facts, the owner, the default royalty rate and proposed inputs.</summary>
public sealed record ValuationProposal(IReadOnlyList<ValuedPatentFacts> Patents, Guid? OwnerOrganizationId, string? ChainId, RoyaltyDefault Royalty,
    ValuationTerms Terms, decimal StatutoryYearsLeft, IReadOnlyList<ComparableTransaction> Comparables);

/// <summary>
/// Valuation use cases: propose the inputs for patents, create, revise, list what a person may see. Operators value any
/// patent; an organisation's owners and admins value its own (by the portfolio's ownership answer), and its members see
/// them. The pages authorise with <see cref="CanView"/> and <see cref="CanEdit"/>.
/// </summary>
public sealed class ValuationService(
    MarketplaceDbContext db,
    PatentSearchService search,
    IPatentOwnership ownership,
    IEnumerable<IComparableTransactions> comparableSources,
    INotifier notifier,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>The fewest completed licences whose median royalty rate is the default; with fewer, a published range.</summary>
    public const int MinLicencesForMedian = 3;

    /// <summary>Proposed inputs a person then corrects (the form shows every one).</summary>
    public const decimal DefaultTaxPercent = 25m, DefaultDiscountPercent = 12m, DefaultGrowthPercent = 5m;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<LicensingActor?> ActorAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) => LicensingActor.ResolveAsync(user, db, cancellationToken);

    public static bool CanView(LicensingActor? actor, PatentValuation valuation) =>
        actor is not null && (actor.IsOperator || valuation.OwnerOrganizationId is { } owner && actor.IsMemberOf(owner));

    public static bool CanEdit(LicensingActor? actor, PatentValuation valuation) =>
        actor is not null && (actor.IsOperator || valuation.OwnerOrganizationId is { } owner && actor.ActsFor(owner));

    /// <summary>
    /// Reads the patents (any written number) from the index and proposes the inputs. Null with the reason (an English
    /// UI string key) when a number is unknown; <paramref name="forbidden"/> is set when the actor may not value them.
    /// </summary>
    public async Task<(ValuationProposal? Proposal, string? Problem, bool Forbidden)> ProposeAsync(LicensingActor actor, IReadOnlyList<string> numbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var wanted = numbers.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return (null, "Name at least one patent to value.", false);
        if (wanted.Count > PatentValuation.MaxPatents) return (null, "A valuation holds at most 20 patents.", false);
        var records = new List<Search.Indexer.Records.PatentRecord>();
        foreach (var number in wanted)
        {
            var (record, _) = await search.FindAsync(number, cancellationToken);
            if (record is null) return (null, "A patent number was not found in the index.", false);
            records.Add(record);
        }
        if (!actor.IsOperator)
        {
            if (!actor.CanActForOrganization) return (null, null, true);
            foreach (var record in records)
                if (!(await ownership.CheckAsync(actor.Organization!, record, cancellationToken)).Owns) return (null, null, true);
        }
        var owner = actor.IsOperator ? await OwnerOfAsync(records[0].Id, records[0].Applicants.Select(a => a.Name).ToList(), cancellationToken) : actor.Organization!.Id;
        var facts = records.Select(r => new ValuedPatentFacts(r.Id, r.Title(PatentLabels.TextLanguage) ?? r.Id, r.DocumentType, r.ApplicationDate,
            LabelFacets.ValuesOf(r, LabelFacets.Chain).FirstOrDefault())).ToList();
        var chain = facts.Select(f => f.ChainId).FirstOrDefault(c => c is not null);
        var today = DateOnly.FromDateTime(Now);
        var yearsLeft = PatentValuation.StatutoryYearsLeftOf(facts.Select(f => new ValuedPatent(Guid.Empty, f)), today);
        var royalty = await RoyaltyDefaultAsync(chain, cancellationToken);
        var comparables = await ComparablesAsync(chain, today, facts.Select(f => f.PatentId), cancellationToken);
        var terms = new ValuationTerms
        {
            Purpose = ValuationPurpose.PledgeFinancing,
            ValuationDate = today,
            RevenueYuan = 0m,
            GrowthPercent = DefaultGrowthPercent,
            RoyaltyPercent = royalty.Percent,
            TaxPercent = DefaultTaxPercent,
            DiscountPercent = DefaultDiscountPercent,
            LifeYears = yearsLeft,
            FeesYuan = 0m,
            ResearchCostYuan = 0m,
            ObsolescencePercent = 0m,
            MarketAdjustmentPercent = 0m,
            Basis = ValuationApproach.Income,
        };
        return (new ValuationProposal(facts, owner, chain, royalty, terms, yearsLeft, comparables), null, false);
    }

    /// <summary>The median royalty rate of the platform's completed licences in the chain when there are enough, else the published range's middle.</summary>
    public async Task<RoyaltyDefault> RoyaltyDefaultAsync(string? chainId, CancellationToken cancellationToken = default)
    {
        if (chainId is not null)
        {
            // Royalties on profit are not rates on revenue: only licences paid on sales compare with a revenue base.
            var rates = await db.LicenseOrders.AsNoTracking()
                .Where(o => o.Status == LicenseStatus.Effective || o.Status == LicenseStatus.Recorded || o.Status == LicenseStatus.Expired)
                .Join(db.OpenLicenseDeclarations.AsNoTracking(), o => o.DeclarationId, d => d.Id, (o, d) => d)
                .Where(d => d.Fee.RoyaltyPercent != null && d.Fee.RoyaltyBase == RoyaltyBase.Sales && d.Patents.Any(p => p.Chain == chainId))
                .Select(d => d.Fee.RoyaltyPercent!.Value)
                .ToListAsync(cancellationToken);
            if (rates.Count >= MinLicencesForMedian)
                return new RoyaltyDefault(decimal.Round(MarketApproach.Median(rates), 2, MidpointRounding.AwayFromZero), RoyaltyRateSource.PlatformLicences, rates.Count, null);
            var published = PublishedRoyaltyRates.Shipped.For(chainId);
            return new RoyaltyDefault(published.MidpointPercent, RoyaltyRateSource.PublishedRange, rates.Count, published);
        }
        var fallback = PublishedRoyaltyRates.Shipped.For(null);
        return new RoyaltyDefault(fallback.MidpointPercent, RoyaltyRateSource.PublishedRange, 0, fallback);
    }

    /// <summary>Every source's comparables (licences, and transfers when a feature provides them), newest first.</summary>
    public async Task<IReadOnlyList<ComparableTransaction>> ComparablesAsync(string? chainId, DateOnly until, IEnumerable<string> subjectPatentIds, CancellationToken cancellationToken = default)
    {
        var query = new ComparableQuery(chainId, until, subjectPatentIds.ToHashSet(StringComparer.Ordinal));
        var found = new List<ComparableTransaction>();
        foreach (var source in comparableSources) found.AddRange(await source.FindAsync(query, cancellationToken));
        return [.. found.OrderByDescending(c => c.Date).ThenBy(c => c.Reference, StringComparer.Ordinal)];
    }

    public async Task<PatentValuation> CreateAsync(LicensingActor actor, ValuationProposal proposal, ValuationTerms terms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(proposal);
        var comparables = await ComparablesAsync(proposal.ChainId, terms.ValuationDate, proposal.Patents.Select(p => p.PatentId), cancellationToken);
        var valuation = PatentValuation.Create(proposal.Patents, proposal.OwnerOrganizationId, proposal.ChainId, proposal.Royalty, terms, comparables, actor.UserId, Now);
        db.Add(valuation);
        audit.Add(ValuationAuditActions.Created, valuation.OwnerOrganizationId, valuation.Reference, string.Join(",", valuation.Patents.Select(p => p.PatentId)));
        await TellOwnerAsync(actor, valuation, "A valuation of {0} was made: {1}.");
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        return valuation;
    }

    /// <summary>Saves new inputs; returns what changed (empty when nothing did).</summary>
    public async Task<IReadOnlyList<ValuationChange>> ReviseAsync(LicensingActor actor, PatentValuation valuation, ValuationTerms terms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(valuation);
        if (!CanEdit(actor, valuation)) throw new ValuationRuleException("Only operators and the owner's administrators change a valuation.");
        var comparables = await ComparablesAsync(valuation.ChainId, terms.ValuationDate, valuation.Patents.Select(p => p.PatentId), cancellationToken);
        var changes = valuation.Revise(terms, comparables, actor.UserId, Now);
        if (changes.Count == 0) return changes;
        audit.Add(ValuationAuditActions.Revised, valuation.OwnerOrganizationId, valuation.Reference,
            string.Join("; ", changes.Select(c => $"{c.Label}: {c.Before} -> {c.After}")));
        await TellOwnerAsync(actor, valuation, "The valuation of {0} was revised: {1}.");
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        return changes;
    }

    public async Task RecordDownloadAsync(PatentValuation valuation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(valuation);
        await audit.WriteAsync(ValuationAuditActions.ReportDownloaded, valuation.OwnerOrganizationId, valuation.Reference, cancellationToken: cancellationToken);
    }

    public Task<PatentValuation?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<PatentValuation>().Include(v => v.Patents).FirstOrDefaultAsync(v => v.Id == id, cancellationToken);

    /// <summary>The valuations the actor may see, newest change first: all for operators, their organisation's for members.</summary>
    public async Task<IReadOnlyList<PatentValuation>> VisibleAsync(LicensingActor? actor, CancellationToken cancellationToken = default)
    {
        if (actor is null) return [];
        var query = db.Set<PatentValuation>().AsNoTracking().Include(v => v.Patents).AsQueryable();
        if (!actor.IsOperator)
        {
            if (actor.Organization is null || actor.Role is null) return [];
            var organization = actor.Organization.Id;
            query = query.Where(v => v.OwnerOrganizationId == organization);
        }
        var list = await query.OrderByDescending(v => v.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return [.. list.OrderByDescending(v => v.UpdatedAt)];
    }

    /// <summary>The organisation that owns a patent: an approved portfolio claim, else a registered organisation named as an applicant.</summary>
    private async Task<Guid?> OwnerOfAsync(string patentId, IReadOnlyList<string> applicants, CancellationToken cancellationToken)
    {
        var claimed = await db.PortfolioClaims.AsNoTracking().Where(c => c.PatentId == patentId && c.Status == ClaimStatus.Approved)
            .Select(c => (Guid?)c.OrganizationId).FirstOrDefaultAsync(cancellationToken);
        if (claimed is not null) return claimed;
        return await db.Organizations.AsNoTracking().Where(o => applicants.Contains(o.Name)).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The owner organisation hears of a valuation someone outside it (an operator) made or changed.</summary>
    private async Task TellOwnerAsync(LicensingActor actor, PatentValuation valuation, string message)
    {
        if (valuation.OwnerOrganizationId is not { } owner || actor.IsMemberOf(owner)) return;
        await notifier.QueueAsync(Recipient.Organization(owner), message, ValuationLinks.Details(valuation.Id),
            string.Join("、", valuation.Patents.Select(p => p.PatentId)), valuation.Reference);
    }
}

/// <summary>Where valuations live on the site.</summary>
public static class ValuationLinks
{
    public const string List = "/valuations";

    public static string Details(Guid id) => $"/valuations/{id}";

    public static string Report(Guid id) => $"/valuations/{id}?handler=Report";

    public static string New(IEnumerable<string> patentIds) => "/valuations/new?" + string.Join("&", patentIds.Select(p => "patents=" + Uri.EscapeDataString(p)));
}
