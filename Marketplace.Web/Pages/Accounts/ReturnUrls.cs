using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Accounts;

internal static class ReturnUrls
{
    public const string Default = "/organizations";

    /// <summary>Only local addresses: a link in a phishing mail must not send people elsewhere after sign-in.</summary>
    public static string Safe(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : Default;
}
