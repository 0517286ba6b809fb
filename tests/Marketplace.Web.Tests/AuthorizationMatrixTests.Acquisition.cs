using Marketplace.Web.Acquisition;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests;

/// <summary>
/// Acquisition. Pools, candidates, the portfolio and packages are operators' pages; the owner organisation's people see the
/// offers addressed to it and its owners and admins answer them; a package's page and contract are public. The rows act on
/// a pool seeded here whose offer to the demo university was already declined, so no row changes anything.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private const string MatrixPoolName = "授权矩阵收储池（测试）";

    private static IReadOnlyList<Row> AcquisitionRows =>
    [
        new("GET", "/acquisition/pools", _ => "/acquisition/pools", Via.Cookie, "302 403 403 403 200 200"),
        // An empty form: operators get the page with the name's message, nothing is saved.
        new("POST", "/acquisition/pools", _ => "/acquisition/pools", Via.Cookie, "302 403 403 403 200 200", () => []),
        new("GET", "/acquisition/pools/{id:guid}", i => $"/acquisition/pools/{i["pool"]}?screen=true&sleeping=true", Via.Cookie, "302 403 403 403 200 200"),
        new("GET", "/acquisition/pools/{id:guid}", _ => $"/acquisition/pools/{Guid.NewGuid()}", Via.Cookie, "302 403 403 403 404 404"),
        // Nothing selected: refused on the page.
        new("POST", "/acquisition/pools/{id:guid}", i => $"/acquisition/pools/{i["pool"]}?handler=AddSelected", Via.Cookie, "302 403 403 403 200 200", () => []),
        // A candidate of no pool: not found, nothing dropped.
        new("POST", "/acquisition/pools/{id:guid}", i => $"/acquisition/pools/{i["pool"]}?handler=Drop&candidateId={Guid.NewGuid()}", Via.Cookie, "302 403 403 403 404 404", () => []),
        new("GET", "/acquisition/candidates/{id:guid}", i => $"/acquisition/candidates/{i["candidate"]}", Via.Cookie, "302 403 403 403 200 200"),
        new("GET", "/acquisition/candidates/{id:guid}", _ => $"/acquisition/candidates/{Guid.NewGuid()}", Via.Cookie, "302 403 403 403 404 404"),
        // An empty offer: the price's and validity's messages on the page, nothing sent.
        new("POST", "/acquisition/candidates/{id:guid}", i => $"/acquisition/candidates/{i["candidate"]}?handler=Offer", Via.Cookie, "302 403 403 403 200 200", () => []),
        new("GET", "/acquisition/portfolio", _ => "/acquisition/portfolio", Via.Cookie, "302 403 403 403 200 200"),
        new("GET", "/acquisition/packages", _ => "/acquisition/packages", Via.Cookie, "302 403 403 403 200 200"),
        new("POST", "/acquisition/packages", _ => "/acquisition/packages", Via.Cookie, "302 403 403 403 200 200", () => []),
        new("GET", "/acquisition/offers", _ => "/acquisition/offers", Via.Cookie, "302 200 200 200 200 200"),
        // The declined offer: its owner's admins are told it was answered; its members may not answer; nobody else sees it.
        new("POST", "/acquisition/offers", i => $"/acquisition/offers?handler=Decline&offerId={i["acquisition-offer"]}", Via.Cookie, "302 403 200 404 404 404", () => []),
        new("GET", "/packages/{id:guid}", i => $"/packages/{i["package"]}", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/packages/{id:guid}", i => $"/packages/{i["package"]}?handler=Contract", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/packages/{id:guid}", _ => $"/packages/{Guid.NewGuid()}", Via.Cookie, "404 404 404 404 404 404"),
    ];

    private static async Task<IReadOnlyDictionary<string, string>> AcquisitionIdsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var acquisition = services.GetRequiredService<AcquisitionService>();
        if (await db.AcquisitionPools.Include(p => p.Candidates).FirstOrDefaultAsync(p => p.Name == MatrixPoolName) is not { } pool)
        {
            var index = services.GetRequiredService<IPatentIndex>();
            string[] ids = ["CN199000001A", "CN199000002A", "CN199000003A"];
            await index.UpsertAsync([.. ids.Select(id => new PatentRecord
            {
                PublicationNumber = PatentNumber.Parse(id),
                DocumentType = DocumentType.Invention,
                Stage = PublicationStage.Grant,
                LegalStatus = LegalStatus.InForce,
                Titles = [new LocalizedText("zh", "一种授权矩阵测试用方法 " + id)],
                Applicants = [new Party { Name = "泉州示范大学（演示）", Type = PartyType.University }],
                ApplicationDate = new DateOnly(2020, 1, 1),
            })]);
            await index.CommitAsync();
            var operatorId = await db.Users.Where(u => u.Email == "operator@demo.patent-marketplace.local").Select(u => u.Id).SingleAsync();
            var actor = new LicensingActor(operatorId, null, null, IsOperator: true);
            pool = await acquisition.CreatePoolAsync(actor, MatrixPoolName, "授权矩阵", null);
            await acquisition.AddAsync(pool, ids, operatorId);
            var offered = pool.Candidates.Single(c => c.PatentId == ids[0]);
            var offer = await acquisition.OfferAsync(actor, offered, 1_000_000, "一次性付款", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1), null);
            var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.CreditCode == DemoData.UniversityCode.Value);
            var owner = university.Members.First(m => m.Role == OrganizationRole.Owner).UserId;
            await acquisition.DeclineAsync(new LicensingActor(owner, university, OrganizationRole.Owner, IsOperator: false), offer, "授权矩阵");
            foreach (var candidate in pool.Candidates.Where(c => c.PatentId != ids[0]))
                await acquisition.RecordAcquisitionAsync(candidate, 500_000, DateOnly.FromDateTime(DateTime.UtcNow));
            await services.GetRequiredService<PackageService>().CreateAsync(actor, "授权矩阵专利组合（测试）", null, "授权矩阵", [ids[1], ids[2]], null, PackageDeal.Transfer);
        }
        var candidateId = pool.Candidates.OrderBy(c => c.PatentId, StringComparer.Ordinal).First().Id;
        var offerId = await db.AcquisitionOffers.Where(o => o.CandidateId == candidateId).Select(o => o.Id).SingleAsync();
        var package = await db.PatentPackages.Where(p => p.Name == "授权矩阵专利组合（测试）").Select(p => p.Id).SingleAsync();
        return new Dictionary<string, string>
        {
            ["pool"] = pool.Id.ToString(), ["candidate"] = candidateId.ToString(), ["acquisition-offer"] = offerId.ToString(), ["package"] = package.ToString(),
        };
    }
}
