using Analytics.Valuation;
using Marketplace.Web.Accounts;
using Marketplace.Web.Organizations;
using Marketplace.Web.Valuation;
using Search.Indexer.Records;

namespace Marketplace.Web.Demo;

public sealed partial class DemoData
{
    /// <summary>The chain the demo valuation looks its royalty rate up in (the open-licence patent collects web data).</summary>
    public const string ValuedPatentChain = "digital-economy";

    /// <summary>
    /// One valuation an operator made of the university's open-licence patent for pledge financing, so valuations, the
    /// patent page's range and the report show on first start. Its royalty rate is the published range's middle: a fresh
    /// platform has no royalty licences to take a median of.
    /// </summary>
    private async Task SeedValuationAsync(Organization university, MarketplaceUser valuer, DateTime now, CancellationToken cancellationToken)
    {
        var published = PublishedRoyaltyRates.Shipped.For(ValuedPatentChain);
        var royalty = new RoyaltyDefault(published.MidpointPercent, RoyaltyRateSource.PublishedRange, 0, published);
        var terms = new ValuationTerms
        {
            Purpose = ValuationPurpose.PledgeFinancing,
            ValuationDate = DateOnly.FromDateTime(now),
            RevenueYuan = 3_000_000m,
            GrowthPercent = 5m,
            RoyaltyPercent = royalty.Percent,
            TaxPercent = 25m,
            DiscountPercent = 12m,
            LifeYears = 8m,
            FeesYuan = 15_000m,
            ResearchCostYuan = 400_000m,
            ObsolescencePercent = 10m,
            MarketAdjustmentPercent = 0m,
            Basis = ValuationApproach.Income,
        };
        var patent = new ValuedPatentFacts(OpenLicensePatentId, "一种web端数据通用采集方法", DocumentType.Invention, new DateOnly(2022, 11, 2), ValuedPatentChain);
        db.Add(PatentValuation.Create([patent], university.Id, ValuedPatentChain, royalty, terms, [], valuer.Id, now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
