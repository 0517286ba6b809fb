using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Accounts;

/// <summary>
/// A person. Acts on behalf of one organisation at a time: <see cref="CurrentOrganizationId"/>,
/// switched explicitly among the organisations the person is a member of.
/// </summary>
public sealed class MarketplaceUser : IdentityUser<Guid>
{
    public MarketplaceUser(string email, string displayName, DateTime createdAt)
    {
        Id = Guid.CreateVersion7();
        UserName = email;
        Email = email;
        DisplayName = displayName;
        CreatedAt = createdAt;
    }

    // For EF Core.
    private MarketplaceUser() => DisplayName = "";

    public string DisplayName { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid? CurrentOrganizationId { get; private set; }

    /// <summary>Acts from now on for the organisation. Whether the person may is the organisation's rule (<c>SwitchTo</c> in Organizations).</summary>
    internal void ActFor(Guid organizationId) => CurrentOrganizationId = organizationId;

    /// <summary>No longer acts for <paramref name="organizationId"/> (after leaving it or being removed).</summary>
    public void LeftOrganization(Guid organizationId)
    {
        if (CurrentOrganizationId == organizationId) CurrentOrganizationId = null;
    }

    public void Rename(string displayName) =>
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? throw new ArgumentException("A name is required.", nameof(displayName)) : displayName.Trim();
}
