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

/// <summary>
/// The operators' record of brokering one need (运营机构促对接): stage, assigned operator, due date,
/// notes and the full history of every change. Stages move forward only (skipping is allowed, going back
/// is not); Agreed needs the kind of agreement; Closed follows Agreed; Lost ends any open stage; a closed
/// or lost deal does not move again. An agreed deal keeps the licence or contract reference (no foreign
/// key: the licensing records belong to another feature and are linked when merged).
/// </summary>
public sealed class Deal
{
    public const int MaxNote = 2000, MaxContract = 100;

    private readonly List<DealEvent> _history = [];

    private Deal(Guid id, Guid needId, DateTime createdAt)
    {
        Id = id;
        NeedId = needId;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid NeedId { get; private set; }

    public DealStage Stage { get; private set; } = DealStage.New;

    public Guid? AssignedOperatorId { get; private set; }

    public DateTime? DueDate { get; private set; }

    public AgreementKind? Agreement { get; private set; }

    /// <summary>The proposal (and so the university) the agreement was reached with.</summary>
    public Guid? ProposalId { get; private set; }

    /// <summary>The licence record (licensing feature) of an agreed licence; no foreign key yet.</summary>
    public Guid? LicenseReference { get; private set; }

    /// <summary>A contract number for a transfer or joint project (or a licence signed outside the platform).</summary>
    public string? ContractNumber { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyCollection<DealEvent> History => _history;

    public bool IsOpen => Stage is not (DealStage.Closed or DealStage.Lost);

    public static Deal Open(Guid needId, Guid? actorId, DateTime now)
    {
        var deal = new Deal(Guid.CreateVersion7(), needId, now);
        deal.Record(actorId, now, "created", null, DealStage.New.ToString());
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

    public void Agree(AgreementKind kind, Guid? proposalId, Guid? licenseReference, string? contractNumber, Guid actorId, DateTime now)
    {
        if (!Enum.IsDefined(kind)) throw new NeedRuleException("Choose the kind of agreement.");
        if (!NextStages().Contains(DealStage.Agreed)) throw new NeedRuleException("Only an open deal before agreement can be agreed.");
        if (contractNumber?.Trim().Length > MaxContract) throw new NeedRuleException("The contract number may have at most 100 characters.");
        if (kind == AgreementKind.License && licenseReference is null && string.IsNullOrWhiteSpace(contractNumber))
            throw new NeedRuleException("An agreed licence needs the licence record or a contract number.");
        if (kind != AgreementKind.License && string.IsNullOrWhiteSpace(contractNumber))
            throw new NeedRuleException("A transfer or joint project needs the contract number.");
        var from = Stage;
        Stage = DealStage.Agreed;
        Agreement = kind;
        ProposalId = proposalId;
        LicenseReference = licenseReference;
        ContractNumber = string.IsNullOrWhiteSpace(contractNumber) ? null : contractNumber.Trim();
        Record(actorId, now, "stage", from.ToString(), DealStage.Agreed.ToString(), ContractNumber ?? licenseReference?.ToString());
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
