using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Needs;

/// <summary>Leads in the operators' pipeline from contest observers' interests: one per interest, when it is tagged or in the daily sweep.</summary>
public sealed class ContestLeads(MarketplaceDbContext db, AuditLog audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// An observer's interest in a contest entry becomes (once) a lead at stage New, with the entry's patents and
    /// the observer's organisation as the interested party; a later change of the tags is noted in its history.
    /// The lead stays when the interest changes or goes: it has no foreign key to it.
    /// </summary>
    public async Task<Deal> LeadFromInterestAsync(Contests.ObserverInterest interest, Contests.ContestEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interest);
        ArgumentNullException.ThrowIfNull(entry);
        var existing = await db.Set<Deal>().Include(d => d.History).FirstOrDefaultAsync(d => d.ObserverInterestId == interest.Id, cancellationToken);
        if (existing is not null)
        {
            if (existing.InterestTags() != interest.Tags)
            {
                existing.InterestChanged(interest.Tags, interest.ObserverUserId, Now);
                await db.SaveChangesAsync(cancellationToken);
            }
            return existing;
        }
        var organization = await ActingOrganizationAsync(interest.ObserverUserId, cancellationToken);
        var deal = Deal.OpenLead(interest.Id, entry.Id, entry.Title, entry.PatentIds, organization, interest.ObserverUserId, interest.Tags, Now);
        db.Add(deal);
        audit.Add(NeedAuditActions.DealChanged, organization, deal.Title, $"lead from contest interest {interest.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return deal;
    }

    /// <summary>The organisation the person acts for (their current choice if still a member, else their first membership).</summary>
    private async Task<Guid?> ActingOrganizationAsync(Guid userId, CancellationToken cancellationToken)
    {
        var current = await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).FirstOrDefaultAsync(cancellationToken);
        var memberships = await db.Memberships.Where(m => m.UserId == userId).Select(m => m.OrganizationId).ToListAsync(cancellationToken);
        return current is { } c && memberships.Contains(c) ? c : memberships.Count > 0 ? memberships.Min() : null;
    }

    /// <summary>The daily sweep: interests tagged before leads existed (or whose lead could not be made then) get theirs.</summary>
    public async Task<int> LeadsFromInterestsAsync(CancellationToken cancellationToken = default)
    {
        var missing = await db.ObserverInterests.AsNoTracking()
            .Where(i => !db.Set<Deal>().Any(d => d.ObserverInterestId == i.Id)).OrderBy(i => i.CreatedAt).Take(500).ToListAsync(cancellationToken);
        var made = 0;
        foreach (var interest in missing)
        {
            if (await db.ContestEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == interest.EntryId, cancellationToken) is not { } entry) continue;
            await LeadFromInterestAsync(interest, entry, cancellationToken);
            made++;
        }
        return made;
    }
}
