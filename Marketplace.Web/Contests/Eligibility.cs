using Marketplace.Web.Organizations;
using Search.Indexer.Records;

namespace Marketplace.Web.Contests;

/// <summary>
/// Checks an entry against the contest's rules, one reason per check so the entrant sees exactly what
/// passed and what did not: the organisation is verified and of an allowed type; every patent is in the
/// index, owned by the organisation, in force, of an allowed type; an applicant's address is in the region;
/// the business plan is attached, and the patent-right evaluation report (专利权评价报告) too when a utility model or
/// design is entered: Chinese patent law issues that report for those two types only, so an invention cannot have one.
/// </summary>
public static class EligibilityChecker
{
    public static IReadOnlyList<EligibilityReason> Check(
        EligibilityRules rules,
        Organization organization,
        IReadOnlyList<(string PatentId, PatentRecord? Record, OwnershipAnswer? Ownership)> patents,
        IReadOnlyCollection<EntryDocumentKind> documents)
    {
        var reasons = new List<EligibilityReason>
        {
            organization.Verification == VerificationStatus.Verified
                ? new(true, "The organisation is verified.")
                : new(false, "The organisation is not verified yet."),
        };
        if (rules.OwnerTypes.Count > 0)
            reasons.Add(rules.OwnerTypes.Contains(organization.Type)
                ? new(true, "The organisation's type may enter.")
                : new(false, "Organisations of this type may not enter this contest."));

        if (patents.Count == 0) reasons.Add(new(false, "Enter at least one patent."));
        foreach (var (id, record, ownership) in patents)
        {
            if (record is null)
            {
                reasons.Add(new(false, "{0} is not in the patent index.", id));
                continue;
            }
            reasons.Add(ownership is { Owns: true }
                ? new(true, "{0} is owned by the organisation.", id)
                : new(false, "{0} is not owned by the organisation.", id));
            if (rules.RequireInForce)
                reasons.Add(record.LegalStatus == LegalStatus.InForce
                    ? new(true, "{0} is in force.", id)
                    : new(false, "{0} is not in force.", id));
            if (rules.DocumentTypes.Count > 0)
                reasons.Add(rules.DocumentTypes.Contains(record.DocumentType)
                    ? new(true, "{0} is of an allowed patent type.", id)
                    : new(false, "{0} is not of an allowed patent type.", id));
            if (!string.IsNullOrWhiteSpace(rules.RegionKeyword))
                reasons.Add(record.Applicants.Any(a => a.Address?.Contains(rules.RegionKeyword.Trim(), StringComparison.OrdinalIgnoreCase) == true)
                    ? new(true, "{0}: an applicant's address is in the region.", id)
                    : new(false, "{0}: no applicant's address is in the region.", id));
        }

        foreach (var kind in RequiredDocuments(patents.Select(p => p.Record?.DocumentType)))
            reasons.Add(documents.Contains(kind)
                ? new(true, "Attached: {0}.", kind.ToString())
                : new(false, "Missing: {0}.", kind.ToString()));
        return reasons;
    }

    /// <summary>The documents an entry of these patent types needs: always the business plan, the evaluation report only for utility models and designs.</summary>
    public static IReadOnlyList<EntryDocumentKind> RequiredDocuments(IEnumerable<DocumentType?> types) =>
        types.Any(t => t is DocumentType.UtilityModel or DocumentType.Design)
            ? [EntryDocumentKind.BusinessPlan, EntryDocumentKind.Evaluation]
            : [EntryDocumentKind.BusinessPlan];
}
