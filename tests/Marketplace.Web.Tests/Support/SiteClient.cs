using System.Net;
using AngleSharp.Dom;
using Marketplace.Web.Demo;

namespace Marketplace.Web.Tests.Support;

/// <summary>
/// Walks the site like a browser without JavaScript: keeps cookies, reads forms and posts them back
/// with their antiforgery token, and signs in (with the authenticator step when asked).
/// </summary>
public sealed class SiteClient : IDisposable
{
    private readonly HttpClient _http;

    public SiteClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    public async Task<IDocument> PageAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await Html.ReadAsync(response);
    }

    /// <summary>
    /// Fills the form <paramref name="formSelector"/> of the page at <paramref name="url"/> (its hidden
    /// fields and antiforgery token kept) with <paramref name="fields"/> and submits it.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string formSelector, IReadOnlyDictionary<string, string> fields)
    {
        var page = await PageAsync(url);
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on {url}:\n{page.Body?.TextContent}");
        return await PostFormAsync(form, url, fields);
    }

    public async Task<HttpResponseMessage> PostFormAsync(IElement form, string pageUrl, IReadOnlyDictionary<string, string> fields)
    {
        var values = form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (key, value) in fields) values[key] = value;
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await _http.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>An antiforgery token valid for this client's cookies (taken from any form it can see).</summary>
    public async Task<string> AntiforgeryTokenAsync(string pageWithForm = "/account/login")
    {
        var page = await PageAsync(pageWithForm);
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {pageWithForm}.");
    }

    /// <summary>Signs in; staff accounts answer the authenticator step with a code from <paramref name="authenticatorKey"/>.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string? authenticatorKey = null)
    {
        var response = await SubmitAsync("/account/login", "#login-form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/account/login-2fa", StringComparison.Ordinal))
        {
            if (authenticatorKey is null) throw new InvalidOperationException($"{email} needs an authenticator code.");
            response = await SubmitAsync(response.Headers.Location.OriginalString, "#code-form", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(authenticatorKey) });
        }
        return response;
    }

    /// <summary>Signs in as a demo account (staff with the demo authenticator key) and checks it worked.</summary>
    public async Task<SiteClient> SignInAsDemoAsync(string email)
    {
        using var response = await SignInAsync(email, DemoData.Password, DemoData.StaffAuthenticatorKey);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location!.OriginalString.StartsWith("/account", StringComparison.Ordinal))
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode} {response.Headers.Location}");
        return this;
    }

    public void Dispose() => _http.Dispose();
}
