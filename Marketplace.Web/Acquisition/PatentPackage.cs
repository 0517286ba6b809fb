using System.Globalization;

namespace Marketplace.Web.Acquisition;

/// <summary>How a package is offered: a licence of every patent in it, or their transfer.</summary>
public enum PackageDeal
{
    Licence,
    Transfer,
}

/// <summary>
/// A package (专利组合 / 专利池): patents of the portfolio or high-value patents of one industry chain, offered as one with
/// one asking price (or 面议) and one contract whose schedule lists every patent.
/// </summary>
public sealed class PatentPackage
{
    public const int MinPatents = 2;
    public const int MaxPatents = 100;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 2000;

    private readonly List<PackagedPatent> _patents = [];

    private PatentPackage()
    {
        Reference = Name = Description = HolderName = "";
    }

    public Guid Id { get; private set; }

    /// <summary>ZL-yyyyMMdd-xxxxxxxx, also the contract's number.</summary>
    public string Reference { get; private set; }

    public string Name { get; private set; }

    public string? ChainId { get; private set; }

    public string Description { get; private set; }

    /// <summary>Null for 面议.</summary>
    public long? AskingPriceFen { get; private set; }

    public PackageDeal Deal { get; private set; }

    public string HolderName { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public IReadOnlyList<PackagedPatent> Patents => _patents;

    internal static PatentPackage Create(string? name, string? chainId, string? description, IReadOnlyList<CandidateSnapshot> patents, long? askingPriceFen, PackageDeal deal,
        string holderName, Guid userId, DateTime now)
    {
        var trimmedName = (name ?? "").Trim();
        if (trimmedName.Length == 0) throw new AcquisitionRuleException(AcquisitionFields.Name, "Name the package.");
        if (trimmedName.Length > MaxNameLength) throw new AcquisitionRuleException(AcquisitionFields.Name, "The package's name is at most {0} characters.", MaxNameLength);
        var text = (description ?? "").Trim();
        if (text.Length == 0) throw new AcquisitionRuleException(AcquisitionFields.Description, "Describe the package: what its patents cover together and for whom.");
        if (text.Length > MaxDescriptionLength) throw new AcquisitionRuleException(AcquisitionFields.Description, "The description is at most {0} characters.", MaxDescriptionLength);
        if (askingPriceFen is <= 0) throw new AcquisitionRuleException(AcquisitionFields.Price, "The asking price is an amount in yuan greater than zero, or mark it negotiable.");
        var distinct = patents.DistinctBy(p => p.PatentId).ToList();
        if (distinct.Count < MinPatents) throw new AcquisitionRuleException(AcquisitionFields.Patents, "A package holds at least {0} patents.", MinPatents);
        if (distinct.Count > MaxPatents) throw new AcquisitionRuleException(AcquisitionFields.Patents, "A package holds at most {0} patents.", MaxPatents);
        var id = Guid.NewGuid();
        var package = new PatentPackage
        {
            Id = id,
            Reference = "ZL-" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + id.ToString("N")[^8..].ToUpperInvariant(),
            Name = trimmedName,
            ChainId = string.IsNullOrWhiteSpace(chainId) ? null : chainId.Trim(),
            Description = text,
            AskingPriceFen = askingPriceFen,
            Deal = deal,
            HolderName = holderName,
            CreatedBy = userId,
            CreatedAt = now,
        };
        package._patents.AddRange(distinct.Select((p, i) => new PackagedPatent(id, i + 1, p.PatentId, p.Title, p.OwnerName)));
        return package;
    }
}

/// <summary>A patent in a package, in the schedule's order.</summary>
public sealed class PackagedPatent
{
    private PackagedPatent()
    {
        PatentId = Title = FiledBy = "";
    }

    internal PackagedPatent(Guid packageId, int position, string patentId, string title, string filedBy)
    {
        Id = Guid.NewGuid();
        PackageId = packageId;
        Position = position;
        PatentId = patentId;
        Title = title;
        FiledBy = filedBy;
    }

    public Guid Id { get; private set; }

    public Guid PackageId { get; private set; }

    public int Position { get; private set; }

    public string PatentId { get; private set; }

    public string Title { get; private set; }

    /// <summary>The patentees as filed (the index's applicants; an acquisition does not rewrite them).</summary>
    public string FiledBy { get; private set; }
}
