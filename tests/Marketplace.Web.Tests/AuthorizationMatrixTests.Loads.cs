using Marketplace.Web.Data;
using Marketplace.Web.Loads;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // Data loads: operators (with two-factor sign-in) only. A plain form post to the upload is sent back to the
    // upload page (no file in it); cancelling a finished or unknown-state load redirects to its page.
    private static IReadOnlyList<Row> LoadsRows =>
    [
        new("GET", "/admin/loads", _ => "/admin/loads", Via.Cookie, "302 403 403 403 200 200"),
        new("POST", "/admin/loads/upload", _ => "/admin/loads/upload", Via.Cookie, "302 403 403 403 302 302", () => []),
        new("GET", "/admin/loads/{id:guid}", i => $"/admin/loads/{i["load"]}", Via.Cookie, "302 403 403 403 200 200"),
        new("POST", "/admin/loads/{id:guid}", i => $"/admin/loads/{i["load"]}?handler=Cancel", Via.Cookie, "302 403 403 403 302 302", () => []),
        new("GET", "/admin/loads/{id:guid}/quarantine.{format}", i => $"/admin/loads/{i["load"]}/quarantine.csv", Via.Cookie, "302 403 403 403 200 200"),
    ];

    private static async Task<IReadOnlyDictionary<string, string>> LoadsIdsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var job = new LoadJob(Guid.NewGuid(), Guid.NewGuid(), "operator@demo.patent-marketplace.local", "matrix.csv", new string('0', 64), 1, "cn-export-csv", DateTime.UtcNow);
        db.LoadJobs.Add(job);
        await db.SaveChangesAsync();
        return new Dictionary<string, string> { ["load"] = job.Id.ToString() };
    }
}
