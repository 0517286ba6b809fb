using System.Globalization;
using Marketplace.Web.Data;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Records;

namespace Marketplace.Web.Acquisition;

/// <summary>
/// A patent acquired (收储) on the platform belongs to the pool's holder organisation, whatever the index's applicant
/// says (the index is never rewritten): the holder owns it, every other organisation, the former owner included, is
/// refused with the acquirer named. Patents never acquired are answered by the ownership check it wraps.
/// </summary>
public sealed class AcquiredPatentOwnership(MarketplaceDbContext db, IPatentOwnership inner) : IPatentOwnership
{
    /// <summary>The check that answers for patents never acquired (on the site, the licensing portfolio's).</summary>
    public IPatentOwnership Inner => inner;

    public async Task<OwnershipAnswer> CheckAsync(Organization organization, PatentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(record);
        var acquisition = await db.AcquisitionCandidates.AsNoTracking()
            .Where(c => c.PatentId == record.Id && c.Stage == CandidateStage.Acquired)
            .Join(db.AcquisitionPools.AsNoTracking(), c => c.PoolId, p => p.Id, (c, p) => new { c.AcquiredOn, p.HolderOrganizationId, p.HolderName })
            .FirstOrDefaultAsync(cancellationToken);
        if (acquisition is null) return await inner.CheckAsync(organization, record, cancellationToken);
        var on = acquisition.AcquiredOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        // Pools created before the holder's id was recorded name their holder only: its registered name then decides.
        var holds = acquisition.HolderOrganizationId is { } holderId
            ? holderId == organization.Id
            : string.Equals(acquisition.HolderName, organization.Name, StringComparison.Ordinal);
        return holds
            ? new OwnershipAnswer(true, "Acquired on the platform on {0}.")
            {
                ReasonArguments = [on],
                SucceededApplicants = [.. record.Applicants.Select(a => a.Name)],
            }
            : new OwnershipAnswer(false, "The patent was acquired on the platform by {0} on {1}: only the acquirer may act for it.") { ReasonArguments = [acquisition.HolderName, on] };
    }
}
