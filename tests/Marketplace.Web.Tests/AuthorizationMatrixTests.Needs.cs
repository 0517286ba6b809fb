using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

/// <summary>
/// Needs, proposals, the brokering pipeline and notifications. The demo need is public and belongs to
/// the demo enterprise ("another organisation" in the matrix's columns), so here the enterprise member
/// is the owner and the university's people are the ones who answer.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static IReadOnlyList<Row> NeedsRows =>
    [
        new("GET", "/needs", _ => "/needs", Via.Cookie, "302 200 200 200 200 200"),
        new("GET", "/needs/new", _ => "/needs/new", Via.Cookie, "302 200 200 200 200 200"),
        // An empty form: the page answers with its messages (or why this person cannot post), nothing is saved.
        new("POST", "/needs/new", _ => "/needs/new", Via.Cookie, "302 200 200 200 200 200", () => []),
        new("GET", "/needs/{id:guid}", i => $"/needs/{i["need"]}", Via.Cookie, "302 200 200 200 200 200"),
        new("GET", "/needs/{id:guid}", _ => $"/needs/{Guid.NewGuid()}", Via.Cookie, "302 404 404 404 404 404"),
        // Alerts on (they are on already): only the enterprise that posted it.
        new("POST", "/needs/{id:guid}", i => $"/needs/{i["need"]}?handler=Alerts&enabled=true", Via.Cookie, "302 403 403 302 403 403", () => []),
        new("GET", "/needs/{id:guid}/candidates", i => $"/needs/{i["need"]}/candidates", Via.Cookie, "302 403 403 200 200 200"),
        // Inviting an unknown organisation: the enterprise gets the page with the refusal; operators broker but do not invite.
        new("POST", "/needs/{id:guid}/candidates", i => $"/needs/{i["need"]}/candidates?handler=Invite&organizationId={Guid.NewGuid()}", Via.Cookie, "302 403 403 200 403 403", () => []),
        new("GET", "/needs/{id:guid}/propose", i => $"/needs/{i["need"]}/propose", Via.Cookie, "302 200 200 403 403 403"),
        // An empty proposal: universities get the form with its messages.
        new("POST", "/needs/{id:guid}/propose", i => $"/needs/{i["need"]}/propose", Via.Cookie, "302 200 200 403 403 403", () => []),
        new("GET", "/deals", _ => "/deals", Via.Cookie, "302 403 403 403 200 200"),
        new("GET", "/deals/export", _ => "/deals/export?format=csv", Via.Cookie, "302 403 403 403 200 200"),
        new("GET", "/deals/{id:guid}", i => $"/deals/{i["deal"]}", Via.Cookie, "302 403 403 403 200 200"),
        // An empty note: operators get the page with the refusal.
        new("POST", "/deals/{id:guid}", i => $"/deals/{i["deal"]}?handler=Note", Via.Cookie, "302 403 403 403 200 200", () => []),
        new("GET", "/notifications", _ => "/notifications", Via.Cookie, "302 200 200 200 200 200"),
        new("POST", "/notifications", _ => "/notifications?handler=ReadAll", Via.Cookie, "302 302 302 302 302 302", () => []),
    ];

    private static async Task<IReadOnlyDictionary<string, string>> NeedsIdsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var need = await db.Needs.SingleAsync(n => n.Title == DemoData.DemoNeedTitle);
        var deal = await db.Deals.SingleAsync(d => d.NeedId == need.Id);
        return new Dictionary<string, string> { ["need"] = need.Id.ToString(), ["deal"] = deal.Id.ToString() };
    }
}
