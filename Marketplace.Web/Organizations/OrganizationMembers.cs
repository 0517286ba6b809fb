using Marketplace.Web.Data;
using Marketplace.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Organizations;

/// <summary>An organisation's members, for the notifier's notices to a whole organisation.</summary>
internal sealed class OrganizationMembers(MarketplaceDbContext db) : IOrganizationMembers
{
    public async Task<IReadOnlyList<Guid>> OfAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        await db.Memberships.Where(m => m.OrganizationId == organizationId).Select(m => m.UserId).ToListAsync(cancellationToken);
}
