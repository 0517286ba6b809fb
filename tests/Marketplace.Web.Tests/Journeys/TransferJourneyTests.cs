using System.Text.RegularExpressions;
using Marketplace.Web.Data;
using Marketplace.Web.Transfers;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// Transfers in Chromium: the university lists a patent it holds with a co-applicant; the enterprise offers; the university
/// counters; the enterprise accepts; signing is refused until the co-owner's consent is confirmed; the contract PDF is issued;
/// the price is paid (bank transfer, as this site has no Stripe: the online path is the webhook test's) and confirmed; the
/// recordal kit downloads; the recordal makes the enterprise the owner on the patent's page. And an offer sent to a listing
/// the seller withdrew meanwhile is refused.
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed class TransferJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    private const string EnterpriseName = "泉州智造科技有限公司（演示）";
    private static int _patents;

    private async Task<string> JointPatentAsync(string title)
    {
        var id = $"CN1{Interlocked.Increment(ref _patents) + 85_000_000:D8}A";
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse(id),
            DocumentType = DocumentType.Invention,
            Stage = PublicationStage.Grant,
            LegalStatus = LegalStatus.InForce,
            Titles = [new LocalizedText("zh", title)],
            Applicants = [new Party { Name = JourneySite.UniversityName }, new Party { Name = "泉州旅程合作研究院（测试）" }],
            Inventors = [new Party { Name = "王五" }],
            ApplicationDate = new DateOnly(2021, 3, 15),
            IpcCodes = ["B64U20/80"],
        }]);
        await index.CommitAsync();
        return id;
    }

    [Theory]
    [InlineData(Walk.Laptop, Walk.Chinese)]
    [InlineData(Walk.Phone, Walk.Chinese)]
    public async Task A_university_sells_a_patent_to_an_enterprise_from_listing_to_recorded_owner(int width, string culture)
    {
        await site.VerifiedEnterpriseAsync();
        var patent = await JointPatentAsync($"一种旅程转让用的无人机挂载装置（{width}）");
        await using var walk = new Walk(site, browser, "transfer", width, culture);

        var seller = await walk.AsAsync(JourneySite.UniversityOwner);
        await seller.GotoAsync("/transfers/new?patent=" + patent);
        await seller.Locator("#asking-price").FillAsync("120000");
        await seller.Locator("#conditions").FillAsync("转让方提供一次技术培训。");
        await seller.Locator("#list-for-sale").ClickAsync();
        await Assertions.Expect(seller.Locator("#listing-status")).ToHaveTextAsync(walk.Text("Listed for sale"));
        var listingUrl = new Uri(seller.Url).AbsolutePath;
        await walk.CheckAsync(seller, "listed");

        var buyer = await walk.AsAsync(JourneySite.EnterpriseOwner);
        await buyer.GotoAsync("/licences?q=" + patent);
        await buyer.Locator("#transfers-for-sale .hit a").First.ClickAsync();
        await Assertions.Expect(buyer).ToHaveURLAsync(new Regex(Regex.Escape(listingUrl) + "$"));
        await buyer.Locator("#offer-price").FillAsync("90000");
        await buyer.Locator("#offer-address").FillAsync("福建省泉州市丰泽区东海街道（演示）");
        await buyer.Locator("#offer-text").FillAsync("希望以九万元受让。");
        await buyer.Locator("#make-offer").ClickAsync();
        await Assertions.Expect(buyer.Locator("#listing-status")).ToHaveTextAsync(walk.Text("Under negotiation"));
        await walk.CheckAsync(buyer, "offered");

        await seller.GotoAsync(listingUrl);
        var sellerOffer = seller.Locator("#offers article.offer").First;
        await sellerOffer.Locator(".counter-price").FillAsync("100000");
        await sellerOffer.Locator(".counter").ClickAsync();
        await Assertions.Expect(seller.Locator("#message")).ToHaveTextAsync(walk.Text("Your new terms were sent."));

        await buyer.GotoAsync(listingUrl);
        await buyer.Locator("#offers article.offer .accept").ClickAsync();
        await Assertions.Expect(buyer.Locator("#message")).ToHaveTextAsync(walk.Text("Terms accepted: the seller completes the signing checks."));
        await walk.CheckAsync(buyer, "accepted");

        await seller.GotoAsync(listingUrl);
        await seller.Locator("#pledged-no").CheckAsync();
        await seller.Locator("#seller-address").FillAsync("福建省泉州市（演示）");
        await seller.Locator("#sign").ClickAsync();
        await Assertions.Expect(seller.Locator("#errors")).ToContainTextAsync("泉州旅程合作研究院（测试）");
        await walk.CheckAsync(seller, "sign-refused");
        await seller.Locator("#co-owner-consent").CheckAsync();
        await seller.Locator("#sign").ClickAsync();
        await Assertions.Expect(seller.Locator("#listing-status")).ToHaveTextAsync(walk.Text("Contract agreed, awaiting payment"));
        var contract = await seller.APIRequest.GetAsync(await seller.Locator("#contract-pdf").GetAttributeAsync("href"));
        Assert.Equal(200, contract.Status);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await contract.BodyAsync())[..5]));

        await seller.Locator("#payment input[name=reference]").FillAsync("ICBC-TRANSFER-" + width);
        await seller.Locator("#confirm-transfer").ClickAsync();
        await Assertions.Expect(seller.Locator("#listing-status")).ToHaveTextAsync(walk.Text("Paid, awaiting recordal"));
        var kit = await seller.APIRequest.GetAsync(await seller.Locator("#recordal-kit").GetAttributeAsync("href"));
        Assert.Contains("变更后权利人：" + EnterpriseName, await kit.TextAsync(), StringComparison.Ordinal);
        await walk.CheckAsync(seller, "paid");
        await seller.Locator("#record-form input[name=recordalNumber]").FillAsync("2026-ZR-" + width);
        await seller.Locator("#record").ClickAsync();
        await Assertions.Expect(seller.Locator("#new-owner")).ToContainTextAsync(EnterpriseName);

        await buyer.GotoAsync("/patents/" + patent);
        await Assertions.Expect(buyer.Locator("#patent-owner")).ToContainTextAsync(EnterpriseName);
        await walk.CheckAsync(buyer, "owner-changed");

        // A second listing, withdrawn while the enterprise has its page open: the offer is refused with the reason.
        var other = await JointPatentAsync($"一种旅程撤回用的无人机挂载装置（{width}）");
        var otherId = await ListAsync(other);
        await buyer.GotoAsync($"/transfers/{otherId}");
        await buyer.Locator("#offer-price").FillAsync("50000");
        await buyer.Locator("#offer-address").FillAsync("福建省泉州市丰泽区东海街道（演示）");
        await WithdrawAsync(otherId);
        await buyer.Locator("#make-offer").ClickAsync();
        await Assertions.Expect(buyer.Locator("#errors")).ToContainTextAsync(walk.Text("The seller withdrew this listing: it takes no offers."));
        await walk.CheckAsync(buyer, "offer-refused");

        walk.AssertClean();
    }

    private async Task<Guid> ListAsync(string patent)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var transfers = scope.ServiceProvider.GetRequiredService<TransferService>();
        var universityId = await site.UniversityIdAsync();
        var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == universityId);
        var owner = await db.Users.SingleAsync(u => u.Email == JourneySite.UniversityOwner);
        var listing = await transfers.DraftAsync(university, owner.Id, patent, null, null, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1));
        await transfers.ListAsync(listing);
        return listing.Id;
    }

    private async Task WithdrawAsync(Guid listingId)
    {
        await using var scope = site.Scope();
        var transfers = scope.ServiceProvider.GetRequiredService<TransferService>();
        await transfers.WithdrawAsync((await transfers.FindAsync(listingId))!, "学校决定自行实施");
    }
}
