using Analytics.Chains;
using Analytics.Taxonomy;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Notifications;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Search.Indexer.Engine;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Marketplace.Web.Needs;

/// <summary>
/// The technical fields of an organisation's portfolio: how many of its patents fall in each industry chain
/// (the index's chain label, or the taxonomy's rules for a record not labelled yet) and each IPC subclass.
/// </summary>
public sealed record PortfolioFields(int Patents, IReadOnlyDictionary<string, int> Chains, IReadOnlyDictionary<string, int> IpcSubclasses)
{
    public static readonly PortfolioFields None = new(0, new Dictionary<string, int>(), new Dictionary<string, int>());
}

/// <summary>One overlap between a need and a portfolio: "your portfolio has 12 patents in 新能源 / H01M".</summary>
public sealed record FieldOverlap(string Kind, string Code, int Patents)
{
    public const string Chain = "chain", Ipc = "ipc";
}

/// <summary>A need in a university's feed, why it is there, and its rank score.</summary>
public sealed record FeedItem(Need Need, string Enterprise, IReadOnlyList<FieldOverlap> Overlaps, bool Invited, double Score);

/// <summary>What the feed shows: the chosen filters, one page of items and the total.</summary>
public sealed record FeedFilter
{
    public string? ChainId { get; init; }
    public NeedOutcome? Outcome { get; init; }
    /// <summary>Hide needs whose deadline has passed (default on).</summary>
    public bool OpenDeadlineOnly { get; init; } = true;
    public int Page { get; init; } = 1;
}

public sealed record FeedPage(IReadOnlyList<FeedItem> Items, int Total, int Page, int PageSize, PortfolioFields Fields)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>An organisation was told of a need (a field alert, or its invitation): the pair is told only once.</summary>
public sealed class NeedFieldAlert
{
    public NeedFieldAlert(Guid needId, Guid organizationId, string reason, DateTime sentAt)
    {
        NeedId = needId;
        OrganizationId = organizationId;
        Reason = reason;
        SentAt = sentAt;
    }

    public const string Field = "field", Invitation = "invitation";

    public Guid NeedId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string Reason { get; private set; }

    public DateTime SentAt { get; private set; }
}

/// <summary>
/// The universities' side of needs (高校解题): the feed of open needs in the fields of the organisation's
/// portfolio (public ones, and those it is invited to; visibility exactly as <see cref="Need.IsVisibleTo"/>),
/// ranked by field overlap and recency with the reasons shown; and the alerts that tell a university's members
/// once per need when a public need in their fields is posted.
/// </summary>
public sealed class NeedFeedService(MarketplaceDbContext db, IPatentIndex index, ChainRules chainRules, IMemoryCache cache, INotifier notifier, TimeProvider clock)
{
    public const int PageSize = 20, MaxPortfolio = 5000, MaxCandidates = 1000;

    /// <summary>Field alerts reach needs posted within this many days (the daily sweep looks no further back).</summary>
    public const int AlertWindowDays = 30;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Cached for a few minutes: a portfolio changes rarely, the feed is read often.</summary>
    public async Task<PortfolioFields> FieldsAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var claimCount = await db.PortfolioClaims.CountAsync(c => c.OrganizationId == organizationId && c.Status != ClaimStatus.Rejected, cancellationToken);
        var key = $"needs.portfolio-fields:{organizationId:N}:{claimCount}";
        if (cache.TryGetValue(key, out PortfolioFields? cached) && cached is not null) return cached;
        var ids = await db.PortfolioClaims.AsNoTracking().Where(c => c.OrganizationId == organizationId && c.Status != ClaimStatus.Rejected)
            .OrderBy(c => c.PatentId).Select(c => c.PatentId).Take(MaxPortfolio).ToListAsync(cancellationToken);
        var fields = PortfolioFields.None;
        if (ids.Count > 0)
        {
            var records = await index.GetManyAsync(ids, cancellationToken);
            var chains = new Dictionary<string, int>(StringComparer.Ordinal);
            var ipc = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var record in records.Values)
            {
                var labelled = LabelFacets.ValuesOf(record, LabelFacets.Chain).ToList();
                foreach (var chain in (labelled.Count > 0 ? labelled : chainRules.Apply(record).Select(a => a.ChainId)).Distinct(StringComparer.Ordinal))
                    chains[chain] = chains.GetValueOrDefault(chain) + 1;
                foreach (var subclass in record.IpcCodes.Select(Classification.Subclass).OfType<string>().Distinct(StringComparer.Ordinal))
                    ipc[subclass] = ipc.GetValueOrDefault(subclass) + 1;
            }
            fields = new PortfolioFields(records.Count, chains, ipc);
        }
        cache.Set(key, fields, TimeSpan.FromMinutes(10));
        return fields;
    }

    /// <summary>Where the need and the portfolio meet, the largest first.</summary>
    public static IReadOnlyList<FieldOverlap> Overlaps(Need need, PortfolioFields fields) =>
    [
        .. need.Chains().Where(fields.Chains.ContainsKey).Select(c => new FieldOverlap(FieldOverlap.Chain, c, fields.Chains[c]))
            .Concat(need.IpcSubclasses().Where(fields.IpcSubclasses.ContainsKey).Select(i => new FieldOverlap(FieldOverlap.Ipc, i, fields.IpcSubclasses[i])))
            .OrderByDescending(o => o.Patents).ThenBy(o => o.Kind, StringComparer.Ordinal).ThenBy(o => o.Code, StringComparer.Ordinal),
    ];

    /// <summary>
    /// Field overlap (log of the patents in each shared chain and subclass, so one large field does not drown
    /// the rest) weighted by recency (half-life 30 days); an invitation counts as a strong overlap.
    /// </summary>
    public static double Score(IReadOnlyList<FieldOverlap> overlaps, bool invited, DateTime createdAt, DateTime now)
    {
        var overlap = overlaps.Sum(o => Math.Log2(1 + o.Patents) * (o.Kind == FieldOverlap.Chain ? 1.0 : 1.5)) + (invited ? 5 : 0);
        var ageDays = Math.Max(0, (now - createdAt).TotalDays);
        return overlap * (0.5 + 0.5 * Math.Pow(0.5, ageDays / 30));
    }

    /// <summary>
    /// The feed of a university or institute member: open needs visible to them (public, or invited to), not
    /// their own, that overlap their portfolio's fields or invite them; filtered, ranked and paged.
    /// </summary>
    public async Task<FeedPage> FeedAsync(NeedViewer viewer, FeedFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (viewer.UserId is null || viewer.OrganizationId is not { } org || !viewer.IsResearchOrganization)
            return new FeedPage([], 0, 1, PageSize, PortfolioFields.None);
        var fields = await FieldsAsync(org, cancellationToken);
        // The query narrows exactly as the needs list does; the entity's rule has the last word below.
        var query = db.Set<Need>().AsNoTracking().Include(n => n.Invitations)
            .Where(n => n.Status == NeedStatus.Open && n.OrganizationId != org)
            .Where(n => n.Visibility == NeedVisibility.Public || n.Invitations.Any(i => i.OrganizationId == org));
        if (!string.IsNullOrWhiteSpace(filter.ChainId)) query = query.Where(n => n.ChainId == filter.ChainId || n.FieldChains.Contains(filter.ChainId));
        if (filter.Outcome is { } outcome) query = query.Where(n => n.Outcome == outcome);
        if (filter.OpenDeadlineOnly)
        {
            var today = Now.Date;
            query = query.Where(n => n.Deadline == null || n.Deadline >= today);
        }
        var needs = await query.OrderByDescending(n => n.CreatedAt).Take(MaxCandidates).ToListAsync(cancellationToken);
        var now = Now;
        var items = needs.Where(n => n.IsVisibleTo(viewer) && !n.IsOwnedBy(viewer))
            .Where(n => string.IsNullOrWhiteSpace(filter.ChainId) || n.Chains().Contains(filter.ChainId, StringComparer.Ordinal))
            .Select(n => (Need: n, Overlaps: Overlaps(n, fields), Invited: n.IsInvited(org)))
            .Where(x => x.Invited || x.Overlaps.Count > 0)
            .Select(x => (x.Need, x.Overlaps, x.Invited, Score: Score(x.Overlaps, x.Invited, x.Need.CreatedAt, now)))
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Need.CreatedAt).ThenBy(x => x.Need.Id)
            .ToList();
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (items.Count + PageSize - 1) / PageSize));
        var slice = items.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var names = await OrganizationNamesAsync(slice.Select(x => x.Need.OrganizationId), cancellationToken);
        return new FeedPage([.. slice.Select(x => new FeedItem(x.Need, names.GetValueOrDefault(x.Need.OrganizationId, ""), x.Overlaps, x.Invited, x.Score))],
            items.Count, page, PageSize, fields);
    }

    /// <summary>Organisation names by id, for the ids given (unknown ids are left out).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> OrganizationNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var list = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    /// <summary>
    /// Tells the members of every verified university and institute whose portfolio overlaps a public, open need
    /// (「您关注领域的新需求」), once per need and organisation; returns the organisations told.
    /// </summary>
    public async Task<int> AlertFieldsAsync(Need need, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(need);
        if (need.Visibility != NeedVisibility.Public || need.Status != NeedStatus.Open) return 0;
        return await AlertFieldsAsync(need, await ResearchOrganizationsAsync(cancellationToken), [], cancellationToken);
    }

    /// <summary>Verified universities and institutes with a portfolio: the organisations field alerts go to.</summary>
    private Task<List<Guid>> ResearchOrganizationsAsync(CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking()
            .Where(o => (o.Type == OrganizationType.University || o.Type == OrganizationType.ResearchInstitute) && o.Verification == VerificationStatus.Verified)
            .Where(o => db.PortfolioClaims.Any(c => c.OrganizationId == o.Id && c.Status != ClaimStatus.Rejected))
            .Select(o => o.Id).ToListAsync(cancellationToken);

    /// <param name="fields">Portfolio fields already read, by organisation; filled as more are read (one sweep shares it across needs).</param>
    private async Task<int> AlertFieldsAsync(Need need, List<Guid> research, Dictionary<Guid, PortfolioFields> fields, CancellationToken cancellationToken)
    {
        var told = (await db.Set<NeedFieldAlert>().Where(a => a.NeedId == need.Id).Select(a => a.OrganizationId).ToListAsync(cancellationToken)).ToHashSet();
        var sent = 0;
        foreach (var org in research.Where(o => o != need.OrganizationId && !told.Contains(o)))
        {
            if (!fields.TryGetValue(org, out var portfolio)) fields[org] = portfolio = await FieldsAsync(org, cancellationToken);
            if (Overlaps(need, portfolio).Count == 0) continue;
            db.Add(new NeedFieldAlert(need.Id, org, NeedFieldAlert.Field, Now));
            // Saved first: a unique key on (need, organisation) makes a second sender fail before anyone is told twice.
            await db.SaveChangesAsync(cancellationToken);
            await notifier.NotifyAsync(Recipient.Organization(org), "A new need in your fields: {0}", $"/needs/{need.Id}", need.Title);
            sent++;
        }
        return sent;
    }

    /// <summary>Marks an invited organisation as told of the need (its invitation is the message), so no field alert follows.</summary>
    public async Task RememberInvitationAsync(Guid needId, Guid organizationId, CancellationToken cancellationToken = default)
    {
        if (await db.Set<NeedFieldAlert>().AnyAsync(a => a.NeedId == needId && a.OrganizationId == organizationId, cancellationToken)) return;
        db.Add(new NeedFieldAlert(needId, organizationId, NeedFieldAlert.Invitation, Now));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The daily sweep: public open needs of the last 30 days against portfolios claimed since they were posted.</summary>
    public async Task<int> RunFieldAlertsAsync(CancellationToken cancellationToken = default)
    {
        var since = Now.AddDays(-AlertWindowDays);
        var needs = await db.Set<Need>().AsNoTracking()
            .Where(n => n.Status == NeedStatus.Open && n.Visibility == NeedVisibility.Public && n.CreatedAt >= since).ToListAsync(cancellationToken);
        if (needs.Count == 0) return 0;
        // The organisations and their portfolio fields are read once for the whole sweep.
        var research = await ResearchOrganizationsAsync(cancellationToken);
        var fields = new Dictionary<Guid, PortfolioFields>();
        var sent = 0;
        foreach (var need in needs) sent += await AlertFieldsAsync(need, research, fields, cancellationToken);
        return sent;
    }
}
