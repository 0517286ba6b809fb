using System.Security.Claims;
using Marketplace.Web.Accounts;
using Marketplace.Web.Data;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pledges;

/// <summary>
/// Who may keep the pledge register: operators (any pledge), and the members of a verified bank organisation they act
/// for (the pledges that bank holds as pledgee). Everyone else may only read what the patent page shows.
/// </summary>
public sealed record PledgeActor(Guid UserId, bool IsOperator, Organization? Bank)
{
    public bool CanRegister => IsOperator || Bank is not null;

    /// <summary>Operators see and release every pledge; a bank those it holds.</summary>
    public bool MayChange(PledgeRecord record) => IsOperator || (Bank is not null && record.PledgeeOrganizationId == Bank.Id);

    public static async Task<PledgeActor?> ResolveAsync(ClaimsPrincipal user, MarketplaceDbContext db, CancellationToken cancellationToken = default)
    {
        if (StaffAccess.UserId(user) is not { } userId) return null;
        var current = await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).FirstOrDefaultAsync(cancellationToken);
        Organization? bank = null;
        if (current is { } id)
        {
            var organization = await db.Organizations.Include(o => o.Members).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (organization is { Type: OrganizationType.Bank, Verification: VerificationStatus.Verified } && organization.MemberOf(userId) is not null)
                bank = organization;
        }
        return new PledgeActor(userId, StaffAccess.IsOperator(user), bank);
    }
}
