using System.Security.Cryptography;
using Marketplace.Web.Organizations;

namespace Marketplace.Web.Contests;

/// <summary>
/// A high-value patent contest (高价值专利大赛): groups (组别), stages with dates (初赛, 复赛, 决赛), the
/// eligibility rules every entry is checked against, and the judges and observers invited to it.
/// Guards its life cycle: draft → announced (entries open) → stages judged and closed one by one →
/// results published. Entries, assignments and scores are their own rows (they change independently);
/// the rules that relate them live in the services (<see cref="ContestService"/>, <see cref="EntryService"/>,
/// <see cref="JudgingService"/>, <see cref="ObserverService"/>) and the pure calculators.
/// </summary>
public sealed class Contest
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(14);

    private readonly List<ContestStage> _stages = [];
    private readonly List<ContestParticipant> _participants = [];

    // For EF Core.
    private Contest()
    {
        Name = Description = "";
        Groups = [];
        Rules = new EligibilityRules();
    }

    private Contest(Guid id, string name, string description, List<string> groups, EligibilityRules rules, Guid createdBy, DateTime createdAt)
    {
        Id = id;
        Name = name;
        Description = description;
        Groups = groups;
        Rules = rules;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Description { get; private set; }

    /// <summary>Group names (e.g. 发明创业组, 发明成长组, 外观设计组); an entry competes in one.</summary>
    public List<string> Groups { get; private set; }

    public EligibilityRules Rules { get; private set; }

    public ContestStatus Status { get; private set; }

    /// <summary>Rank by each judge's z-scores (removes lenient or strict judges' bias) instead of raw weighted scores.</summary>
    public bool NormalizePerJudge { get; private set; }

    /// <summary>How many judges score each entry.</summary>
    public int JudgesPerEntry { get; private set; } = 2;

    /// <summary>Gold, silver and excellence awards given on the final ranking, in this order.</summary>
    public int GoldAwards { get; private set; } = 1;

    public int SilverAwards { get; private set; } = 2;

    public int ExcellenceAwards { get; private set; } = 3;

    public Guid CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? AnnouncedAt { get; private set; }

    public DateTime? ResultsPublishedAt { get; private set; }

    public IReadOnlyList<ContestStage> Stages => _stages.OrderBy(s => s.Order).ToList();

    public IReadOnlyCollection<ContestParticipant> Participants => _participants;

    /// <summary>The first stage not yet closed; null once every stage is closed.</summary>
    public ContestStage? CurrentStage => Stages.FirstOrDefault(s => s.Status != StageStatus.Closed);

    public ContestStage FirstStage => Stages[0];

    public static Contest Create(string name, string description, IEnumerable<string> groups, EligibilityRules rules, Guid operatorId, DateTime now)
    {
        var (validName, groupList) = Validated(name, groups, rules);
        return new Contest(Guid.CreateVersion7(), validName, (description ?? "").Trim(), groupList, rules, operatorId, now);
    }

    /// <summary>
    /// Entries are closed once judging of the first stage has started (or the results are out): from then on the entries
    /// are frozen and judged as they were checked, so the rules they were checked against must not move.
    /// </summary>
    public bool EntriesClosed => Status == ContestStatus.ResultsPublished || (_stages.Count > 0 && FirstStage.Status != StageStatus.Open);

    /// <summary>
    /// Changes what is safe to change until entries close: name, description, groups and eligibility rules (region,
    /// status, patent and entrant types). A group that has entries stays. The caller checks the entries again.
    /// </summary>
    public void ChangeSettings(string name, string description, IEnumerable<string> groups, EligibilityRules rules, IReadOnlyCollection<string> groupsWithEntries)
    {
        if (EntriesClosed) throw new ContestRuleException("Entries are closed: the contest's settings can no longer change.");
        var (validName, groupList) = Validated(name, groups, rules);
        if (groupsWithEntries.FirstOrDefault(g => !groupList.Contains(g, StringComparer.Ordinal)) is { } used)
            throw new ContestRuleException("The group {0} has entries and cannot be removed.", used);
        Name = validName;
        Description = (description ?? "").Trim();
        Groups = groupList;
        Rules = rules;
    }

    private static (string Name, List<string> Groups) Validated(string name, IEnumerable<string> groups, EligibilityRules rules)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ContestRuleException("A contest needs a name.");
        if (name.Trim().Length > 200) throw new ContestRuleException("The name may have at most 200 characters.");
        var groupList = groups.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (groupList.Count == 0) throw new ContestRuleException("A contest needs at least one group.");
        if (groupList.Any(g => g.Length > 100)) throw new ContestRuleException("A group name may have at most 100 characters.");
        rules.Validate();
        return (name.Trim(), groupList);
    }

    /// <summary>Adds a stage after the existing ones; its deadline must follow the previous stage's judging end.</summary>
    public ContestStage AddStage(string name, DateTime submissionDeadline, DateTime judgingEnds, Rubric rubric, Advancement advancement)
    {
        EnsureDraft();
        if (string.IsNullOrWhiteSpace(name)) throw new ContestRuleException("A stage needs a name.");
        if (judgingEnds <= submissionDeadline) throw new ContestRuleException("Judging must end after the submission deadline.");
        if (_stages.Count > 0 && submissionDeadline < Stages[^1].JudgingEnds)
            throw new ContestRuleException("A stage starts after the previous stage's judging ends.");
        rubric.Validate();
        advancement.Validate();
        var stage = new ContestStage(Guid.CreateVersion7(), Id, _stages.Count + 1, name.Trim(), submissionDeadline, judgingEnds, rubric, advancement);
        _stages.Add(stage);
        return stage;
    }

    public void ChangeRubric(Guid stageId, Rubric rubric)
    {
        var stage = StageById(stageId);
        if (stage.Status != StageStatus.Open) throw new ContestRuleException("The rubric is fixed once judging has started.");
        rubric.Validate();
        stage.ChangeRubric(rubric);
    }

    public void Configure(bool normalizePerJudge, int judgesPerEntry, int gold, int silver, int excellence)
    {
        if (Status == ContestStatus.ResultsPublished) throw new ContestRuleException("The results are published; the contest can no longer change.");
        if (judgesPerEntry is < 1 or > 20) throw new ContestRuleException("Each entry needs between 1 and 20 judges.");
        if (gold < 0 || silver < 0 || excellence < 0 || gold + silver + excellence == 0)
            throw new ContestRuleException("Give at least one award.");
        NormalizePerJudge = normalizePerJudge;
        JudgesPerEntry = judgesPerEntry;
        GoldAwards = gold;
        SilverAwards = silver;
        ExcellenceAwards = excellence;
    }

    /// <summary>Publishes the announcement: entries may be submitted until the first stage's deadline.</summary>
    public void Announce(DateTime now)
    {
        EnsureDraft();
        if (_stages.Count == 0) throw new ContestRuleException("Add at least one stage before announcing.");
        Status = ContestStatus.Announced;
        AnnouncedAt = now;
    }

    public ContestStage StageById(Guid stageId) =>
        _stages.FirstOrDefault(s => s.Id == stageId) ?? throw new ContestRuleException("The stage is not part of this contest.");

    /// <summary>Entries can be created or changed only while the contest is announced and before the first stage's deadline.</summary>
    public bool AcceptsEntries(DateTime now) =>
        Status == ContestStatus.Announced && FirstStage.Status == StageStatus.Open && now < FirstStage.SubmissionDeadline;

    /// <summary>Stops submissions and starts judging the current stage (the operator then assigns judges).</summary>
    public ContestStage StartJudging(DateTime now)
    {
        if (Status != ContestStatus.Announced) throw new ContestRuleException("Only an announced contest can be judged.");
        var stage = CurrentStage ?? throw new ContestRuleException("Every stage is already closed.");
        stage.StartJudging(now);
        return stage;
    }

    public ContestStage CloseCurrentStage(DateTime now)
    {
        var stage = CurrentStage ?? throw new ContestRuleException("Every stage is already closed.");
        stage.Close(now);
        return stage;
    }

    public void PublishResults(DateTime now)
    {
        if (Status != ContestStatus.Announced || CurrentStage is not null)
            throw new ContestRuleException("Results can be published once every stage is closed.");
        Status = ContestStatus.ResultsPublished;
        ResultsPublishedAt = now;
    }

    /// <summary>Invites a judge or an observer by e-mail; returns the secret token for the link (only its hash is kept).</summary>
    public (ContestParticipant Participant, string Token) Invite(string email, ParticipantRole role, Guid invitedBy, DateTime now)
    {
        if (!Enum.IsDefined(role)) throw new ContestRuleException("Unknown contest role.");
        if (Status == ContestStatus.ResultsPublished) throw new ContestRuleException("The results are published; the contest can no longer change.");
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.Trim().Length > 256)
            throw new ContestRuleException("Enter a valid e-mail address.");
        email = Organization.NormalizeEmail(email);
        if (_participants.Any(p => p.Email == email && p.Role == role && (p.AcceptedAt is not null || p.IsOpen(now))))
            throw new ContestRuleException("This address is already invited in this role.");
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var participant = new ContestParticipant(Guid.CreateVersion7(), Id, email, role, Organization.HashToken(token), invitedBy, now, now + InvitationLifetime);
        _participants.Add(participant);
        return (participant, token);
    }

    /// <summary>The signed-in person accepts; the invitation must be open and addressed to them.</summary>
    public void Accept(ContestParticipant invitation, Guid userId, string userEmail, Guid? userOrganizationId, DateTime now)
    {
        if (!_participants.Contains(invitation)) throw new ContestRuleException("The invitation is not for this contest.");
        if (!invitation.IsOpen(now)) throw new ContestRuleException("The invitation has expired or was already used.");
        if (!string.Equals(invitation.Email, Organization.NormalizeEmail(userEmail), StringComparison.Ordinal))
            throw new ContestRuleException("The invitation was sent to another e-mail address.");
        if (_participants.Any(p => p.UserId == userId && p.Role == invitation.Role))
            throw new ContestRuleException("You already take part in this contest in this role.");
        invitation.MarkAccepted(userId, userOrganizationId, now);
    }

    public ContestParticipant? Judge(Guid userId) => _participants.FirstOrDefault(p => p.Role == ParticipantRole.Judge && p.UserId == userId);

    public ContestParticipant? Observer(Guid userId) => _participants.FirstOrDefault(p => p.Role == ParticipantRole.Observer && p.UserId == userId);

    public IEnumerable<ContestParticipant> ActiveJudges => _participants.Where(p => p.Role == ParticipantRole.Judge && p.UserId is not null);

    private void EnsureDraft()
    {
        if (Status != ContestStatus.Draft) throw new ContestRuleException("Only a draft contest can change its stages.");
    }
}

public enum ContestStatus
{
    Draft = 0,
    /// <summary>Announced publicly; entries open until the first stage's deadline.</summary>
    Announced = 1,
    ResultsPublished = 2,
}

public enum StageStatus
{
    /// <summary>Entries can be submitted (first stage) or are waiting (later stages).</summary>
    Open = 0,
    Judging = 1,
    Closed = 2,
}

public enum ParticipantRole
{
    Judge = 1,
    /// <summary>Investors, industrial parks: see the entries and tag their interest.</summary>
    Observer = 2,
}

/// <summary>One stage (初赛 / 复赛 / 决赛) with its dates, rubric and rule for advancing.</summary>
public sealed class ContestStage
{
    // For EF Core.
    private ContestStage()
    {
        Name = string.Empty;
        Rubric = Rubric.Default;
        Advancement = Advancement.Top(1);
    }

    internal ContestStage(Guid id, Guid contestId, int order, string name, DateTime submissionDeadline, DateTime judgingEnds, Rubric rubric, Advancement advancement)
    {
        Id = id;
        ContestId = contestId;
        Order = order;
        Name = name;
        SubmissionDeadline = submissionDeadline;
        JudgingEnds = judgingEnds;
        Rubric = rubric;
        Advancement = advancement;
    }

    public Guid Id { get; private set; }

    public Guid ContestId { get; private set; }

    /// <summary>1, 2, 3 …</summary>
    public int Order { get; private set; }

    public string Name { get; private set; }

    /// <summary>UTC; entries are editable until then (first stage), then frozen.</summary>
    public DateTime SubmissionDeadline { get; private set; }

    /// <summary>UTC; the planned end of judging (shown in the announcement).</summary>
    public DateTime JudgingEnds { get; private set; }

    public Rubric Rubric { get; private set; }

    public Advancement Advancement { get; private set; }

    public StageStatus Status { get; private set; }

    public DateTime? JudgingStartedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    internal void ChangeRubric(Rubric rubric) => Rubric = rubric;

    internal void StartJudging(DateTime now)
    {
        if (Status != StageStatus.Open) throw new ContestRuleException("Judging of this stage has already started.");
        Status = StageStatus.Judging;
        JudgingStartedAt = now;
    }

    internal void Close(DateTime now)
    {
        if (Status != StageStatus.Judging) throw new ContestRuleException("Only a stage being judged can be closed.");
        Status = StageStatus.Closed;
        ClosedAt = now;
    }
}

/// <summary>A judge or observer, invited by e-mail; becomes a person (<see cref="UserId"/>) on acceptance.</summary>
public sealed class ContestParticipant
{
    // For EF Core.
    private ContestParticipant()
    {
        Email = TokenHash = "";
    }

    internal ContestParticipant(Guid id, Guid contestId, string email, ParticipantRole role, string tokenHash, Guid invitedBy, DateTime invitedAt, DateTime expiresAt)
    {
        Id = id;
        ContestId = contestId;
        Email = email;
        Role = role;
        TokenHash = tokenHash;
        InvitedBy = invitedBy;
        InvitedAt = invitedAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid ContestId { get; private set; }

    public string Email { get; private set; }

    public ParticipantRole Role { get; private set; }

    public string TokenHash { get; private set; }

    public Guid InvitedBy { get; private set; }

    public DateTime InvitedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? AcceptedAt { get; private set; }

    public Guid? UserId { get; private set; }

    /// <summary>The organisation the person acted for when accepting: a judge never scores its entries.</summary>
    public Guid? OrganizationId { get; private set; }

    /// <summary>Organisations the judge declared a conflict of interest with (former employer, client, co-applicant…).</summary>
    public List<Guid> DeclaredConflicts { get; private set; } = [];

    public bool IsOpen(DateTime now) => AcceptedAt is null && now < ExpiresAt;

    internal void MarkAccepted(Guid userId, Guid? organizationId, DateTime now)
    {
        UserId = userId;
        OrganizationId = organizationId;
        AcceptedAt = now;
    }

    public void DeclareConflict(Guid organizationId)
    {
        if (Role != ParticipantRole.Judge) throw new ContestRuleException("Only judges declare conflicts of interest.");
        if (!DeclaredConflicts.Contains(organizationId)) DeclaredConflicts = [.. DeclaredConflicts, organizationId];
    }

    /// <summary>Same organisation or a declared conflict.</summary>
    public bool ConflictsWith(Guid organizationId) =>
        OrganizationId == organizationId || DeclaredConflicts.Contains(organizationId);
}

/// <summary>A contest refused an illegal change; the message is English and is localised by the page that shows it.</summary>
public sealed class ContestRuleException(string message, params object[] arguments) : InvalidOperationException(message)
{
    /// <summary>Values for the message's {0}, {1} placeholders (the message itself is the localisation key).</summary>
    public IReadOnlyList<object> Arguments { get; } = arguments;
}
