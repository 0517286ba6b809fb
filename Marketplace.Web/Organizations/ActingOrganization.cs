using Marketplace.Web.Accounts;

namespace Marketplace.Web.Organizations;

/// <summary>Which organisation a person acts for: the organisation decides who may.</summary>
public static class ActingOrganization
{
    /// <summary>The person acts from now on for <paramref name="organization"/>; refused unless a member.</summary>
    public static void SwitchTo(this MarketplaceUser user, Organization organization)
    {
        if (organization.MemberOf(user.Id) is null)
            throw new OrganizationRuleException("Only a member can act for this organisation.");
        user.ActFor(organization.Id);
    }
}
