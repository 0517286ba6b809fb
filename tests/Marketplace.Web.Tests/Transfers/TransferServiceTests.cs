using System.Net;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Pledges;
using Marketplace.Web.Tests.Licensing;
using Marketplace.Web.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Transfers;

/// <summary>
/// A transfer through the services on the real site (SQLite, the index, Stripe's local stub and the signed webhook):
/// listing, offer, counter-offer, acceptance, the signing checks, payment online, recordal and the new owner.
/// </summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class TransferServiceTests(LicensingSite site)
{
    private const string CoOwner = "泉州合作研究院（测试）";
    private static int _patents;

    /// <summary>A patent in force filed by the university together with a co-applicant.</summary>
    private async Task<string> JointPatentAsync()
    {
        var id = $"CN1{Interlocked.Increment(ref _patents) + 97_000_000:D8}A";
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse(id),
            DocumentType = DocumentType.Invention,
            Stage = PublicationStage.Grant,
            LegalStatus = LegalStatus.InForce,
            Titles = [new LocalizedText("zh", "一种转让测试用的电池极片涂布方法 " + id)],
            Applicants = [new Party { Name = "泉州示范大学（演示）" }, new Party { Name = CoOwner }],
            Inventors = [new Party { Name = "张三" }, new Party { Name = "李四" }],
            ApplicationDate = new DateOnly(2021, 6, 1),
            IpcCodes = ["H01M4/04"],
        }]);
        await index.CommitAsync();
        return id;
    }

    private async Task<T> WithAsync<T>(Func<TransferService, MarketplaceDbContext, Task<T>> act)
    {
        await using var scope = site.Scope();
        return await act(scope.ServiceProvider.GetRequiredService<TransferService>(), scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private async Task WithAsync(Func<TransferService, MarketplaceDbContext, Task> act)
    {
        await using var scope = site.Scope();
        await act(scope.ServiceProvider.GetRequiredService<TransferService>(), scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private async Task<bool> ForSaleAsync(string patentId)
    {
        var record = await site.Services.GetRequiredService<IPatentIndex>().GetAsync(patentId);
        return LabelFacets.ValuesOf(record!, LabelFacets.ForSale).Contains(LabelFacets.ForSaleListed);
    }

    [Fact]
    public async Task A_listed_patent_is_negotiated_signed_once_the_co_owner_consents_paid_through_the_webhook_and_recorded_to_the_buyer()
    {
        var patent = await JointPatentAsync();
        var listingId = await WithAsync(async (transfers, db) =>
        {
            var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == site.University);
            var listing = await transfers.DraftAsync(university, site.UniversityOwner, patent, 12_000_000, "含一次技术培训", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(3));
            Assert.Equal([CoOwner], listing.CoOwners);
            Assert.Equal("张三；李四", listing.Inventors);
            await transfers.ListAsync(listing);
            return listing.Id;
        });
        Assert.True(await ForSaleAsync(patent));

        var buyerUser = Guid.NewGuid();
        var offerId = await WithAsync(async (transfers, db) =>
        {
            var listing = (await transfers.FindAsync(listingId))!;
            var enterprise = await db.Organizations.SingleAsync(o => o.Id == site.Enterprise);
            var offer = await transfers.OfferAsync(listing, enterprise, buyerUser, 9_000_000, TransferPaymentTerms.LumpSum, null, "福建省泉州市丰泽区（测试）", "我们希望以九万元受让。");
            Assert.Equal(TransferStatus.UnderNegotiation, listing.Status);
            return offer.Id;
        });
        await WithAsync(async (transfers, _) =>
        {
            var listing = (await transfers.FindAsync(listingId))!;
            var offer = (await transfers.FindOfferAsync(listingId, offerId))!;
            // The buyer cannot accept its own terms: the seller counters, and only then may the buyer accept.
            await Assert.ThrowsAsync<TransferRuleException>(() => transfers.AcceptAsync(listing, offer, TransferParty.Buyer, buyerUser));
            await transfers.CounterAsync(listing, offer, TransferParty.Seller, site.UniversityOwner, 10_000_000, TransferPaymentTerms.Instalments, 2, "十万元，分两期。");
        });
        await WithAsync(async (transfers, _) =>
        {
            var listing = (await transfers.FindAsync(listingId))!;
            var offer = (await transfers.FindOfferAsync(listingId, offerId))!;
            await transfers.AcceptAsync(listing, offer, TransferParty.Buyer, buyerUser);
            Assert.Equal(3, offer.Messages.Count);
            Assert.Equal(5_000_000, listing.AmountDueFen);
        });
        Assert.False(await ForSaleAsync(patent));

        await WithAsync(async (transfers, _) =>
        {
            var listing = (await transfers.FindAsync(listingId))!;
            await transfers.SaveSigningAsync(listing, coOwnerConsent: false, licencesAcknowledged: false, pledged: false, null, "河南省郑州市（测试）", null);
            var refusal = await Assert.ThrowsAsync<TransferRuleException>(() => transfers.AgreeAsync(listing));
            Assert.Equal("Co-owner consent: the patent has other applicants ({0}); confirm that each of them consents to the transfer.", refusal.Template);
        });
        await WithAsync(async (transfers, _) =>
        {
            var listing = (await transfers.FindAsync(listingId))!;
            Assert.Equal(TransferStatus.UnderNegotiation, listing.Status);
            await transfers.SaveSigningAsync(listing, coOwnerConsent: true, licencesAcknowledged: false, pledged: false, null, "河南省郑州市（测试）", null);
            await transfers.AgreeAsync(listing);
            Assert.Equal(TransferStatus.Agreed, listing.Status);
            Assert.Equal(PaymentChannel.Online, listing.PaymentChannel);
            await transfers.CheckoutUrlAsync(listing, site.BaseAddress);
        });

        // The same gateway as licences: a destination charge to the university, then the one signed webhook.
        var session = site.Stripe.SessionFor(listingId);
        var form = site.Stripe.CreatedForms.Single(f => f.GetValueOrDefault("metadata[license_order_id]") == listingId.ToString());
        Assert.Equal("5000000", form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("acct_test_university", form["payment_intent_data[transfer_data][destination]"]);
        var payload = StripeStub.Event("evt_transfer_" + listingId.ToString("N"), "checkout.session.completed", site.Stripe.Complete(session));
        using (var response = await site.PostWebhookAsync(payload, StripeStub.Sign(payload)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Applied", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var duplicate = await site.PostWebhookAsync(payload, StripeStub.Sign(payload)))
            Assert.Contains("Duplicate", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await WithAsync(async (transfers, db) =>
        {
            var listing = (await transfers.FindAsync(listingId))!;
            Assert.Equal(TransferStatus.Paid, listing.Status);
            var kit = System.Text.Encoding.UTF8.GetString(RecordalKit.Text(listing));
            Assert.Contains("变更后权利人：泉州智造科技有限公司（演示）", kit, StringComparison.Ordinal);
            Assert.Contains("变更后权利人地址：福建省泉州市丰泽区（测试）", kit, StringComparison.Ordinal);
            Assert.Contains("合同编号：" + listing.Reference, kit, StringComparison.Ordinal);
            await transfers.RecordAsync(listing, "2026120700001");
            var owner = await transfers.RecordedOwnerAsync(patent);
            Assert.Equal(site.Enterprise, owner!.OwnerOrganizationId);
            var actions = await db.AuditEntries.Where(e => e.Subject == listing.Reference).Select(e => e.Action).ToListAsync();
            Assert.Superset(new HashSet<string> { TransferAuditActions.Listed, TransferAuditActions.Offered, TransferAuditActions.Countered, TransferAuditActions.Accepted,
                TransferAuditActions.Agreed, TransferAuditActions.Paid, TransferAuditActions.Recorded }, actions.ToHashSet());
        });
        // The index keeps the applicants as filed; the platform shows the new owner beside them.
        var record = await site.Services.GetRequiredService<IPatentIndex>().GetAsync(patent);
        Assert.Equal(["泉州示范大学（演示）", CoOwner], record!.Applicants.Select(a => a.Name));
        Assert.Equal(1, await site.NoticesAsync(site.Enterprise, "The transfer of {0} was recorded: your organisation is its owner on the platform.", $"/transfers/{listingId}"));
    }

    [Fact]
    public async Task A_patent_bound_by_a_registered_pledge_is_listed_for_sale_only_after_its_release()
    {
        var patent = await site.AddPatentAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var pledgeId = await WithAsync(async (_, db) =>
        {
            var pledge = PledgeRecord.Register(new PledgeInput
            {
                RegistrationNumber = "Y-TRANSFER-" + patent,
                PledgorName = "泉州示范大学（演示）",
                PledgeeName = "泉州测试银行",
                AmountYuan = 1_000_000m,
                RegisteredOn = today.AddMonths(-1),
                EndsOn = today.AddYears(2),
            }, [(patent, "质押中的专利")], null, PledgeSource.Entered, null, site.UniversityOwner, DateTime.UtcNow);
            db.PledgeRecords.Add(pledge);
            await db.SaveChangesAsync();
            return pledge.Id;
        });

        await WithAsync(async (transfers, db) =>
        {
            var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == site.University);
            var listing = await transfers.DraftAsync(university, site.UniversityOwner, patent, null, null, today.AddMonths(1));
            var refusal = await Assert.ThrowsAsync<TransferRuleException>(() => transfers.ListAsync(listing));
            Assert.Equal("Patent {0} is bound by a pledge recorded on the platform: it can be listed for sale once the pledge is released.", refusal.Template);
            Assert.Equal(TransferStatus.Draft, listing.Status);

            (await db.PledgeRecords.SingleAsync(p => p.Id == pledgeId)).Release(today);
            await db.SaveChangesAsync();
            await transfers.ListAsync(listing);
            Assert.Equal(TransferStatus.Listed, listing.Status);
        });
        Assert.True(await ForSaleAsync(patent));
    }

    [Fact]
    public async Task An_offer_on_a_withdrawn_listing_is_refused_and_open_offers_lapse_with_the_withdrawal()
    {
        var patent = await site.AddPatentAsync();
        var listingId = await WithAsync(async (transfers, db) =>
        {
            var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == site.University);
            var listing = await transfers.DraftAsync(university, site.UniversityOwner, patent, null, null, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1));
            await transfers.ListAsync(listing);
            var second = await db.Organizations.SingleAsync(o => o.Id == site.SecondEnterprise);
            await transfers.OfferAsync(listing, second, Guid.NewGuid(), 1_000_000, TransferPaymentTerms.LumpSum, null, "泉州（测试）", null);
            await transfers.WithdrawAsync(listing, "校内决定自行实施");
            return listing.Id;
        });
        await WithAsync(async (transfers, db) =>
        {
            var listing = (await transfers.FindAsync(listingId))!;
            var enterprise = await db.Organizations.SingleAsync(o => o.Id == site.Enterprise);
            var refusal = await Assert.ThrowsAsync<TransferRuleException>(() =>
                transfers.OfferAsync(listing, enterprise, Guid.NewGuid(), 2_000_000, TransferPaymentTerms.LumpSum, null, "泉州（测试）", null));
            Assert.Equal("The seller withdrew this listing: it takes no offers.", refusal.Template);
            Assert.All(await transfers.OffersAsync(listingId), o => Assert.Equal(TransferOfferStatus.Lapsed, o.Status));
        });
        Assert.False(await ForSaleAsync(patent));
    }

    [Fact]
    public async Task A_listed_patent_is_found_through_the_for_sale_facet_and_the_api_and_bad_api_filters_are_refused()
    {
        var patent = await site.AddPatentAsync();
        var listingId = await WithAsync(async (transfers, db) =>
        {
            var university = await db.Organizations.SingleAsync(o => o.Id == site.University);
            var listing = await transfers.DraftAsync(university, site.UniversityOwner, patent, 3_000_000, null, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1));
            await transfers.ListAsync(listing);
            return listing.Id;
        });
        var found = await site.Services.GetRequiredService<IPatentIndex>().SearchAsync(new PatentQuery
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { [LabelFacets.ForSale] = [LabelFacets.ForSaleListed] },
            Facets = [LabelFacets.ForSale],
            PageSize = 100,
        });
        Assert.Contains(found.Hits, h => h.Record.Id == patent);

        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        var list = await http.GetStringAsync($"/api/v1/transfers?q={patent}&negotiable=false&maxPrice=30000");
        Assert.Contains(listingId.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain(listingId.ToString(), await http.GetStringAsync($"/api/v1/transfers?q={patent}&maxPrice=29999.99"), StringComparison.Ordinal);
        using var bad = await http.GetAsync("/api/v1/transfers?negotiable=perhaps&maxPrice=-1&size=500");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.All(["negotiable", "maxPrice", "size"], key => Assert.Contains($"\"{key}\"", problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_owner_may_list_a_patent_and_not_twice()
    {
        var patent = await site.AddPatentAsync();
        await WithAsync(async (transfers, db) =>
        {
            var enterprise = await db.Organizations.SingleAsync(o => o.Id == site.Enterprise);
            var notOwner = await Assert.ThrowsAsync<TransferRuleException>(() =>
                transfers.DraftAsync(enterprise, Guid.NewGuid(), patent, null, null, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1)));
            Assert.Equal("Patent {0} is not the organisation's: {1}", notOwner.Template);
            var university = await db.Organizations.SingleAsync(o => o.Id == site.University);
            await transfers.DraftAsync(university, site.UniversityOwner, patent, null, null, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1));
            var twice = await Assert.ThrowsAsync<TransferRuleException>(() =>
                transfers.DraftAsync(university, site.UniversityOwner, patent, null, null, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1)));
            Assert.Equal("Patent {0} already has a listing in progress.", twice.Template);
        });
    }
}
