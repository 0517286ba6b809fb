namespace Marketplace.Web.Needs;

/// <summary>Stages of the operators' pipeline (撮合进度), in order; Lost can end any open stage.</summary>
public enum DealStage
{
    New = 1,
    Screened = 2,
    Matched = 3,
    Contacted = 4,
    Negotiating = 5,
    Agreed = 6,
    Closed = 7,
    Lost = 8,
}

/// <summary>What an agreed deal became.</summary>
public enum AgreementKind
{
    License = 1,
    Transfer = 2,
    JointProject = 3,
}

/// <summary>Where a deal came from: an enterprise's need, or an observer's interest in a contest entry (a lead).</summary>
public enum DealSource
{
    Need = 1,
    ContestInterest = 2,
}

/// <summary>
/// The signed contract of a transfer or joint project. The platform has no contract records of its own for
/// these (only licences taken on the platform are records, <see cref="Licensing.LicenseOrder"/>), so the deal
/// keeps a validated reference: number, signing date and, optionally, the signed PDF.
/// </summary>
public sealed record ContractReference(string Number, DateOnly SignedOn, string? DocumentName = null)
{
    /// <summary>The English message of the first problem, or null.</summary>
    public string? Problem(DateOnly today) =>
        string.IsNullOrWhiteSpace(Number) ? "A transfer or joint project needs the contract number."
        : Number.Trim().Length > Deal.MaxContract ? "The contract number may have at most 100 characters."
        : SignedOn > today ? "The contract's signing date must not be in the future."
        : SignedOn < new DateOnly(1985, 1, 1) ? "The contract's signing date is not plausible."
        : null;
}

/// <summary>
/// The operators' record of brokering one need (运营机构促对接) or one lead from a contest observer's
/// interest: stage, assigned operator, due date, notes and the full history of every change. Stages move
/// forward only (skipping is allowed, going back is not); Agreed needs the kind of agreement and its record
/// (a licence taken on the platform, or a signed contract's reference); Closed follows Agreed; Lost ends
/// any open stage; a closed or lost deal does not move again.
/// </summary>
public sealed class Deal
{
    public const int MaxNote = 2000, MaxContract = 100, MaxTitle = 200, MaxPatents = 2000;

    private readonly List<DealEvent> _history = [];

    private Deal(Guid id, Guid? needId, DateTime createdAt)
    {
        Id = id;
        NeedId = needId;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The need brokered; null for a lead from a contest.</summary>
    public Guid? NeedId { get; private set; }

    public DealSource Source { get; private set; } = DealSource.Need;

    /// <summary>What the board shows for a lead (the contest entry's title); empty for a need's deal (the need has its title).</summary>
    public string Title { get; private set; } = "";

    /// <summary>The observer interest that opened the lead (unique, no foreign key: the lead outlives the tag).</summary>
    public Guid? ObserverInterestId { get; private set; }

    public Guid? ContestEntryId { get; private set; }

    /// <summary>The organisation that showed interest (the observer's), if they act for one.</summary>
    public Guid? InterestedOrganizationId { get; private set; }

    /// <summary>The person who showed interest.</summary>
    public Guid? InterestedUserId { get; private set; }

    /// <summary>The patents concerned (a lead's entry patents), one per line.</summary>
    public string PatentIds { get; private set; } = "";

    public DealStage Stage { get; private set; } = DealStage.New;

    public Guid? AssignedOperatorId { get; private set; }

    public DateTime? DueDate { get; private set; }

    public AgreementKind? Agreement { get; private set; }

    /// <summary>The proposal (and so the university) the agreement was reached with.</summary>
    public Guid? ProposalId { get; private set; }

    /// <summary>The licence taken on the platform that an agreed licence is (validated: exists, parties match).</summary>
    public Guid? LicenseOrderId { get; private set; }

    /// <summary>The contract number of a transfer or joint project.</summary>
    public string? ContractNumber { get; private set; }

    public DateOnly? ContractSignedOn { get; private set; }

    /// <summary>The stored name of the signed contract's PDF, if one was uploaded.</summary>
    public string? ContractDocument { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyCollection<DealEvent> History => _history;

    public bool IsOpen => Stage is not (DealStage.Closed or DealStage.Lost);

    public IReadOnlyList<string> Patents => NeedDraft.Split(PatentIds);

    public static Deal Open(Guid needId, Guid? actorId, DateTime now)
    {
        var deal = new Deal(Guid.CreateVersion7(), needId, now);
        deal.Record(actorId, now, "created", null, DealStage.New.ToString());
        return deal;
    }

    /// <summary>A lead from an observer's interest in a contest entry (观察员意向): at stage New, with the entry's patents.</summary>
    public static Deal OpenLead(Guid observerInterestId, Guid entryId, string entryTitle, IEnumerable<string> patentIds, Guid? interestedOrganizationId,
        Guid interestedUserId, string tags, DateTime now)
    {
        var title = (entryTitle ?? "").Trim();
        var deal = new Deal(Guid.CreateVersion7(), null, now)
        {
            Source = DealSource.ContestInterest,
            Title = title.Length > MaxTitle ? title[..MaxTitle] : title,
            ObserverInterestId = observerInterestId,
            ContestEntryId = entryId,
            InterestedOrganizationId = interestedOrganizationId,
            InterestedUserId = interestedUserId,
            PatentIds = string.Join('\n', patentIds.Distinct(StringComparer.Ordinal)),
        };
        if (deal.PatentIds.Length > MaxPatents) deal.PatentIds = deal.PatentIds[..MaxPatents];
        deal.Record(interestedUserId, now, "created", null, DealStage.New.ToString(), tags);
        return deal;
    }

    /// <summary>The stages this deal may move to now.</summary>
    public IReadOnlyList<DealStage> NextStages() => Stage switch
    {
        DealStage.Closed or DealStage.Lost => [],
        DealStage.Agreed => [DealStage.Closed, DealStage.Lost],
        _ => [.. Enum.GetValues<DealStage>().Where(s => s > Stage && s <= DealStage.Agreed), DealStage.Lost],
    };

    public void MoveTo(DealStage stage, Guid actorId, DateTime now, string? reason = null)
    {
        if (!Enum.IsDefined(stage)) throw new NeedRuleException("Unknown stage.");
        if (stage == DealStage.Agreed) throw new NeedRuleException("Record the agreement to move a deal to agreed.");
        if (!IsOpen) throw new NeedRuleException("A closed or lost deal does not move again.");
        if (stage == Stage) throw new NeedRuleException("The deal is already at this stage.");
        if (!NextStages().Contains(stage)) throw new NeedRuleException("A deal moves forward only, and is closed only after an agreement.");
        if (stage == DealStage.Lost && string.IsNullOrWhiteSpace(reason)) throw new NeedRuleException("Say why the deal was lost.");
        var from = Stage;
        Stage = stage;
        Record(actorId, now, "stage", from.ToString(), stage.ToString(), reason);
    }

    /// <summary>
    /// Agreed as a licence: <paramref name="licenseOrderId"/> names the licence record (the caller checked it exists and
    /// that its parties are the deal's), and the history shows its <paramref name="licenceReference"/> (OL-…), the
    /// number people know it by. Agreed as a transfer or joint project: the contract's reference.
    /// </summary>
    public void Agree(AgreementKind kind, Guid? proposalId, Guid? licenseOrderId, ContractReference? contract, Guid actorId, DateTime now, string? licenceReference = null)
    {
        if (!Enum.IsDefined(kind)) throw new NeedRuleException("Choose the kind of agreement.");
        if (!NextStages().Contains(DealStage.Agreed)) throw new NeedRuleException("Only an open deal before agreement can be agreed.");
        if (kind == AgreementKind.License)
        {
            if (licenseOrderId is null) throw new NeedRuleException("An agreed licence needs the licence record: choose the licence taken on the platform.");
            contract = null;
        }
        else
        {
            if (contract is null) throw new NeedRuleException("A transfer or joint project needs the contract number.");
            if (contract.Problem(DateOnly.FromDateTime(now)) is { } problem) throw new NeedRuleException(problem);
            licenseOrderId = null;
        }
        var from = Stage;
        Stage = DealStage.Agreed;
        Agreement = kind;
        ProposalId = proposalId;
        LicenseOrderId = licenseOrderId;
        ContractNumber = contract?.Number.Trim();
        ContractSignedOn = contract?.SignedOn;
        ContractDocument = contract?.DocumentName;
        Record(actorId, now, "stage", from.ToString(), DealStage.Agreed.ToString(), ContractNumber ?? (licenseOrderId is null ? null : licenceReference ?? licenseOrderId.ToString()));
    }

    public void Assign(Guid? operatorId, Guid actorId, DateTime now)
    {
        if (!IsOpen) throw new NeedRuleException("A closed or lost deal does not change.");
        var from = AssignedOperatorId;
        AssignedOperatorId = operatorId;
        Record(actorId, now, "assigned", from?.ToString(), operatorId?.ToString());
    }

    public void SetDueDate(DateTime? due, Guid actorId, DateTime now)
    {
        if (!IsOpen) throw new NeedRuleException("A closed or lost deal does not change.");
        if (due is { } d && d.Date < now.Date) throw new NeedRuleException("The due date must not be in the past.");
        var from = DueDate;
        DueDate = due?.Date;
        Record(actorId, now, "due", from?.ToString("yyyy-MM-dd"), DueDate?.ToString("yyyy-MM-dd"));
    }

    public void AddNote(string text, Guid actorId, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new NeedRuleException("Write the note.");
        if (text.Trim().Length > MaxNote) throw new NeedRuleException("A note may have at most 2000 characters.");
        Record(actorId, now, "note", null, null, text.Trim());
    }

    /// <summary>The observer's interest tags as last recorded (a lead's history keeps every change).</summary>
    public string? InterestTags() => _history.Where(h => h.Kind is "created" or "interest").OrderBy(h => h.At).ThenBy(h => h.Id).LastOrDefault()?.Text;

    /// <summary>The observer changed their tags: noted, whatever the stage (the lead is history, not a mirror of the tag).</summary>
    public void InterestChanged(string tags, Guid observerUserId, DateTime now)
    {
        if (Source != DealSource.ContestInterest) throw new NeedRuleException("Only a lead from a contest follows an observer's interest.");
        Record(observerUserId, now, "interest", null, null, tags);
    }

    private void Record(Guid? actorId, DateTime now, string kind, string? from, string? to, string? text = null)
    {
        _history.Add(new DealEvent(Guid.CreateVersion7(), Id, now, actorId, kind, from, to, text?.Trim()));
        UpdatedAt = now;
    }
}

/// <summary>One change of a deal: who, when, what (created, stage, assigned, due, note), from and to.</summary>
public sealed class DealEvent
{
    internal DealEvent(Guid id, Guid dealId, DateTime at, Guid? actorId, string kind, string? from, string? to, string? text)
    {
        Id = id;
        DealId = dealId;
        At = at;
        ActorId = actorId;
        Kind = kind;
        From = from;
        To = to;
        Text = text;
    }

    public Guid Id { get; private set; }

    public Guid DealId { get; private set; }

    public DateTime At { get; private set; }

    public Guid? ActorId { get; private set; }

    public string Kind { get; private set; }

    public string? From { get; private set; }

    public string? To { get; private set; }

    public string? Text { get; private set; }
}

/// <summary>A patent the saved-need alert already reported (or found at posting), and whether an open licence was known then.</summary>
public sealed class NeedAlertSeen
{
    public NeedAlertSeen(Guid needId, string patentId, bool openLicense, DateTime seenAt)
    {
        NeedId = needId;
        PatentId = patentId;
        OpenLicense = openLicense;
        SeenAt = seenAt;
    }

    public Guid NeedId { get; private set; }

    public string PatentId { get; private set; }

    public bool OpenLicense { get; private set; }

    public DateTime SeenAt { get; private set; }

    public void LicenseOpened(DateTime now)
    {
        OpenLicense = true;
        SeenAt = now;
    }
}
