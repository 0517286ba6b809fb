using System.Globalization;

namespace Marketplace.Web.Acquisition;

/// <summary>Where a candidate stands: candidate → valued → approached → negotiating → acquired | declined | dropped.</summary>
public enum CandidateStage
{
    Candidate,
    Valued,
    Approached,
    Negotiating,
    Acquired,
    Declined,
    Dropped,
}

/// <summary>
/// An acquisition pool (收储池): an operator's or fund's list of patents it may buy, screened from the index, valued,
/// approached and, some of them, acquired. The acquired candidates of all pools are the operator's portfolio.
/// </summary>
public sealed class AcquisitionPool
{
    public const int MaxNameLength = 100;
    public const int MaxPurposeLength = 1000;

    private readonly List<AcquisitionCandidate> _candidates = [];

    private AcquisitionPool()
    {
        Reference = Name = Purpose = HolderName = "";
    }

    public Guid Id { get; private set; }

    /// <summary>SC-yyyyMMdd-xxxxxxxx, quoted in notices and audit entries.</summary>
    public string Reference { get; private set; }

    public string Name { get; private set; }

    public string Purpose { get; private set; }

    public string? ChainId { get; private set; }

    /// <summary>Who acquires: the operator's organisation, or the platform's operating body when the operator acts for none.</summary>
    public string HolderName { get; private set; }

    /// <summary>
    /// The organisation that acquires, which owns the pool's acquired patents on the platform; null when the platform's
    /// operating body acquires, and for pools created before the holder was recorded.
    /// </summary>
    public Guid? HolderOrganizationId { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public IReadOnlyList<AcquisitionCandidate> Candidates => _candidates;

    public static AcquisitionPool Create(string? name, string? purpose, string? chainId, string holderName, Guid? holderOrganizationId, Guid userId, DateTime now)
    {
        var trimmedName = (name ?? "").Trim();
        if (trimmedName.Length == 0) throw new AcquisitionRuleException(AcquisitionFields.Name, "Name the pool.");
        if (trimmedName.Length > MaxNameLength) throw new AcquisitionRuleException(AcquisitionFields.Name, "The pool's name is at most {0} characters.", MaxNameLength);
        var trimmedPurpose = (purpose ?? "").Trim();
        if (trimmedPurpose.Length == 0) throw new AcquisitionRuleException(AcquisitionFields.Purpose, "Say what the pool is for (its purpose).");
        if (trimmedPurpose.Length > MaxPurposeLength) throw new AcquisitionRuleException(AcquisitionFields.Purpose, "The purpose is at most {0} characters.", MaxPurposeLength);
        var id = Guid.NewGuid();
        return new AcquisitionPool
        {
            Id = id,
            Reference = "SC-" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + id.ToString("N")[^8..].ToUpperInvariant(),
            Name = trimmedName,
            Purpose = trimmedPurpose,
            ChainId = string.IsNullOrWhiteSpace(chainId) ? null : chainId.Trim(),
            HolderName = holderName,
            HolderOrganizationId = holderOrganizationId,
            CreatedBy = userId,
            CreatedAt = now,
        };
    }

    /// <summary>Adds the patent unless the pool already holds it; returns the new candidate or null.</summary>
    public AcquisitionCandidate? Add(CandidateSnapshot patent, Guid userId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(patent);
        if (_candidates.Any(c => c.PatentId == patent.PatentId)) return null;
        var candidate = new AcquisitionCandidate(Id, patent, userId, now);
        _candidates.Add(candidate);
        return candidate;
    }
}

/// <summary>What the pool keeps of a patent when it is added (the index may change later).</summary>
public sealed record CandidateSnapshot(string PatentId, string Title, string OwnerName, string? ChainId, double? ValueIndex, bool Sleeping);

/// <summary>A patent in a pool, with the snapshot taken when it was added, its stage and, once acquired, the price and date.</summary>
public sealed class AcquisitionCandidate
{
    public const int MaxNoteLength = 2000;

    private static readonly Dictionary<CandidateStage, CandidateStage[]> Moves = new()
    {
        // An acquisition agreed off the platform may be recorded without an approach recorded first.
        [CandidateStage.Candidate] = [CandidateStage.Valued, CandidateStage.Approached, CandidateStage.Acquired, CandidateStage.Dropped],
        [CandidateStage.Valued] = [CandidateStage.Approached, CandidateStage.Acquired, CandidateStage.Dropped],
        [CandidateStage.Approached] = [CandidateStage.Negotiating, CandidateStage.Acquired, CandidateStage.Declined, CandidateStage.Dropped],
        [CandidateStage.Negotiating] = [CandidateStage.Acquired, CandidateStage.Declined, CandidateStage.Dropped],
        // A declined approach may be renewed once (a new offer), which approaches the owner again.
        [CandidateStage.Declined] = [CandidateStage.Approached, CandidateStage.Dropped],
        [CandidateStage.Acquired] = [],
        [CandidateStage.Dropped] = [],
    };

    private AcquisitionCandidate()
    {
        PatentId = Title = OwnerName = "";
    }

    internal AcquisitionCandidate(Guid poolId, CandidateSnapshot patent, Guid userId, DateTime now)
    {
        Id = Guid.NewGuid();
        PoolId = poolId;
        PatentId = patent.PatentId;
        Title = patent.Title;
        OwnerName = patent.OwnerName;
        ChainId = patent.ChainId;
        ValueIndex = patent.ValueIndex;
        Sleeping = patent.Sleeping;
        Stage = CandidateStage.Candidate;
        AddedBy = userId;
        AddedAt = StageChangedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid PoolId { get; private set; }

    public string PatentId { get; private set; }

    public string Title { get; private set; }

    /// <summary>The patentees as the index names them when the patent was added.</summary>
    public string OwnerName { get; private set; }

    public string? ChainId { get; private set; }

    public double? ValueIndex { get; private set; }

    public bool Sleeping { get; private set; }

    public CandidateStage Stage { get; private set; }

    public Guid AddedBy { get; private set; }

    public DateTime AddedAt { get; private set; }

    public DateTime StageChangedAt { get; private set; }

    /// <summary>The contact note of an approach made off the platform (the owner is no registered organisation).</summary>
    public string? OfflineNote { get; private set; }

    public long? PricePaidFen { get; private set; }

    public DateOnly? AcquiredOn { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool IsOpen => Stage is not (CandidateStage.Acquired or CandidateStage.Dropped);

    public bool CanMoveTo(CandidateStage stage) => Moves[Stage].Contains(stage);

    public void MoveTo(CandidateStage stage, DateTime now)
    {
        if (!CanMoveTo(stage)) throw new AcquisitionRuleException("", "A candidate at stage {0} cannot move to {1}.", Stage, stage);
        Stage = stage;
        StageChangedAt = now;
        Version = Guid.NewGuid();
    }

    public void ApproachOffline(string? note, DateTime now)
    {
        var text = (note ?? "").Trim();
        if (text.Length == 0) throw new AcquisitionRuleException(AcquisitionFields.Note, "Write the contact note: whom you approached, how and what was said.");
        if (text.Length > MaxNoteLength) throw new AcquisitionRuleException(AcquisitionFields.Note, "The contact note is at most {0} characters.", MaxNoteLength);
        if (Stage != CandidateStage.Approached) MoveTo(CandidateStage.Approached, now);
        OfflineNote = text;
        Version = Guid.NewGuid();
    }

    /// <summary>The owner agreed: the price paid and the date are recorded; the patent joins the portfolio.</summary>
    public void Acquire(long priceFen, DateOnly on, DateOnly today, DateTime now)
    {
        if (priceFen <= 0) throw new AcquisitionRuleException(AcquisitionFields.Price, "The price paid is an amount in yuan greater than zero.");
        if (on > today) throw new AcquisitionRuleException(AcquisitionFields.Date, "The acquisition date cannot be in the future.");
        MoveTo(CandidateStage.Acquired, now);
        PricePaidFen = priceFen;
        AcquiredOn = on;
    }
}
