using Analytics.Taxonomy;
using Marketplace.Web.Organizations;

namespace Marketplace.Web.Needs;

/// <summary>What the enterprise wants at the end (期望合作方式).</summary>
public enum NeedOutcome
{
    License = 1,
    Transfer = 2,
    JointDevelopment = 3,
    CommissionedResearch = 4,
}

/// <summary>Who sees a need besides its own organisation and the operators.</summary>
public enum NeedVisibility
{
    /// <summary>Everyone signed in.</summary>
    Public = 1,
    /// <summary>Only the platform's operators (who broker it).</summary>
    OperatorsOnly = 2,
    /// <summary>Only the universities and institutes the enterprise invited.</summary>
    InvitedUniversities = 3,
}

public enum NeedStatus
{
    Open = 1,
    Closed = 2,
}

/// <summary>A refused change to a need, a proposal or a deal; the message is the English key of a UI string.</summary>
public sealed class NeedRuleException(string message) : Exception(message);

/// <summary>Who looks at a need: the organisation they act for (with its type) and whether they are platform staff.</summary>
public sealed record NeedViewer(Guid? UserId, Guid? OrganizationId, OrganizationType? OrganizationType, bool IsOperator)
{
    /// <summary>The organisation acted for is verified.</summary>
    public bool Verified { get; init; }

    public bool IsResearchOrganization => OrganizationType is Organizations.OrganizationType.University or Organizations.OrganizationType.ResearchInstitute;
}

/// <summary>
/// An enterprise's technical need (企业出题): the problem in its own words, the structured elements the
/// author confirmed, the outcome, budget, deadline, region and who may see it. Guards its invitations
/// (universities and institutes only, once each, while open) and its visibility.
/// </summary>
public sealed class Need
{
    public const int MaxTitle = 200, MaxDescription = 4000, MaxRegion = 100, MaxElements = 1000;

    private readonly List<NeedInvitation> _invitations = [];

    private Need(Guid id, Guid organizationId, Guid authorId, DateTime createdAt)
    {
        Id = id;
        OrganizationId = organizationId;
        AuthorId = authorId;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The enterprise that posted it.</summary>
    public Guid OrganizationId { get; private set; }

    public Guid AuthorId { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>Industry chain id of the taxonomy (e.g. <c>new-energy</c>), if the author chose one.</summary>
    public string? ChainId { get; private set; }

    public NeedOutcome Outcome { get; private set; }

    /// <summary>Budget in 万元 (10,000 CNY); either end may be open.</summary>
    public decimal? BudgetMin { get; private set; }

    public decimal? BudgetMax { get; private set; }

    public DateTime? Deadline { get; private set; }

    public string? Region { get; private set; }

    public NeedVisibility Visibility { get; private set; }

    /// <summary>Confirmed elements, one per line in each field.</summary>
    public string Materials { get; private set; } = "";

    public string Methods { get; private set; } = "";

    public string Effects { get; private set; } = "";

    public string Products { get; private set; } = "";

    public string Applications { get; private set; } = "";

    public NeedStatus Status { get; private set; } = NeedStatus.Open;

    /// <summary>
    /// The need's technical fields as the matcher read them (chain ids and IPC subclasses, one per line):
    /// what the universities' feed compares with their portfolios. Set after posting and refreshed by the daily run.
    /// </summary>
    public string FieldChains { get; private set; } = "";

    public string FieldIpcSubclasses { get; private set; } = "";

    /// <summary>Re-match periodically and notify the enterprise of new matching patents or open licences.</summary>
    public bool AlertsEnabled { get; private set; } = true;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyCollection<NeedInvitation> Invitations => _invitations;

    public static Need Post(Guid organizationId, Guid authorId, NeedDraft draft, DateTime now, IndustryTaxonomy taxonomy)
    {
        var need = new Need(Guid.CreateVersion7(), organizationId, authorId, now);
        need.Apply(draft, now, taxonomy);
        return need;
    }

    public void Edit(NeedDraft draft, DateTime now, IndustryTaxonomy taxonomy)
    {
        if (Status != NeedStatus.Open) throw new NeedRuleException("A closed need cannot be changed.");
        Apply(draft, now, taxonomy);
    }

    private void Apply(NeedDraft d, DateTime now, IndustryTaxonomy taxonomy)
    {
        var errors = d.Validate(now, taxonomy);
        if (errors.Count > 0) throw new NeedRuleException(errors[0].Message);
        Title = d.Title.Trim();
        Description = d.Description.Trim();
        ChainId = string.IsNullOrWhiteSpace(d.ChainId) ? null : d.ChainId.Trim();
        Outcome = d.Outcome;
        BudgetMin = d.BudgetMin;
        BudgetMax = d.BudgetMax;
        Deadline = d.Deadline;
        Region = string.IsNullOrWhiteSpace(d.Region) ? null : d.Region.Trim();
        Visibility = d.Visibility;
        Materials = NeedDraft.Lines(d.Materials);
        Methods = NeedDraft.Lines(d.Methods);
        Effects = NeedDraft.Lines(d.Effects);
        Products = NeedDraft.Lines(d.Products);
        Applications = NeedDraft.Lines(d.Applications);
        UpdatedAt = now;
    }

    public void Close(DateTime now)
    {
        if (Status == NeedStatus.Closed) throw new NeedRuleException("The need is already closed.");
        Status = NeedStatus.Closed;
        UpdatedAt = now;
    }

    public void SetAlerts(bool enabled) => AlertsEnabled = enabled;

    public const int MaxFields = 400;

    /// <summary>Keeps the fields the matcher found (its chain first when the author chose one).</summary>
    public void SetFields(IEnumerable<string> chains, IEnumerable<string> ipcSubclasses)
    {
        static string Join(IEnumerable<string> values)
        {
            var text = string.Join('\n', values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).Take(10));
            if (text.Length <= MaxFields) return text;
            var cut = text.LastIndexOf('\n', MaxFields);
            return cut > 0 ? text[..cut] : "";
        }
        FieldChains = Join(ChainId is null ? chains : chains.Prepend(ChainId));
        FieldIpcSubclasses = Join(ipcSubclasses);
    }

    /// <summary>The need's chains (the stated one even before the matcher ran).</summary>
    public IReadOnlyList<string> Chains() => [.. NeedDraft.Split(FieldChains).Concat(ChainId is null ? [] : [ChainId]).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> IpcSubclasses() => NeedDraft.Split(FieldIpcSubclasses);

    /// <summary>The enterprise invites a university or research institute to answer.</summary>
    public NeedInvitation Invite(Guid organizationId, OrganizationType type, VerificationStatus verification, Guid invitedBy, DateTime now)
    {
        if (Status != NeedStatus.Open) throw new NeedRuleException("Only an open need can invite universities.");
        if (type is not (OrganizationType.University or OrganizationType.ResearchInstitute))
            throw new NeedRuleException("Only universities and research institutes can be invited.");
        if (verification != VerificationStatus.Verified) throw new NeedRuleException("Only verified organisations can be invited.");
        if (_invitations.Any(i => i.OrganizationId == organizationId)) throw new NeedRuleException("This organisation is already invited.");
        var invitation = new NeedInvitation(Id, organizationId, invitedBy, now);
        _invitations.Add(invitation);
        return invitation;
    }

    public bool IsInvited(Guid? organizationId) => organizationId is { } id && _invitations.Any(i => i.OrganizationId == id);

    public bool IsOwnedBy(NeedViewer viewer) => viewer.OrganizationId == OrganizationId;

    /// <summary>
    /// The enterprise and the operators always see it; invited organisations see it whatever its
    /// visibility (the invitation shares it); everyone signed in sees a public need.
    /// </summary>
    public bool IsVisibleTo(NeedViewer viewer) =>
        IsOwnedBy(viewer) || viewer.IsOperator || IsInvited(viewer.OrganizationId)
        || (Visibility == NeedVisibility.Public && viewer.UserId is not null);

    /// <summary>A verified university or institute that sees the open need may answer it.</summary>
    public bool AcceptsProposalsFrom(NeedViewer viewer) =>
        Status == NeedStatus.Open && viewer.IsResearchOrganization && IsVisibleTo(viewer) && !IsOwnedBy(viewer);

    public Analytics.Matching.NeedElements Elements() => new()
    {
        Materials = NeedDraft.Split(Materials),
        Methods = NeedDraft.Split(Methods),
        Effects = NeedDraft.Split(Effects),
        Products = NeedDraft.Split(Products),
        Applications = NeedDraft.Split(Applications),
    };
}

public sealed class NeedInvitation
{
    internal NeedInvitation(Guid needId, Guid organizationId, Guid invitedBy, DateTime invitedAt)
    {
        NeedId = needId;
        OrganizationId = organizationId;
        InvitedBy = invitedBy;
        InvitedAt = invitedAt;
    }

    public Guid NeedId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid InvitedBy { get; private set; }

    public DateTime InvitedAt { get; private set; }
}

/// <summary>What the author typed; <see cref="Validate"/> names every problem with a specific message.</summary>
public sealed record NeedDraft
{
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string? ChainId { get; init; }
    public NeedOutcome Outcome { get; init; } = NeedOutcome.License;
    public decimal? BudgetMin { get; init; }
    public decimal? BudgetMax { get; init; }
    public DateTime? Deadline { get; init; }
    public string? Region { get; init; }
    public NeedVisibility Visibility { get; init; } = NeedVisibility.Public;
    public string? Materials { get; init; }
    public string? Methods { get; init; }
    public string? Effects { get; init; }
    public string? Products { get; init; }
    public string? Applications { get; init; }

    /// <summary>Field name (as in the form) and the English message of each problem; a chain must be one of <paramref name="taxonomy"/>'s.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate(DateTime now, IndustryTaxonomy taxonomy)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Title)) errors.Add((nameof(Title), "Give the need a title."));
        else if (Title.Trim().Length > Need.MaxTitle) errors.Add((nameof(Title), "The title may have at most 200 characters."));
        if (string.IsNullOrWhiteSpace(Description) || Description.Trim().Length < 20)
            errors.Add((nameof(Description), "Describe the problem in at least 20 characters."));
        else if (Description.Trim().Length > Need.MaxDescription) errors.Add((nameof(Description), "The description may have at most 4000 characters."));
        if (!string.IsNullOrWhiteSpace(ChainId) && taxonomy.Chain(ChainId.Trim()) is null)
            errors.Add((nameof(ChainId), "Choose an industry chain from the list."));
        if (!Enum.IsDefined(Outcome)) errors.Add((nameof(Outcome), "Choose the outcome you want."));
        if (!Enum.IsDefined(Visibility)) errors.Add((nameof(Visibility), "Choose who may see the need."));
        if (BudgetMin < 0 || BudgetMax < 0) errors.Add((nameof(BudgetMin), "A budget cannot be negative."));
        else if (BudgetMin is { } min && BudgetMax is { } max && min > max)
            errors.Add((nameof(BudgetMax), "The budget's upper end must not be below its lower end."));
        if (Deadline is { } deadline && deadline.Date < now.Date) errors.Add((nameof(Deadline), "The deadline must not be in the past."));
        if (Region?.Trim().Length > Need.MaxRegion) errors.Add((nameof(Region), "The region may have at most 100 characters."));
        foreach (var (field, value) in new[] { (nameof(Materials), Materials), (nameof(Methods), Methods), (nameof(Effects), Effects), (nameof(Products), Products), (nameof(Applications), Applications) })
            if (Lines(value).Length > Need.MaxElements) errors.Add((field, "Each list of elements may have at most 1000 characters."));
        return errors;
    }

    /// <summary>Trimmed, de-duplicated, one per line; commas and 、；; also separate.</summary>
    public static string Lines(string? text) => string.Join('\n', Split(text));

    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
}
