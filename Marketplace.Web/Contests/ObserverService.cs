using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Contests;

/// <summary>Observers' interest in entries (tags and a note, passed on to the <see cref="IObserverInterestSink"/>s) and the operators' lead list made of it.</summary>
public sealed class ObserverService(
    MarketplaceDbContext db,
    AuditLog audit,
    TimeProvider clock,
    IEnumerable<IObserverInterestSink> interestSinks,
    PeopleDirectory directory,
    EntryService entries)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<ObserverInterest> TagInterestAsync(Contest contest, Guid observerUserId, Guid entryId, string tags, string note)
    {
        if (contest.Observer(observerUserId) is null) throw new ContestRuleException("Only the contest's observers tag interest.");
        var entry = await db.ContestEntries.AsNoTracking().FirstOrDefaultAsync(e => e.ContestId == contest.Id && e.Id == entryId && e.Eligible)
            ?? throw new ContestRuleException("The entry is not part of this contest.");
        var interest = await db.ObserverInterests.FirstOrDefaultAsync(i => i.EntryId == entryId && i.ObserverUserId == observerUserId);
        if (interest is null) db.ObserverInterests.Add(interest = new ObserverInterest(contest.Id, entryId, observerUserId, tags, note, Now));
        else interest.Change(tags, note, Now);
        audit.Add(ContestAuditActions.InterestTagged, null, entryId.ToString(), $"{contest.Name}: {interest.Tags}", userId: observerUserId);
        await db.SaveChangesAsync();
        foreach (var sink in interestSinks) await sink.InterestTaggedAsync(interest, entry);
        return interest;
    }

    public async Task<IReadOnlyList<ObserverInterest>> InterestsAsync(Guid contestId, Guid? observerUserId = null)
    {
        var query = db.ObserverInterests.AsNoTracking().Where(i => i.ContestId == contestId);
        if (observerUserId is { } id) query = query.Where(i => i.ObserverUserId == id);
        return await query.OrderBy(i => i.CreatedAt).ToListAsync();
    }

    /// <summary>The operators' lead list: one row per interest, with who, which entry and organisation, and how to reach the observer.</summary>
    public async Task<IReadOnlyList<Lead>> LeadsAsync(Contest contest)
    {
        var interests = await InterestsAsync(contest.Id);
        var byId = (await entries.EntriesAsync(contest.Id)).ToDictionary(e => e.Id);
        var people = await directory.FindAsync(interests.Select(i => i.ObserverUserId));
        return interests.Select(i => new Lead(contest.Name, byId[i.EntryId].Title, byId[i.EntryId].OrganizationName, string.Join(" ", byId[i.EntryId].PatentIds),
            people.GetValueOrDefault(i.ObserverUserId).Name ?? "", people.GetValueOrDefault(i.ObserverUserId).Email ?? "", i.Tags, i.Note, i.UpdatedAt)).ToList();
    }
}
