namespace Marketplace.Web.Needs;

/// <summary>
/// A university's or institute's answer to a need (高校解题): patents from its portfolio, the approach,
/// terms and team. It may point to one of its open-licence declarations; that reference is kept
/// without a foreign key (the licensing records live in another feature and are linked when merged).
/// </summary>
public sealed class Proposal
{
    public const int MaxText = 4000, MaxPatents = 20;

    private Proposal(Guid id, Guid needId, Guid organizationId, Guid authorId, DateTime submittedAt)
    {
        Id = id;
        NeedId = needId;
        OrganizationId = organizationId;
        AuthorId = authorId;
        SubmittedAt = submittedAt;
    }

    public Guid Id { get; private set; }

    public Guid NeedId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid AuthorId { get; private set; }

    /// <summary>Record ids of the patents offered, one per line (their ownership was checked when submitted).</summary>
    public string PatentIds { get; private set; } = "";

    public string Approach { get; private set; } = "";

    public string Terms { get; private set; } = "";

    public string Team { get; private set; } = "";

    /// <summary>An open-licence declaration of the organisation (licensing feature), if the proposal offers one. No foreign key yet.</summary>
    public Guid? OpenLicenseDeclarationId { get; private set; }

    public DateTime SubmittedAt { get; private set; }

    public IReadOnlyList<string> Patents => NeedDraft.Split(PatentIds);

    /// <param name="ownedPatentIds">Patents the caller checked the organisation owns.</param>
    public static Proposal Submit(Need need, NeedViewer viewer, IReadOnlyList<string> ownedPatentIds, string approach, string terms, string team,
        Guid? openLicenseDeclarationId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(need);
        if (need.Status != NeedStatus.Open) throw new NeedRuleException("The need is closed and takes no more proposals.");
        if (!viewer.IsResearchOrganization || viewer.OrganizationId is null || viewer.UserId is null)
            throw new NeedRuleException("Only universities and research institutes can propose.");
        if (!need.AcceptsProposalsFrom(viewer)) throw new NeedRuleException("Your organisation cannot answer this need.");
        if (string.IsNullOrWhiteSpace(approach)) throw new NeedRuleException("Describe your approach.");
        if (approach.Trim().Length > MaxText || terms?.Trim().Length > MaxText || team?.Trim().Length > MaxText)
            throw new NeedRuleException("Each text may have at most 4000 characters.");
        if (ownedPatentIds.Count > MaxPatents) throw new NeedRuleException("A proposal may offer at most 20 patents.");
        if (ownedPatentIds.Count == 0 && openLicenseDeclarationId is null)
            throw new NeedRuleException("Offer at least one patent of your organisation or an open licence.");
        return new Proposal(Guid.CreateVersion7(), need.Id, viewer.OrganizationId.Value, viewer.UserId.Value, now)
        {
            PatentIds = string.Join('\n', ownedPatentIds.Distinct(StringComparer.Ordinal)),
            Approach = approach.Trim(),
            Terms = terms?.Trim() ?? "",
            Team = team?.Trim() ?? "",
            OpenLicenseDeclarationId = openLicenseDeclarationId,
        };
    }
}
