namespace Marketplace.Web.Accounts;

/// <summary>
/// Roles on the whole platform (Identity roles). Organisation roles are per membership
/// (<see cref="Organizations.OrganizationRole"/>); contest roles come later, per contest.
/// </summary>
public static class PlatformRoles
{
    /// <summary>Runs the platform: everything an operator may do, plus users and roles.</summary>
    public const string Administrator = "Administrator";

    /// <summary>IP service agency or city IP office staff: verifies organisations, reads the audit log.</summary>
    public const string Operator = "Operator";

    public static readonly IReadOnlyList<string> All = [Administrator, Operator];
}
