using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Valuation;

/// <summary>
/// A price guidance from the latest valuation that includes a patent: its range and point, how many patents it valued
/// together (a package's range is for all of them), its reference and date, and the link to it.
/// </summary>
public sealed record PriceGuidance(Guid ValuationId, string Reference, decimal LowYuan, decimal PointYuan, decimal HighYuan, int PatentCount,
    DateOnly ValuationDate, Guid? OwnerOrganizationId)
{
    public bool IsPackage => PatentCount > 1;

    public string Link => ValuationLinks.Details(ValuationId);
}

/// <summary>
/// What other features call for a patent's price guidance (a sale listing shows it beside the asking price, the patent
/// page beside the value index): <c>await guidance.ForAsync(patentId)</c>. Valuations are the owner's and operators'
/// analysis, so the caller decides who may see the figures (see <see cref="MayShow"/>).
/// </summary>
public sealed class ValuationGuidance(MarketplaceDbContext db)
{
    /// <summary>The latest valuation with a conclusion that includes the patent (by its canonical id), or null.</summary>
    public async Task<PriceGuidance?> ForAsync(string patentId, CancellationToken cancellationToken = default)
    {
        var latest = await db.Set<PatentValuation>().AsNoTracking()
            .Where(v => v.PointYuan != null && v.Patents.Any(p => p.PatentId == patentId))
            .OrderByDescending(v => v.UpdatedAt)
            .Select(v => new { v.Id, v.Reference, v.LowYuan, v.PointYuan, v.HighYuan, Count = v.Patents.Count, v.Terms.ValuationDate, v.OwnerOrganizationId })
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null
            : new PriceGuidance(latest.Id, latest.Reference, latest.LowYuan!.Value, latest.PointYuan!.Value, latest.HighYuan!.Value, latest.Count, latest.ValuationDate, latest.OwnerOrganizationId);
    }

    /// <summary>Operators and the owner organisation's members may see a guidance's figures; a listing the owner publishes may show them to anyone.</summary>
    public static bool MayShow(PriceGuidance guidance, Licensing.LicensingActor? actor) =>
        actor is not null && (actor.IsOperator || guidance.OwnerOrganizationId is { } owner && actor.IsMemberOf(owner));
}
