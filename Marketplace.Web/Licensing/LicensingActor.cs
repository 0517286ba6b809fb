using System.Security.Claims;
using Marketplace.Web.Accounts;
using Marketplace.Web.Data;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Licensing;

/// <summary>Who acts in licensing: the signed-in person, the organisation they act for, their role in it.</summary>
public sealed record LicensingActor(Guid UserId, Organization? Organization, OrganizationRole? Role, bool IsOperator)
{
    /// <summary>Owners and admins act for the organisation (declare, withdraw, take licences, confirm payments); members see.</summary>
    public bool CanActForOrganization => Organization is not null && Role >= OrganizationRole.Admin;

    public bool IsMemberOf(Guid organizationId) => Organization?.Id == organizationId && Role is not null;

    public bool ActsFor(Guid organizationId) => IsMemberOf(organizationId) && CanActForOrganization;

    public static async Task<LicensingActor?> ResolveAsync(ClaimsPrincipal user, MarketplaceDbContext db, CancellationToken cancellationToken = default)
    {
        if (StaffAccess.UserId(user) is not { } userId) return null;
        var current = await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).FirstOrDefaultAsync(cancellationToken);
        Organization? organization = null;
        if (current is { } id)
            organization = await db.Organizations.Include(o => o.Members).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return new LicensingActor(userId, organization, organization?.MemberOf(userId)?.Role, StaffAccess.IsOperator(user));
    }
}
