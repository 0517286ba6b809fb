using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // Licensing: the demo university's published declaration, and a licence of it held by a third organisation
    // (so the demo enterprise's member is a stranger to it). Refusals of allowed callers answer 200 with the message.
    private static IReadOnlyList<Row> LicensingRows =>
    [
        new("GET", "/licences", _ => "/licences", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/licences/{id:guid}", i => $"/licences/{i["declaration"]}", Via.Cookie, "200 200 200 200 200 200"),
        // Taking a licence without accepting the terms: the page says so; anonymous visitors are sent to sign in.
        new("POST", "/licences/{id:guid}", i => $"/licences/{i["declaration"]}?handler=Take", Via.Cookie, "302 200 200 200 200 200", () => new() { ["requestKey"] = "matrix" }),
        new("GET", "/portfolio", _ => "/portfolio", Via.Cookie, "302 200 200 200 200 200"),
        // Claiming a patent the index does not know: owners/admins see the refusal, members may not act.
        new("POST", "/portfolio", _ => "/portfolio?handler=ClaimOne", Via.Cookie, "302 403 200 403 403 200", () => new() { ["patentId"] = "CN000000000A" }),
        new("GET", "/licensing/declarations", _ => "/licensing/declarations", Via.Cookie, "302 200 200 200 200 200"),
        new("GET", "/licensing/declarations/{id:guid}", i => $"/licensing/declarations/{i["declaration"]}", Via.Cookie, "302 200 200 403 200 200"),
        // Withdrawing without a reason: refused on the page for the patentee's admins; nothing changes.
        new("POST", "/licensing/declarations/{id:guid}", i => $"/licensing/declarations/{i["declaration"]}?handler=Withdraw", Via.Cookie, "302 403 200 403 403 403", () => []),
        new("GET", "/licensing/declarations/{id:guid}/reports/{patentId}", i => $"/licensing/declarations/{i["declaration"]}/reports/{DemoData.OpenLicensePatentId}", Via.Cookie, "302 404 404 404 404 404"),
        new("GET", "/licensing/orders/{id:guid}", i => $"/licensing/orders/{i["order"]}", Via.Cookie, "302 200 200 403 200 200"),
        // Recording a licence not yet paid: refused on the page for the licensor's admins.
        new("POST", "/licensing/orders/{id:guid}", i => $"/licensing/orders/{i["order"]}?handler=Record", Via.Cookie, "302 403 200 403 403 403", () => new() { ["recordalNumber"] = "2026990000001" }),
        new("GET", "/licensing/orders/{id:guid}/{document:regex(^(notice|contract)$)}.pdf", i => $"/licensing/orders/{i["order"]}/notice.pdf", Via.Cookie, "302 200 200 403 200 200"),
        new("GET", "/licensing/ledger", _ => "/licensing/ledger", Via.Cookie, "302 200 200 200 200 200"),
        new("GET", "/licensing/ledger/export.{format:regex(^(csv|xlsx)$)}", _ => "/licensing/ledger/export.csv", Via.Cookie, "302 200 200 200 200 200"),
        // The provider's webhook: no signature, no entry, whoever calls.
        new("POST", "/licensing/stripe/webhook", _ => "/licensing/stripe/webhook", Via.Cookie, "400 400 400 400 400 400", () => []),
        new("GET", "/admin/licensing", _ => "/admin/licensing", Via.Cookie, "302 403 403 403 200 200"),
        new("POST", "/admin/licensing", _ => $"/admin/licensing?handler=Publish&id={Guid.NewGuid()}", Via.Cookie, "302 403 403 403 404 404", () => new() { ["reference"] = "X" }),
    ];

    private static async Task<IReadOnlyDictionary<string, string>> LicensingIdsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var declaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).SingleAsync(d => d.PublicationReference == DemoData.OpenLicenseReference);
        const string code = "91350500MA0000009";
        var licensee = await db.Organizations.FirstOrDefaultAsync(o => o.CreditCode.StartsWith(code));
        if (licensee is null)
        {
            // Owned by the operator account (a membership needs a real user); it acts for its own organisation, not this one.
            var owner = await db.Users.SingleAsync(u => u.Email == "operator@demo.patent-marketplace.local");
            licensee = Organization.Create("矩阵测试被许可企业", OrganizationType.Enterprise, UnifiedSocialCreditCode.Parse(code + UnifiedSocialCreditCode.CheckCharacterFor(code)), owner.Id, DateTime.UtcNow);
            db.Organizations.Add(licensee);
        }
        var order = await db.LicenseOrders.FirstOrDefaultAsync(o => o.DeclarationId == declaration.Id && o.LicenseeOrganizationId == licensee.Id);
        if (order is null)
        {
            order = LicenseOrder.Notify(declaration, licensee.Id, Guid.NewGuid(), "matrix-order", DateTime.UtcNow);
            db.LicenseOrders.Add(order);
        }
        await db.SaveChangesAsync();
        return new Dictionary<string, string> { ["declaration"] = declaration.Id.ToString(), ["order"] = order.Id.ToString() };
    }
}
