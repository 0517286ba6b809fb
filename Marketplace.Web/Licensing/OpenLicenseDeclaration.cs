using Marketplace.Web.Patents;
using Search.Indexer.Records;

namespace Marketplace.Web.Licensing;

/// <summary>Where a declaration stands (开放许可声明): draft → submitted → published → withdrawn, or sent back to the patentee.</summary>
public enum DeclarationStatus
{
    Draft,
    Submitted,
    SentBack,
    Published,
    Withdrawn,
}

/// <summary>How licensees pay: online (Stripe Checkout) or by bank transfer the licensor confirms.</summary>
public enum PaymentChannel
{
    Online,
    BankTransfer,
}

/// <summary>What the patentee declares it knows; the law puts these facts on the patentee (Rule 86).</summary>
public sealed record PatenteeAttestations
{
    /// <summary>Annual fees are paid (年费已缴纳).</summary>
    public bool FeesPaid { get; init; }

    /// <summary>No ownership dispute and no preservation measure (无权属纠纷、未被保全).</summary>
    public bool NoDisputeOrPreservation { get; init; }

    /// <summary>The patent is pledged (质押).</summary>
    public bool Pledged { get; init; }

    /// <summary>The pledgee consents to the open licence (required when pledged).</summary>
    public bool PledgeeConsents { get; init; }

    /// <summary>Every co-owner consents (required when there are co-owners).</summary>
    public bool CoOwnersConsent { get; init; }
}

/// <summary>
/// An open-licence declaration (专利开放许可声明) for one patent or a package of patents under the same
/// terms (Patent Law 2020 art. 50–52; Implementing Rules 2023, rules 85–88). Checks everything the
/// patentee must satisfy before submission, is reviewed and published by an operator, and withdrawn in
/// writing by the patentee; licences already granted stay valid after withdrawal.
/// </summary>
public sealed class OpenLicenseDeclaration
{
    public const int MaxPatents = 50;

    public const int MaxOtherTermsLength = 4000;

    /// <summary>Utility models and designs need a patent-right evaluation report (专利权评价报告) before an open licence (Patent Law art. 50).</summary>
    public static bool NeedsEvaluationReport(DocumentType type) => type is DocumentType.UtilityModel or DocumentType.Design;

    /// <summary>
    /// Words of advertising (广告用语) a declaration must not use: superlatives, guarantees, "exclusive".
    /// Matched case-insensitively anywhere in the free text.
    /// </summary>
    public static readonly IReadOnlyList<string> AdvertisingWords =
    [
        "最佳", "最好", "最优", "最先进", "最低价", "第一", "顶级", "独家", "唯一", "首选", "国家级", "世界领先", "国际领先", "领先", "绝对", "保证", "稳赚",
        "百分之百", "100%", "万能", "极品", "史无前例", "best", "guarantee", "no. 1", "number one", "world-leading", "world leading", "unbeatable", "unique",
    ];

    private readonly List<DeclaredPatent> _patents = [];

    private OpenLicenseDeclaration(Guid id, Guid organizationId, string patenteeName, Guid createdBy, DateTime createdAt)
    {
        Id = id;
        OrganizationId = organizationId;
        PatenteeName = patenteeName;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        Fee = LicenseFee.Free();
        Attestations = new PatenteeAttestations();
    }

    public Guid Id { get; private set; }

    /// <summary>The patentee organisation.</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>专利权人 as declared.</summary>
    public string PatenteeName { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DeclarationStatus Status { get; private set; }

    public IReadOnlyList<DeclaredPatent> Patents => _patents;

    public LicenseFee Fee { get; private set; }

    /// <summary>许可期限: how long each licence runs, from the day it takes effect (never past a patent's expiry).</summary>
    public int TermYears { get; private set; } = 1;

    /// <summary>其他条款.</summary>
    public string? OtherTerms { get; private set; }

    public PaymentChannel PaymentChannel { get; private set; }

    /// <summary>Territory of the licences (中华人民共和国境内 by default).</summary>
    public string Territory { get; private set; } = "中华人民共和国境内 / the People's Republic of China";

    public PatenteeAttestations Attestations { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public Guid? ReviewedBy { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    /// <summary>Why the operator sent it back (shown to the patentee).</summary>
    public string? SendBackReasons { get; private set; }

    /// <summary>The publication reference the operator gives (公告号), unique.</summary>
    public string? PublicationReference { get; private set; }

    public DateOnly? PublishedOn { get; private set; }

    public DateTime? WithdrawnAt { get; private set; }

    public string? WithdrawalReason { get; private set; }

    /// <summary>Bumped on every change, so two people editing at once do not overwrite each other.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>The declaration stands: no exclusive or sole licence may be granted or recorded for its patents.</summary>
    public bool Stands => Status is DeclarationStatus.Submitted or DeclarationStatus.Published;

    public bool IsEditable => Status is DeclarationStatus.Draft or DeclarationStatus.SentBack;

    public static OpenLicenseDeclaration Create(Guid organizationId, string patenteeName, Guid createdBy, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(patenteeName)) throw new LicensingRuleException("Name the patentee.");
        return new OpenLicenseDeclaration(Guid.CreateVersion7(), organizationId, patenteeName.Trim(), createdBy, now);
    }

    /// <summary>Adds a patent as the index describes it now; the facts are refreshed at submission.</summary>
    public DeclaredPatent AddPatent(PatentFacts facts)
    {
        EnsureEditable();
        ArgumentNullException.ThrowIfNull(facts);
        if (_patents.Any(p => p.PatentId == facts.PatentId)) throw new LicensingRuleException("Patent {0} is already in this declaration.", facts.PatentId);
        if (_patents.Count >= MaxPatents) throw new LicensingRuleException("A declaration holds at most {0} patents.", MaxPatents);
        var patent = new DeclaredPatent(Guid.CreateVersion7(), Id, facts);
        _patents.Add(patent);
        Touch();
        return patent;
    }

    /// <summary>Takes the index's current facts before the checks; a patent the index no longer knows keeps its last facts.</summary>
    public void RefreshFacts(IReadOnlyDictionary<string, PatentFacts> facts)
    {
        EnsureEditable();
        foreach (var p in _patents)
            if (facts.TryGetValue(p.PatentId, out var f)) p.Refresh(f);
    }

    public void RemovePatent(string patentId)
    {
        EnsureEditable();
        var patent = _patents.FirstOrDefault(p => p.PatentId == patentId) ?? throw new LicensingRuleException("Patent {0} is not in this declaration.", patentId);
        _patents.Remove(patent);
        Touch();
    }

    /// <summary>Attaches the patent-right evaluation report already stored (see <see cref="EvaluationReports"/>).</summary>
    public void AttachEvaluationReport(string patentId, string storedName, long length)
    {
        EnsureEditable();
        var patent = _patents.FirstOrDefault(p => p.PatentId == patentId) ?? throw new LicensingRuleException("Patent {0} is not in this declaration.", patentId);
        patent.AttachReport(storedName, length);
        Touch();
    }

    public void SetTerms(LicenseFee fee, int termYears, string? otherTerms, PaymentChannel channel, string? territory, PatenteeAttestations attestations)
    {
        EnsureEditable();
        ArgumentNullException.ThrowIfNull(fee);
        ArgumentNullException.ThrowIfNull(attestations);
        if (!Enum.IsDefined(channel)) throw new LicensingRuleException("Choose how licensees pay.");
        if (otherTerms is { Length: > MaxOtherTermsLength }) throw new LicensingRuleException("Other terms may have at most {0} characters.", MaxOtherTermsLength);
        Fee = fee;
        TermYears = termYears;
        OtherTerms = string.IsNullOrWhiteSpace(otherTerms) ? null : otherTerms.Trim();
        PaymentChannel = channel;
        if (!string.IsNullOrWhiteSpace(territory)) Territory = territory.Trim();
        Attestations = attestations;
        Touch();
    }

    /// <summary>
    /// Every pre-submission check, each with its own message: errors block submission, warnings
    /// (fees above the guidance caps) do not. <paramref name="exclusiveLicensed"/> holds the patents
    /// with an exclusive or sole licence in force.
    /// </summary>
    public DeclarationCheck Check(DateOnly today, IReadOnlySet<string> exclusiveLicensed, bool payeeAccountReady = true)
    {
        var errors = new List<LicensingMessage>();
        var warnings = new List<LicensingMessage>();
        if (_patents.Count == 0) errors.Add(new("patents.none", "Add at least one patent."));
        foreach (var p in _patents)
        {
            if (p.LegalStatus != LegalStatus.InForce)
                errors.Add(new("patent.not-in-force", "Patent {0} is not in force: only a granted, maintained patent can be offered.", p.PatentId));
            if (p.Expiry is { } expiry && expiry < today)
                errors.Add(new("patent.expired", "Patent {0} expired on {1:yyyy-MM-dd}.", p.PatentId, expiry));
            if (NeedsEvaluationReport(p.DocumentType) && p.EvaluationReport is null)
                errors.Add(new("patent.evaluation-report", "Patent {0} is a utility model or design: attach its patent-right evaluation report (PDF).", p.PatentId));
            if (exclusiveLicensed.Contains(p.PatentId))
                errors.Add(new("patent.exclusive", "Patent {0} has an exclusive or sole licence in force: it cannot be offered under an open licence.", p.PatentId));
            if (p.CoOwners.Count > 0 && !Attestations.CoOwnersConsent)
                errors.Add(new("patent.co-owners", "Patent {0} has co-owners ({1}): every co-owner must consent.", p.PatentId, string.Join("、", p.CoOwners)));
            if (p.Expiry is { } end && today.AddYears(Math.Max(TermYears, 1)) > end.AddDays(1))
                errors.Add(new("term.past-expiry", "A term of {0} year(s) would run past the expiry of patent {1} on {2:yyyy-MM-dd}.", TermYears, p.PatentId, end));
        }
        if (TermYears < 1) errors.Add(new("term.short", "The licence term is at least one year."));
        if (!Attestations.FeesPaid) errors.Add(new("attest.fees", "Confirm that the annual fees are paid."));
        if (!Attestations.NoDisputeOrPreservation) errors.Add(new("attest.dispute", "Confirm that no ownership dispute or preservation measure concerns the patents."));
        if (Attestations.Pledged && !Attestations.PledgeeConsents) errors.Add(new("attest.pledge", "The patent is pledged: confirm the pledgee consents to the open licence."));
        foreach (var (isError, message) in Fee.Check())
            (isError ? errors : warnings).Add(message);
        if (AdvertisingIn(OtherTerms) is { } word)
            errors.Add(new("terms.advertising", "The other terms use advertising language (\"{0}\"): state the terms plainly.", word));
        if (PaymentChannel == PaymentChannel.Online && Fee.UpfrontYuan > 0 && !payeeAccountReady)
            errors.Add(new("payment.account", "Online payment needs the organisation's payment account: connect it or choose bank transfer."));
        return new DeclarationCheck(errors, warnings);
    }

    /// <summary>Submits for review after every check passed; refused with the first problems otherwise.</summary>
    public DeclarationCheck Submit(DateOnly today, IReadOnlySet<string> exclusiveLicensed, DateTime now, bool payeeAccountReady = true)
    {
        EnsureEditable();
        var check = Check(today, exclusiveLicensed, payeeAccountReady);
        if (!check.CanSubmit) throw new DeclarationRefusedException(check);
        Status = DeclarationStatus.Submitted;
        SubmittedAt = now;
        SendBackReasons = null;
        Touch();
        return check;
    }

    /// <summary>The operator publishes it with the publication reference and date (公告).</summary>
    public void Publish(Guid reviewer, string publicationReference, DateOnly publishedOn, DateTime now)
    {
        if (Status != DeclarationStatus.Submitted) throw new LicensingRuleException("Only a submitted declaration can be published.");
        if (string.IsNullOrWhiteSpace(publicationReference)) throw new LicensingRuleException("Give the publication reference.");
        if (publishedOn > DateOnly.FromDateTime(now).AddDays(1)) throw new LicensingRuleException("The publication date cannot be in the future.");
        if (SubmittedAt is { } submitted && publishedOn < DateOnly.FromDateTime(submitted)) throw new LicensingRuleException("The publication date cannot be before the submission.");
        Status = DeclarationStatus.Published;
        ReviewedBy = reviewer;
        ReviewedAt = now;
        PublicationReference = publicationReference.Trim();
        PublishedOn = publishedOn;
        Touch();
    }

    public void SendBack(Guid reviewer, string reasons, DateTime now)
    {
        if (Status != DeclarationStatus.Submitted) throw new LicensingRuleException("Only a submitted declaration can be sent back.");
        if (string.IsNullOrWhiteSpace(reasons)) throw new LicensingRuleException("Give the reasons for sending it back.");
        Status = DeclarationStatus.SentBack;
        ReviewedBy = reviewer;
        ReviewedAt = now;
        SendBackReasons = reasons.Trim();
        Touch();
    }

    /// <summary>The patentee withdraws in writing; a draft or sent-back one is simply abandoned the same way.</summary>
    public void Withdraw(string reason, DateTime now)
    {
        if (Status == DeclarationStatus.Withdrawn) throw new LicensingRuleException("The declaration is already withdrawn.");
        if (string.IsNullOrWhiteSpace(reason)) throw new LicensingRuleException("Give the reason for the withdrawal.");
        Status = DeclarationStatus.Withdrawn;
        WithdrawnAt = now;
        WithdrawalReason = reason.Trim();
        Touch();
    }

    /// <summary>A licence can be taken now: published and not withdrawn.</summary>
    public void EnsureOpenForLicensing()
    {
        if (Status != DeclarationStatus.Published) throw new LicensingRuleException("This open licence is not available: it is not published or was withdrawn.");
    }

    /// <summary>The day a licence taken on <paramref name="start"/> ends: the term, but never past the first expiry of its patents.</summary>
    public DateOnly LicenseEnd(DateOnly start)
    {
        var end = start.AddYears(TermYears).AddDays(-1);
        foreach (var p in _patents)
            if (p.Expiry is { } expiry && expiry < end) end = expiry;
        return end;
    }

    public static string? AdvertisingIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return AdvertisingWords.FirstOrDefault(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    private void EnsureEditable()
    {
        if (!IsEditable) throw new LicensingRuleException("Only a draft or a declaration sent back can be changed.");
    }

    private void Touch() => Version = Guid.NewGuid();
}

/// <summary>The outcome of the pre-submission checks.</summary>
public sealed record DeclarationCheck(IReadOnlyList<LicensingMessage> Errors, IReadOnlyList<LicensingMessage> Warnings)
{
    public bool CanSubmit => Errors.Count == 0;
}

public sealed class DeclarationRefusedException(DeclarationCheck check)
    : InvalidOperationException("The declaration cannot be submitted: " + string.Join(" ", check.Errors))
{
    public DeclarationCheck Check { get; } = check;
}

/// <summary>What the index says about a patent, taken when it joins a declaration and refreshed at submission.</summary>
public sealed record PatentFacts(
    string PatentId,
    string Title,
    DocumentType DocumentType,
    LegalStatus LegalStatus,
    DateOnly? ApplicationDate,
    DateOnly? Expiry,
    string? IpcSubclass,
    string? Chain,
    IReadOnlyList<string> CoOwners)
{
    /// <summary>
    /// The facts of a record, with the applicants other than the patentee as co-owners. <paramref name="ownerNames"/>
    /// are every name the patentee appears under (registered name, name variants, the claim's applicant name):
    /// an applicant under any of them is the patentee, not a co-owner.
    /// </summary>
    public static PatentFacts From(PatentRecord record, IEnumerable<string?> ownerNames)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(ownerNames);
        var own = ownerNames.Select(Organizations.NameMatchPatentOwnership.Key).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var coOwners = record.Applicants.Select(a => a.Name)
            .Where(n => Organizations.NameMatchPatentOwnership.Key(n) is not { } key || !own.Contains(key))
            .Distinct(StringComparer.Ordinal).ToList();
        return new PatentFacts(
            record.Id,
            record.Title("zh") ?? record.Id,
            record.DocumentType,
            record.LegalStatus,
            record.ApplicationDate,
            PatentTerm.LastDayOfRight(record.DocumentType, record.ApplicationDate, record.LapseDate),
            record.IpcCodes.FirstOrDefault() is { Length: >= 4 } ipc ? ipc[..4] : null,
            Search.Indexer.Engine.LabelFacets.ValuesOf(record, Search.Indexer.Engine.LabelFacets.Chain).FirstOrDefault(),
            coOwners);
    }
}

/// <summary>A patent in a declaration, with the facts the checks read and its evaluation report.</summary>
public sealed class DeclaredPatent
{
    private DeclaredPatent()
    {
        PatentId = "";
        Title = "";
    }

    internal DeclaredPatent(Guid id, Guid declarationId, PatentFacts facts)
    {
        Id = id;
        DeclarationId = declarationId;
        PatentId = facts.PatentId;
        Title = facts.Title;
        Refresh(facts);
    }

    public Guid Id { get; private set; }

    public Guid DeclarationId { get; private set; }

    /// <summary>Canonical publication number, the id in the index.</summary>
    public string PatentId { get; private set; }

    public string Title { get; private set; }

    public DocumentType DocumentType { get; private set; }

    public LegalStatus LegalStatus { get; private set; }

    public DateOnly? ApplicationDate { get; private set; }

    public DateOnly? Expiry { get; private set; }

    public string? IpcSubclass { get; private set; }

    public string? Chain { get; private set; }

    /// <summary>Applicants other than the patentee, one per line (stored as one column).</summary>
    public string CoOwnerNames { get; private set; } = "";

    public IReadOnlyList<string> CoOwners => CoOwnerNames.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Stored file name of the evaluation report under the data folder (never a path from the request).</summary>
    public string? EvaluationReport { get; private set; }

    public long? EvaluationReportLength { get; private set; }

    /// <summary>While an open licence is declared, the annual fee is reduced by 15 % (Implementing Rules, rule 88).</summary>
    public const decimal AnnualFeeReduction = 0.15m;

    internal void Refresh(PatentFacts facts)
    {
        Title = facts.Title;
        DocumentType = facts.DocumentType;
        LegalStatus = facts.LegalStatus;
        ApplicationDate = facts.ApplicationDate;
        Expiry = facts.Expiry;
        IpcSubclass = facts.IpcSubclass;
        Chain = facts.Chain;
        CoOwnerNames = string.Join('\n', facts.CoOwners);
    }

    internal void AttachReport(string storedName, long length)
    {
        EvaluationReport = storedName;
        EvaluationReportLength = length;
    }
}
