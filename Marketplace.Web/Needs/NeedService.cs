using System.Security.Claims;
using Analytics.Matching;
using Analytics.Taxonomy;
using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Notifications;
using Marketplace.Web.Operations;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Needs;

/// <summary>The actions the audit log records for needs and deals.</summary>
public static class NeedAuditActions
{
    public const string NeedPosted = "need.posted";
    public const string NeedClosed = "need.closed";
    public const string UniversityInvited = "need.university-invited";
    public const string ProposalSubmitted = "need.proposal-submitted";
    public const string DealChanged = "deal.changed";
}

/// <summary>A candidate patent with the registered research organisations that own it (by name), for inviting.</summary>
public sealed record NeedCandidate(MatchCandidate Match, IReadOnlyList<Organization> Owners);

/// <summary>Need use cases: post, see (by visibility), match, invite, propose. Pages authorise with <see cref="NeedViewer"/>; entities refuse illegal changes.</summary>
public sealed class NeedService(
    MarketplaceDbContext db,
    PatentMatcher matcher,
    NeedAnalyzer analyzer,
    IPatentIndex index,
    IPatentOwnership ownership,
    INotifier notifier,
    NeedFeedService feed,
    AuditLog audit,
    IndustryTaxonomy taxonomy,
    TimeProvider clock,
    MarketplaceMetrics metrics)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The person, the organisation they act for and whether they are platform staff (with two-factor sign-in).</summary>
    public async Task<NeedViewer> ViewerAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = StaffAccess.UserId(user);
        if (userId is null) return new NeedViewer(null, null, null, false);
        var organization = await db.Users.Where(u => u.Id == userId && u.CurrentOrganizationId != null)
            .Join(db.Organizations, u => u.CurrentOrganizationId, o => (Guid?)o.Id, (u, o) => new { o.Id, o.Type, o.Verification })
            .FirstOrDefaultAsync(cancellationToken);
        // Acting for an organisation needs membership (the current choice could be stale after leaving).
        var member = organization is not null && await db.Memberships.AnyAsync(m => m.OrganizationId == organization.Id && m.UserId == userId, cancellationToken);
        return new NeedViewer(userId, member ? organization!.Id : null, member ? organization!.Type : null, StaffAccess.IsOperator(user))
        {
            Verified = member && organization!.Verification == VerificationStatus.Verified,
        };
    }

    public NeedElements ProposeElements(string title, string description) => analyzer.ProposeElements(title + "\n" + description);

    /// <summary>Why the viewer cannot post a need now, or null when they can.</summary>
    public static string? CannotPost(NeedViewer viewer) =>
        viewer.OrganizationId is null ? "Act for your enterprise to post a need."
        : viewer.OrganizationType != OrganizationType.Enterprise ? "Only enterprises post technical needs."
        : !viewer.Verified ? "Your enterprise must be verified before it posts needs."
        : null;

    public async Task<Need> PostAsync(NeedViewer viewer, NeedDraft draft, CancellationToken cancellationToken = default)
    {
        if (CannotPost(viewer) is { } reason) throw new NeedRuleException(reason);
        var need = Need.Post(viewer.OrganizationId!.Value, viewer.UserId!.Value, draft, Now, taxonomy);
        db.Add(need);
        db.Add(Deal.Open(need.Id, viewer.UserId, Now));
        audit.Add(NeedAuditActions.NeedPosted, need.OrganizationId, need.Title, need.Visibility.ToString());
        await db.SaveChangesAsync(cancellationToken);
        metrics.NeedPosted();
        // Alerts report only what is new after posting: the first candidates count as seen.
        await RememberSeenAsync(need, cancellationToken);
        // The universities whose portfolios share the need's fields hear of it (public needs only).
        await feed.AlertFieldsAsync(need, cancellationToken);
        return need;
    }

    public Task<Need?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<Need>().Include(n => n.Invitations).FirstOrDefaultAsync(n => n.Id == id, cancellationToken);

    /// <summary>The needs the viewer sees: their own organisation's, those they are invited to, public ones (operators: all); newest first.</summary>
    public async Task<IReadOnlyList<Need>> FeedAsync(NeedViewer viewer, string? chainId = null, bool openOnly = true, CancellationToken cancellationToken = default)
    {
        if (viewer.UserId is null) return [];
        var query = db.Set<Need>().AsNoTracking().Include(n => n.Invitations).AsQueryable();
        if (!viewer.IsOperator)
        {
            var org = viewer.OrganizationId;
            query = query.Where(n => n.OrganizationId == org || n.Visibility == NeedVisibility.Public || n.Invitations.Any(i => i.OrganizationId == org));
        }
        if (!string.IsNullOrWhiteSpace(chainId)) query = query.Where(n => n.ChainId == chainId);
        if (openOnly) query = query.Where(n => n.Status == NeedStatus.Open);
        var list = await query.ToListAsync(cancellationToken);
        // The entity's rule has the last word (the query only narrows).
        return list.Where(n => n.IsVisibleTo(viewer)).OrderByDescending(n => n.CreatedAt).Take(200).ToList();
    }

    public static TechnicalNeed ToTechnicalNeed(Need need, MatchFilters? filters = null) => new()
    {
        Title = need.Title,
        Description = need.Description,
        ChainId = need.ChainId,
        Elements = need.Elements(),
        Filters = filters ?? new MatchFilters { Region = null },
    };

    /// <summary>Ranked, explained candidates, each with the registered universities and institutes that own it.</summary>
    public async Task<(MatchResult Result, IReadOnlyList<NeedCandidate> Candidates)> CandidatesAsync(Need need, MatchFilters filters, int top = 20, CancellationToken cancellationToken = default)
    {
        var result = await matcher.MatchAsync(ToTechnicalNeed(need, filters), top, ShippedMatching.Signals, cancellationToken);
        var research = await ResearchOrganizationsAsync(cancellationToken);
        var byKey = research.GroupBy(o => NameMatchPatentOwnership.Key(o.Name) ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var candidates = result.Candidates.Select(c => new NeedCandidate(c,
                c.Record.Applicants.Select(a => NameMatchPatentOwnership.Key(a.Name) ?? "").Distinct(StringComparer.Ordinal)
                    .SelectMany(k => byKey.TryGetValue(k, out var orgs) ? orgs : []).ToList()))
            .ToList();
        return (result, candidates);
    }

    /// <summary>Verified universities and research institutes, by name.</summary>
    public async Task<IReadOnlyList<Organization>> ResearchOrganizationsAsync(CancellationToken cancellationToken = default)
    {
        var list = await db.Organizations.AsNoTracking()
            .Where(o => (o.Type == OrganizationType.University || o.Type == OrganizationType.ResearchInstitute) && o.Verification == VerificationStatus.Verified)
            .ToListAsync(cancellationToken);
        return list.OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
    }

    public async Task InviteAsync(Need need, NeedViewer viewer, Guid organizationId, CancellationToken cancellationToken = default)
    {
        if (!need.IsOwnedBy(viewer)) throw new NeedRuleException("Only the enterprise that posted the need can invite.");
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken)
            ?? throw new NeedRuleException("Unknown organisation.");
        need.Invite(organization.Id, organization.Type, organization.Verification, viewer.UserId!.Value, Now);
        audit.Add(NeedAuditActions.UniversityInvited, need.OrganizationId, need.Title, organization.Name);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.NotifyAsync(Recipient.Organization(organization.Id), "You are invited to answer the technical need “{0}”.", $"/needs/{need.Id}", need.Title);
        // The invitation is the organisation's news of this need: no field alert follows it.
        await feed.RememberInvitationAsync(need.Id, organization.Id, cancellationToken);
    }

    public async Task CloseAsync(Need need, NeedViewer viewer, CancellationToken cancellationToken = default)
    {
        if (!need.IsOwnedBy(viewer) && !viewer.IsOperator) throw new NeedRuleException("Only the enterprise that posted the need can close it.");
        need.Close(Now);
        audit.Add(NeedAuditActions.NeedClosed, need.OrganizationId, need.Title);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetAlertsAsync(Need need, NeedViewer viewer, bool enabled, CancellationToken cancellationToken = default)
    {
        if (!need.IsOwnedBy(viewer)) throw new NeedRuleException("Only the enterprise that posted the need can change its alerts.");
        need.SetAlerts(enabled);
        await db.SaveChangesAsync(cancellationToken);
        if (enabled) await RememberSeenAsync(need, cancellationToken);
    }

    /// <summary>
    /// Proposes patents by publication number or record id; each must be in the index and owned by the
    /// proposing organisation (<see cref="IPatentOwnership"/>). Returns the proposal or the first problem.
    /// </summary>
    public async Task<(Proposal? Proposal, string? Error, string? Detail)> ProposeAsync(Need need, NeedViewer viewer, string? patents, string approach, string terms, string team,
        Guid? openLicenseDeclarationId, CancellationToken cancellationToken = default)
    {
        if (viewer.OrganizationId is null) return (null, "Act for your university or institute to propose.", null);
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == viewer.OrganizationId, cancellationToken);
        if (organization.Verification != VerificationStatus.Verified) return (null, "Your organisation must be verified before it proposes.", null);
        if (await db.Set<Proposal>().AnyAsync(p => p.NeedId == need.Id && p.OrganizationId == organization.Id, cancellationToken))
            return (null, "Your organisation has already answered this need.", null);
        var ids = new List<string>();
        foreach (var number in NeedDraft.Split(patents))
        {
            var record = await index.GetAsync(number, cancellationToken);
            if (record is null && await index.LookupAsync(number, cancellationToken) is { Count: > 0 } found) record = found[0];
            if (record is null) return (null, "Patent {0} was not found.", number);
            if (!(await ownership.CheckAsync(organization, record, cancellationToken)).Owns) return (null, "Patent {0} does not belong to your organisation.", number);
            ids.Add(record.Id);
        }
        if (openLicenseDeclarationId is { } declarationId)
        {
            var declaration = await db.OpenLicenseDeclarations.AsNoTracking().Where(d => d.Id == declarationId)
                .Select(d => new { d.OrganizationId, d.Status }).FirstOrDefaultAsync(cancellationToken);
            if (declaration is null) return (null, "The open licence declaration was not found.", null);
            if (declaration.OrganizationId != organization.Id) return (null, "The open licence declaration belongs to another organisation.", null);
            if (declaration.Status != Licensing.DeclarationStatus.Published) return (null, "Only a published open licence declaration can be offered.", null);
        }
        try
        {
            var proposal = Proposal.Submit(need, viewer, ids, approach, terms, team, openLicenseDeclarationId, Now);
            db.Add(proposal);
            audit.Add(NeedAuditActions.ProposalSubmitted, need.OrganizationId, need.Title, organization.Name);
            await db.SaveChangesAsync(cancellationToken);
            await notifier.NotifyAsync(Recipient.Organization(need.OrganizationId), "{0} answered your technical need “{1}”.", $"/needs/{need.Id}", organization.Name, need.Title);
            return (proposal, null, null);
        }
        catch (NeedRuleException e)
        {
            return (null, e.Message, null);
        }
    }

    /// <summary>The enterprise and operators see every proposal; a university sees its own.</summary>
    public async Task<IReadOnlyList<(Proposal Proposal, string Organization)>> ProposalsAsync(Need need, NeedViewer viewer, CancellationToken cancellationToken = default)
    {
        var query = db.Set<Proposal>().AsNoTracking().Where(p => p.NeedId == need.Id);
        if (!need.IsOwnedBy(viewer) && !viewer.IsOperator) query = query.Where(p => p.OrganizationId == viewer.OrganizationId);
        var rows = await query.Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { p, o.Name }).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.p.SubmittedAt).Select(r => (r.p, r.Name)).ToList();
    }

    public Task<IReadOnlyDictionary<Guid, string>> OrganizationNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default) =>
        feed.OrganizationNamesAsync(ids, cancellationToken);

    /// <summary>
    /// Saved-need alerts: re-matches every open need with alerts on and tells its enterprise about
    /// patents not reported before, and about known ones whose open licence appeared since. Returns the notifications sent.
    /// </summary>
    public async Task<int> RunAlertsAsync(CancellationToken cancellationToken = default)
    {
        var needs = await db.Set<Need>().Where(n => n.AlertsEnabled && n.Status == NeedStatus.Open).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var need in needs)
        {
            var (newPatents, newLicenses) = await RememberSeenAsync(need, cancellationToken);
            if (newPatents > 0)
            {
                await notifier.NotifyAsync(Recipient.Organization(need.OrganizationId), "{0} new matching patents for your need “{1}”.",
                    $"/needs/{need.Id}/candidates", newPatents.ToString(System.Globalization.CultureInfo.InvariantCulture), need.Title);
                sent++;
            }
            if (newLicenses > 0)
            {
                await notifier.NotifyAsync(Recipient.Organization(need.OrganizationId), "{0} matching patents for your need “{1}” are now open for licensing.",
                    $"/needs/{need.Id}/candidates", newLicenses.ToString(System.Globalization.CultureInfo.InvariantCulture), need.Title);
                sent++;
            }
        }
        return sent;
    }

    /// <summary>The top N of the re-match that alerts watch.</summary>
    public const int AlertDepth = 20;

    /// <summary>Patents remembered per need (the oldest forgotten first): ten times the watched top N.</summary>
    public const int AlertMemory = 200;

    /// <summary>The published declarations the organisation may offer in a proposal.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Reference, string Patents)>> OfferableDeclarationsAsync(Guid? organizationId, CancellationToken cancellationToken = default)
    {
        if (organizationId is null) return [];
        var list = await db.OpenLicenseDeclarations.AsNoTracking().Include(d => d.Patents)
            .Where(d => d.OrganizationId == organizationId && d.Status == Licensing.DeclarationStatus.Published).ToListAsync(cancellationToken);
        return [.. list.OrderByDescending(d => d.PublishedOn).Select(d => (d.Id, d.PublicationReference ?? d.Id.ToString(), string.Join(", ", d.Patents.Select(p => p.PatentId))))];
    }

    /// <summary>Publication references of declarations, for showing a proposal's offer as a link.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> DeclarationReferencesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return new Dictionary<Guid, string>();
        return await db.OpenLicenseDeclarations.AsNoTracking().Where(d => list.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.PublicationReference ?? d.Id.ToString(), cancellationToken);
    }

    private async Task<(int NewPatents, int NewLicenses)> RememberSeenAsync(Need need, CancellationToken cancellationToken)
    {
        var result = await matcher.MatchAsync(ToTechnicalNeed(need), AlertDepth, ShippedMatching.Signals, cancellationToken);
        // The matcher's reading of the need is also its fields for the universities' feed.
        need.SetFields(result.Profile.Chains.Select(c => c.ChainId).Take(3),
            result.NeedIpcGroups.Select(Search.Indexer.Normalization.Classification.Subclass).OfType<string>().Take(3));
        var seen = await db.Set<NeedAlertSeen>().Where(s => s.NeedId == need.Id).ToDictionaryAsync(s => s.PatentId, StringComparer.Ordinal, cancellationToken);
        int newPatents = 0, newLicenses = 0;
        foreach (var c in result.Candidates)
        {
            var open = c.Explanation.OpenLicenseAvailable;
            if (!seen.TryGetValue(c.Record.Id, out var known))
            {
                db.Add(new NeedAlertSeen(need.Id, c.Record.Id, open, Now));
                newPatents++;
            }
            else if (open && !known.OpenLicense)
            {
                known.LicenseOpened(Now);
                newLicenses++;
            }
        }
        // Bounded memory: forget the longest-unseen patents beyond the limit (never those of this run).
        var current = result.Candidates.Select(c => c.Record.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var old in seen.Values.Where(s => !current.Contains(s.PatentId)).OrderByDescending(s => s.SeenAt).ThenBy(s => s.PatentId, StringComparer.Ordinal)
                     .Skip(Math.Max(0, AlertMemory - current.Count)))
            db.Remove(old);
        await db.SaveChangesAsync(cancellationToken);
        return (newPatents, newLicenses);
    }
}
