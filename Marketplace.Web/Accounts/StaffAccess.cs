using System.Security.Claims;

namespace Marketplace.Web.Accounts;

/// <summary>
/// Operators and administrators act as such only after two-factor sign-in: the role alone is not
/// enough, the session (or token) must carry <c>amr=mfa</c>, which Identity adds after a TOTP step.
/// </summary>
public static class StaffAccess
{
    public const string OperatorPolicy = "Operator";
    public const string AdministratorPolicy = "Administrator";

    public static bool HasMultiFactor(ClaimsPrincipal user) => user.HasClaim(c => c.Type == "amr" && c.Value == "mfa");

    public static bool IsOperator(ClaimsPrincipal user) =>
        HasMultiFactor(user) && (user.IsInRole(PlatformRoles.Operator) || user.IsInRole(PlatformRoles.Administrator));

    public static bool IsAdministrator(ClaimsPrincipal user) => HasMultiFactor(user) && user.IsInRole(PlatformRoles.Administrator);

    /// <summary>The signed-in person's id (cookie: name identifier; access token: sub), if the principal is a person.</summary>
    public static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub"), out var id) ? id : null;
}
