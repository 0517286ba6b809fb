using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Accounts;

/// <summary>
/// How pages name people (members, judges, observers, deal parties and history): one lookup by user id, so every
/// feature shows the same name and reads only the two columns it shows, never the rest of the account row.
/// It lives with the accounts because every feature that names people already depends on them.
/// </summary>
public sealed class PeopleDirectory(MarketplaceDbContext db)
{
    /// <summary>Display name and e-mail (empty when the account has none) of each known id; unknown ids are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, (string Name, string Email)>> FindAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken = default)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, (string, string)>();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        return people.ToDictionary(p => p.Id, p => (p.DisplayName, p.Email ?? ""));
    }
}
