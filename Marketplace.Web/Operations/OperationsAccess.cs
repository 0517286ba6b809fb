using System.Security.Cryptography;
using System.Text;
using Marketplace.Web.Accounts;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Operations;

/// <summary>
/// Who reaches the operations endpoints (<c>/metrics</c>, <c>/ops/backup</c>): operators and administrators signed in
/// with two factors, or a tool sending the configured <see cref="OperationsOptions.Token"/> as a bearer token.
/// </summary>
public static class OperationsAccess
{
    public const string Policy = "Operations";

    public static bool Allows(HttpContext http) =>
        StaffAccess.IsOperator(http.User) || HasToken(http, http.RequestServices.GetRequiredService<IOptions<OperationsOptions>>().Value.Token);

    /// <summary>Compared in constant time, so the answer's timing tells nothing about the secret.</summary>
    private static bool HasToken(HttpContext http, string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
