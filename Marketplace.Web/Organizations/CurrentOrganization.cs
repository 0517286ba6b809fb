using Marketplace.Web.Accounts;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Organizations;

/// <summary>The organisation the signed-in person acts for, read once per request (for the top bar).</summary>
public sealed class CurrentOrganization(MarketplaceDbContext db, IHttpContextAccessor http)
{
    private (bool Loaded, string? Name) _cached;

    public async Task<string?> NameAsync()
    {
        if (_cached.Loaded) return _cached.Name;
        string? name = null;
        if (http.HttpContext?.User is { Identity.IsAuthenticated: true } user && StaffAccess.UserId(user) is { } userId)
        {
            name = await db.Users.Where(u => u.Id == userId && u.CurrentOrganizationId != null)
                .Join(db.Organizations, u => u.CurrentOrganizationId, o => (Guid?)o.Id, (u, o) => o.Name)
                .FirstOrDefaultAsync();
        }
        _cached = (true, name);
        return name;
    }
}
