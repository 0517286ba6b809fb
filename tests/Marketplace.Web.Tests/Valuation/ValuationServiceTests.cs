using Analytics.Valuation;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Licensing;
using Marketplace.Web.Transfers;
using Marketplace.Web.Valuation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Valuation;

/// <summary>
/// Where a valuation's default royalty rate and its comparables come from, on the real database: each test uses an
/// industry chain of its own, so the licences of other tests are not in it.
/// </summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class ValuationServiceTests(LicensingSite site)
{
    private static int _patents;

    /// <summary>A published declaration of the university on one patent of <paramref name="chain"/>, and one licence of it taken (and paid) by the enterprise.</summary>
    private async Task LicenceAsync(string chain, LicenseFee fee)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = DateTime.UtcNow;
        var id = $"CN1{Interlocked.Increment(ref _patents) + 70_000_000:D8}A";
        var filed = new DateOnly(2020, 1, 1);
        var declaration = OpenLicenseDeclaration.Create(site.University, "泉州示范大学（演示）", site.UniversityOwner, now);
        declaration.AddPatent(new PatentFacts(id, "一种估值测试用的储能方法", DocumentType.Invention, LegalStatus.InForce, filed, filed.AddYears(20).AddDays(-1), "H01M", chain, []));
        declaration.SetTerms(fee, 2, null, PaymentChannel.BankTransfer, null, new PatenteeAttestations { FeesPaid = true, NoDisputeOrPreservation = true });
        declaration.Submit(DateOnly.FromDateTime(now), new HashSet<string>(), now, payeeAccountReady: false);
        declaration.Publish(Guid.NewGuid(), "KFXK-VAL-" + id, DateOnly.FromDateTime(now), now);
        db.OpenLicenseDeclarations.Add(declaration);
        var order = LicenseOrder.Notify(declaration, site.Enterprise, Guid.NewGuid(), "valuation-" + id, now);
        if (order.UpfrontFen > 0) order.MarkPaid(declaration, order.UpfrontFen, "BANK-" + id, now);
        db.LicenseOrders.Add(order);
        await db.SaveChangesAsync();
    }

    private async Task<(RoyaltyDefault Royalty, IReadOnlyList<ComparableTransaction> Comparables)> DefaultsAsync(string chain)
    {
        await using var scope = site.Scope();
        var valuations = scope.ServiceProvider.GetRequiredService<ValuationService>();
        return (await valuations.RoyaltyDefaultAsync(chain), await valuations.ComparablesAsync(chain, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1), ["CN000000000A"]));
    }

    [Fact]
    public async Task Three_sales_royalty_licences_in_the_chain_make_their_median_the_default_rate()
    {
        var chain = "valuation-median-" + Guid.NewGuid().ToString("N")[..8];
        await LicenceAsync(chain, LicenseFee.Royalty(3m, RoyaltyBase.Sales));
        await LicenceAsync(chain, LicenseFee.Royalty(8m, RoyaltyBase.Sales));
        await LicenceAsync(chain, LicenseFee.Royalty(5m, RoyaltyBase.Sales));
        // A royalty on profit is no rate on revenue: it is not counted.
        await LicenceAsync(chain, LicenseFee.Royalty(30m, RoyaltyBase.Profit));

        var (royalty, comparables) = await DefaultsAsync(chain);

        Assert.Equal((5m, RoyaltyRateSource.PlatformLicences, 3), (royalty.Percent, royalty.Source, royalty.LicenceCount));
        Assert.Null(royalty.Published);
        // Royalty-only licences have no price to compare.
        Assert.Empty(comparables);
    }

    [Fact]
    public async Task With_two_licences_the_default_is_the_published_range_and_paid_lump_sums_are_the_comparables()
    {
        var chain = "valuation-published-" + Guid.NewGuid().ToString("N")[..8];
        await LicenceAsync(chain, LicenseFee.Royalty(3m, RoyaltyBase.Sales));
        await LicenceAsync(chain, LicenseFee.Royalty(8m, RoyaltyBase.Sales));
        await LicenceAsync(chain, LicenseFee.LumpSum(40_000m));

        var (royalty, comparables) = await DefaultsAsync(chain);

        // A chain the cited table does not map takes its fallback, machinery: 1.5 %–3 %, middle 2.25 %.
        Assert.Equal((2.25m, RoyaltyRateSource.PublishedRange, 2), (royalty.Percent, royalty.Source, royalty.LicenceCount));
        Assert.Equal("机械制造", royalty.Published!.IndustryZh);
        var comparable = Assert.Single(comparables);
        Assert.Equal((ComparableKind.License, 40_000m, 1, chain), (comparable.Kind, comparable.PriceYuan, comparable.PatentCount, comparable.ChainId));
        Assert.StartsWith("OL-", comparable.Reference, StringComparison.Ordinal);
    }

    /// <summary>A patent of <paramref name="chain"/> in the index, listed by the university and sold to the enterprise at <paramref name="priceYuan"/>; paid unless <paramref name="paid"/> is false.</summary>
    private async Task<string> TransferAsync(string chain, long priceYuan, bool paid = true)
    {
        var id = $"CN1{Interlocked.Increment(ref _patents) + 70_000_000:D8}A";
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse(id),
            DocumentType = DocumentType.Invention,
            Stage = PublicationStage.Grant,
            LegalStatus = LegalStatus.InForce,
            Titles = [new LocalizedText("zh", "一种估值测试用的转让储能装置 " + id)],
            Applicants = [new Party { Name = "泉州示范大学（演示）" }],
            ApplicationDate = new DateOnly(2020, 1, 1),
            IpcCodes = ["H01M10/00"],
            Labels = { [LabelFacets.Chain] = [chain] },
        }]);
        await index.CommitAsync();
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var listing = TransferListing.Draft(site.University, "泉州示范大学（演示）", site.UniversityOwner,
            new ListedPatent(id, "一种估值测试用的转让储能装置", DocumentType.Invention, LegalStatus.InForce, null, "泉州示范大学（演示）", "张三", []), null, null, today.AddMonths(3), today, now);
        listing.List(today, now);
        var offer = TransferOffer.Make(listing, site.Enterprise, "泉州智造科技有限公司（演示）", "福建省泉州市（测试）", Guid.NewGuid(), priceYuan * 100, TransferPaymentTerms.LumpSum, null, null, today, now);
        offer.Accept(listing, TransferParty.Seller, site.UniversityOwner, today, now);
        listing.SaveSigning(coOwnerConsent: false, licencesAcknowledged: false, pledged: false, null, "福建省泉州市丰泽区（测试）", null);
        listing.Agree(0, buyerVerified: true, PaymentChannel.BankTransfer, now);
        if (paid) listing.MarkPaid(listing.AmountDueFen, "BANK-" + id, now);
        db.TransferListings.Add(listing);
        db.TransferOffers.Add(offer);
        await db.SaveChangesAsync();
        return listing.Reference;
    }

    [Fact]
    public async Task A_paid_transfer_in_the_chain_is_a_comparable_beside_the_licences_at_its_accepted_price()
    {
        var chain = "valuation-transfer-" + Guid.NewGuid().ToString("N")[..8];
        await LicenceAsync(chain, LicenseFee.LumpSum(40_000m));
        var sold = await TransferAsync(chain, 180_000);
        await TransferAsync(chain, 90_000, paid: false);
        await TransferAsync("valuation-other-" + Guid.NewGuid().ToString("N")[..8], 70_000);

        var (_, comparables) = await DefaultsAsync(chain);

        Assert.Equal([ComparableKind.License, ComparableKind.Transfer], comparables.Select(c => c.Kind).Order());
        var transfer = Assert.Single(comparables, c => c.Kind == ComparableKind.Transfer);
        Assert.Equal((sold, 180_000m, 1, chain), (transfer.Reference, transfer.PriceYuan, transfer.PatentCount, transfer.ChainId));
        Assert.NotNull(transfer.RemainingYears);
    }

    [Fact]
    public async Task Saving_new_inputs_lists_what_changed_recomputes_the_conclusion_and_refuses_a_discount_rate_out_of_range()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var valuation = await db.PatentValuations.Include(v => v.Patents).FirstAsync(v => v.Patents.Any(p => p.PatentId == Marketplace.Web.Demo.DemoData.OpenLicensePatentId));
        var before = valuation.PointYuan;
        var revision = valuation.Revision;

        var changes = valuation.Revise(valuation.Terms with { RoyaltyPercent = valuation.Terms.RoyaltyPercent + 1m }, [], Guid.NewGuid(), DateTime.UtcNow);

        var change = Assert.Single(changes);
        Assert.Equal(ValuationLabels.Royalty, change.Label);
        Assert.Equal(("4.75%", "5.75%"), (change.Before, change.After));
        Assert.True(valuation.PointYuan > before);
        Assert.Equal(revision + 1, valuation.Revision);
        var refused = Assert.Throws<ValuationRuleException>(() => valuation.Revise(valuation.Terms with { DiscountPercent = 80m }, [], Guid.NewGuid(), DateTime.UtcNow));
        Assert.Equal("The discount rate must be more than 0% and at most 50%.", refused.Message);
        Assert.Empty(valuation.Revise(valuation.Terms, [], Guid.NewGuid(), DateTime.UtcNow));
    }
}
