using Marketplace.Web.Data;
using Marketplace.Web.Organizations;
using Marketplace.Web.Patents;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Licensing;

/// <summary>One patent of an organisation's portfolio with what the portfolio page shows.</summary>
public sealed record PortfolioEntry(PortfolioClaim Claim, PatentRecord? Record, DateOnly? Expiry, double? ValueIndex, bool HighValue, bool Sleeping,
    string? Chain, OpenLicenseDeclaration? Declaration, int LicensesInForce)
{
    /// <summary>The annual fee is reduced by 15 % while a published declaration covers the patent.</summary>
    public bool AnnualFeeReduced => Declaration?.Status == DeclarationStatus.Published;
}

/// <summary>What one claim from the index added: new claims, and how many of them (through a name variant) await an operator.</summary>
public sealed record PortfolioClaimRun(int Claimed, int AwaitingApproval);

/// <summary>
/// The organisation claims its patents from the index by applicant name and its name variants; claims
/// through a variant wait for an operator. Also answers <see cref="IPatentOwnership"/> for every feature.
/// </summary>
public sealed class PortfolioService(MarketplaceDbContext db, IPatentIndex index, TimeProvider clock)
{
    public const int MaxClaimsPerRun = 2000;

    public Task<List<OrganizationNameVariant>> VariantsAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        db.OrganizationNameVariants.Where(v => v.OrganizationId == organizationId).OrderBy(v => v.Name).ToListAsync(cancellationToken);

    public async Task AddVariantAsync(Organization organization, string name, CancellationToken cancellationToken = default)
    {
        var variant = new OrganizationNameVariant(organization.Id, name, clock.GetUtcNow().UtcDateTime);
        if (await db.OrganizationNameVariants.AnyAsync(v => v.OrganizationId == organization.Id && v.Name == variant.Name, cancellationToken))
            throw new LicensingRuleException("This name variant is already listed.");
        db.OrganizationNameVariants.Add(variant);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Claims every patent of the index whose applicants include the organisation's name or a variant; says how many were new.</summary>
    public async Task<PortfolioClaimRun> ClaimFromIndexAsync(Organization organization, Guid userId, CancellationToken cancellationToken = default)
    {
        var variants = (await VariantsAsync(organization.Id, cancellationToken)).Select(v => v.Name).ToList();
        var existing = (await db.PortfolioClaims.Where(c => c.OrganizationId == organization.Id).Select(c => c.PatentId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        var pending = 0;
        foreach (var name in variants.Prepend(organization.Name).Distinct(StringComparer.Ordinal))
        {
            for (var page = 1; page <= PatentQuery.MaxResultWindow / PatentQuery.MaxPageSize && added < MaxClaimsPerRun; page++)
            {
                var result = await index.SearchAsync(new PatentQuery
                {
                    Text = $"applicant:\"{name.Replace("\"", "", StringComparison.Ordinal)}\"",
                    Page = page,
                    PageSize = PatentQuery.MaxPageSize,
                    Highlight = false,
                }, cancellationToken);
                foreach (var hit in result.Hits)
                {
                    if (existing.Contains(hit.Record.Id)) continue;
                    PortfolioClaim claim;
                    try { claim = PortfolioClaim.Make(organization, hit.Record.Id, [.. hit.Record.Applicants.Select(a => a.Name)], variants, userId, now); }
                    catch (LicensingRuleException) { continue; } // a word match, not the same name
                    db.PortfolioClaims.Add(claim);
                    existing.Add(claim.PatentId);
                    added++;
                    if (claim.Status == ClaimStatus.Pending) pending++;
                }
                if (result.Hits.Count < PatentQuery.MaxPageSize) break;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new PortfolioClaimRun(added, pending);
    }

    /// <summary>Claims one patent by number (for patents the name search does not find, e.g. filed under a variant added later).</summary>
    public async Task<PortfolioClaim> ClaimAsync(Organization organization, string patentId, Guid userId, CancellationToken cancellationToken = default)
    {
        var record = await index.GetAsync(patentId, cancellationToken) ?? throw new LicensingRuleException("Patent {0} is not in the index.", patentId);
        if (await db.PortfolioClaims.AnyAsync(c => c.OrganizationId == organization.Id && c.PatentId == record.Id, cancellationToken))
            throw new LicensingRuleException("Patent {0} is already in the portfolio.", record.Id);
        var variants = (await VariantsAsync(organization.Id, cancellationToken)).Select(v => v.Name).ToList();
        var claim = PortfolioClaim.Make(organization, record.Id, [.. record.Applicants.Select(a => a.Name)], variants, userId, clock.GetUtcNow().UtcDateTime);
        db.PortfolioClaims.Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        return claim;
    }

    public async Task<IReadOnlyList<PortfolioEntry>> EntriesAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var claims = await db.PortfolioClaims.Where(c => c.OrganizationId == organizationId && c.Status != ClaimStatus.Rejected).ToListAsync(cancellationToken);
        var records = await index.GetManyAsync([.. claims.Select(c => c.PatentId)], cancellationToken);
        var declarations = await db.OpenLicenseDeclarations.Include(d => d.Patents)
            .Where(d => d.OrganizationId == organizationId && d.Status != DeclarationStatus.Withdrawn).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var orders = await db.LicenseOrders.Where(o => o.LicensorOrganizationId == organizationId
            && (o.Status == LicenseStatus.Effective || o.Status == LicenseStatus.Recorded)).ToListAsync(cancellationToken);
        var licensed = orders.Where(o => o.IsInForce(today)).GroupBy(o => o.DeclarationId).ToDictionary(g => g.Key, g => g.Count());
        return [.. claims.Select(c =>
        {
            records.TryGetValue(c.PatentId, out var r);
            var declaration = declarations.Where(d => d.Patents.Any(p => p.PatentId == c.PatentId)).OrderByDescending(d => d.Status == DeclarationStatus.Published).FirstOrDefault();
            return new PortfolioEntry(c, r,
                r is null ? null : PatentTerm.LastDayOfRight(r.DocumentType, r.ApplicationDate, r.LapseDate),
                r is not null && r.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var v) ? v : null,
                r is not null && LabelFacets.ValuesOf(r, LabelFacets.HighValue).Contains("true"),
                r is not null && LabelFacets.ValuesOf(r, LabelFacets.Sleeping).Contains("true"),
                r is null ? null : LabelFacets.ValuesOf(r, LabelFacets.Chain).FirstOrDefault(),
                declaration,
                declaration is not null && licensed.TryGetValue(declaration.Id, out var n) ? n : 0);
        })];
    }

    public Task<List<PortfolioClaim>> PendingClaimsAsync(CancellationToken cancellationToken = default) =>
        db.PortfolioClaims.Where(c => c.Status == ClaimStatus.Pending).OrderBy(c => c.ClaimedAt).Take(200).ToListAsync(cancellationToken);

    public async Task ReviewClaimAsync(Guid claimId, bool approve, Guid reviewer, string? note, CancellationToken cancellationToken = default)
    {
        var claim = await db.PortfolioClaims.FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken) ?? throw new LicensingRuleException("No such claim.");
        if (approve) claim.Approve(reviewer, clock.GetUtcNow().UtcDateTime);
        else claim.Reject(reviewer, note ?? "", clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Ownership from the portfolio: an approved claim says yes, a pending or rejected one no; without a claim,
/// the organisation's registered name must equal an applicant's (the default rule).
/// </summary>
public sealed class PortfolioPatentOwnership(MarketplaceDbContext db) : IPatentOwnership
{
    public async Task<OwnershipAnswer> CheckAsync(Organization organization, PatentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(record);
        var claim = await db.PortfolioClaims.AsNoTracking().FirstOrDefaultAsync(c => c.OrganizationId == organization.Id && c.PatentId == record.Id, cancellationToken);
        return claim?.Status switch
        {
            ClaimStatus.Approved => new OwnershipAnswer(true, "The patent is in the organisation's portfolio.", claim.MatchedName),
            ClaimStatus.Pending => new OwnershipAnswer(false, "The organisation's claim to this patent awaits an operator's approval."),
            ClaimStatus.Rejected => new OwnershipAnswer(false, "An operator rejected the organisation's claim to this patent."),
            _ => await new NameMatchPatentOwnership().CheckAsync(organization, record, cancellationToken),
        };
    }
}
