using Marketplace.Web.Data;
using Marketplace.Web.Saved;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

/// <summary>
/// Saved searches and collections are personal: the owning organisation's member owns the seeded ones, and
/// everybody else, staff included, is told they do not exist (404), never that they are someone else's.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private const string MatrixSearchName = "矩阵测试检索", MatrixCollectionName = "矩阵测试收藏夹";

    private static IReadOnlyList<Row> SavedRows =>
    [
        new("GET", "/saved", _ => "/saved", Via.Cookie, "302 200 200 200 200 200"),
        // An empty collection name: the page shows the refusal, nothing is created.
        new("POST", "/saved", _ => "/saved?handler=CreateCollection", Via.Cookie, "302 200 200 200 200 200", () => []),
        // An empty new name: the owner gets the page with the refusal, anyone else a 404.
        new("POST", "/saved", i => $"/saved?handler=Rename&id={i["savedSearch"]}", Via.Cookie, "302 200 404 404 404 404", () => []),
        new("POST", "/saved", i => $"/saved?handler=Delete&id={Guid.NewGuid()}", Via.Cookie, "302 404 404 404 404 404", () => []),
        new("GET", "/saved/save", _ => "/saved/save?query=q%3Dx", Via.Cookie, "302 200 200 200 200 200"),
        new("POST", "/saved/save", _ => "/saved/save", Via.Cookie, "302 200 200 200 200 200", () => []),
        new("GET", "/saved/searches/{id:guid}", i => $"/saved/searches/{i["savedSearch"]}", Via.Cookie, "302 302 404 404 404 404"),
        new("GET", "/collections/add", _ => "/collections/add?patent=CN000000000A", Via.Cookie, "302 200 200 200 200 200"),
        new("POST", "/collections/add", _ => "/collections/add", Via.Cookie, "302 200 200 200 200 200", () => []),
        new("POST", "/collections/add", i => $"/collections/add?CollectionId={i["collection"]}&Patent=CN000000000A", Via.Cookie, "302 200 404 404 404 404", () => []),
        new("GET", "/collections/{id:guid}", i => $"/collections/{i["collection"]}", Via.Cookie, "302 200 404 404 404 404"),
        new("GET", "/collections/{id:guid}", _ => $"/collections/{Guid.NewGuid()}", Via.Cookie, "302 404 404 404 404 404"),
        new("POST", "/collections/{id:guid}", i => $"/collections/{i["collection"]}?handler=Rename", Via.Cookie, "302 200 404 404 404 404", () => []),
        new("GET", "/collections/{id:guid}/export", i => $"/collections/{i["collection"]}/export?format=csv", Via.Cookie, "302 200 404 404 404 404"),
    ];

    /// <summary>A saved search and a collection of the owning organisation's member (the first caller column after Anonymous).</summary>
    private static async Task<IReadOnlyDictionary<string, string>> SavedIdsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var owner = await db.Users.SingleAsync(u => u.Email == Accounts[Caller.OwningMember]);
        var search = await db.SavedSearches.FirstOrDefaultAsync(s => s.UserId == owner.Id && s.Name == MatrixSearchName);
        if (search is null)
        {
            search = SavedSearch.Create(owner.Id, MatrixSearchName, "q=%E7%94%B5%E6%B1%A0", alertsEnabled: false, DateTime.UtcNow);
            db.Add(search);
        }
        var collection = await db.PatentCollections.FirstOrDefaultAsync(c => c.UserId == owner.Id && c.Name == MatrixCollectionName);
        if (collection is null)
        {
            collection = PatentCollection.Create(owner.Id, MatrixCollectionName, DateTime.UtcNow);
            db.Add(collection);
        }
        await db.SaveChangesAsync();
        return new Dictionary<string, string> { ["savedSearch"] = search.Id.ToString(), ["collection"] = collection.Id.ToString() };
    }
}
