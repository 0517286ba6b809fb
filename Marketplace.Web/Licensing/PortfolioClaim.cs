using Marketplace.Web.Organizations;

namespace Marketplace.Web.Licensing;

public enum ClaimStatus
{
    /// <summary>A doubtful match, waiting for an operator.</summary>
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// An organisation's claim to a patent of the index (its portfolio). A claim whose applicant name equals
/// the organisation's registered name is approved at once; one made through a name variant (a former
/// name, an English name, a school's name) is doubtful and waits for an operator.
/// </summary>
public sealed class PortfolioClaim
{
    private PortfolioClaim(Guid id, Guid organizationId, string patentId, string matchedName, ClaimStatus status, Guid claimedBy, DateTime claimedAt)
    {
        Id = id;
        OrganizationId = organizationId;
        PatentId = patentId;
        MatchedName = matchedName;
        Status = status;
        ClaimedBy = claimedBy;
        ClaimedAt = claimedAt;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string PatentId { get; private set; }

    /// <summary>The applicant (patentee) name of the record that matched.</summary>
    public string MatchedName { get; private set; }

    public ClaimStatus Status { get; private set; }

    public Guid ClaimedBy { get; private set; }

    public DateTime ClaimedAt { get; private set; }

    public Guid? ReviewedBy { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    public string? ReviewNote { get; private set; }

    /// <summary>
    /// Claims a patent whose applicants include <paramref name="applicants"/>; <paramref name="variants"/> are the
    /// organisation's other names. Refused when no applicant matches the name or a variant.
    /// </summary>
    public static PortfolioClaim Make(Organization organization, string patentId, IReadOnlyList<string> applicants, IEnumerable<string> variants, Guid claimedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var own = NameMatchPatentOwnership.Key(organization.Name);
        if (applicants.FirstOrDefault(a => NameMatchPatentOwnership.Key(a) == own) is { } exact)
            return new PortfolioClaim(Guid.CreateVersion7(), organization.Id, patentId, exact, ClaimStatus.Approved, claimedBy, now);
        var keys = variants.Select(NameMatchPatentOwnership.Key).Where(k => k is not null).ToHashSet(StringComparer.Ordinal);
        if (applicants.FirstOrDefault(a => keys.Contains(NameMatchPatentOwnership.Key(a))) is { } variant)
            return new PortfolioClaim(Guid.CreateVersion7(), organization.Id, patentId, variant, ClaimStatus.Pending, claimedBy, now);
        throw new LicensingRuleException("No applicant of patent {0} matches the organisation's name or its name variants.", patentId);
    }

    public void Approve(Guid reviewer, DateTime now)
    {
        if (Status != ClaimStatus.Pending) throw new LicensingRuleException("Only a pending claim can be approved.");
        Status = ClaimStatus.Approved;
        ReviewedBy = reviewer;
        ReviewedAt = now;
    }

    public void Reject(Guid reviewer, string note, DateTime now)
    {
        if (Status != ClaimStatus.Pending) throw new LicensingRuleException("Only a pending claim can be rejected.");
        if (string.IsNullOrWhiteSpace(note)) throw new LicensingRuleException("Give the reason for the rejection.");
        Status = ClaimStatus.Rejected;
        ReviewedBy = reviewer;
        ReviewedAt = now;
        ReviewNote = note.Trim();
    }
}
