using System.Text.Json;
using Analytics.Valuation;
using Search.Indexer.Records;

namespace Marketplace.Web.Valuation;

/// <summary>Where the default royalty rate came from.</summary>
public enum RoyaltyRateSource
{
    /// <summary>The median of the platform's own completed licences in the same industry chain (at least 3).</summary>
    PlatformLicences,
    /// <summary>A published range for the industry, cited in the report.</summary>
    PublishedRange,
}

/// <summary>The default royalty rate offered on the form, and what it rests on (the report states it).</summary>
/// <param name="LicenceCount">Completed royalty licences found in the chain.</param>
/// <param name="Published">The published range, when that was used.</param>
public sealed record RoyaltyDefault(decimal Percent, RoyaltyRateSource Source, int LicenceCount, PublishedRoyaltyRange? Published);

/// <summary>The facts of a valued patent, copied from the index when the valuation is made.</summary>
public sealed record ValuedPatentFacts(string PatentId, string Title, DocumentType DocumentType, DateOnly? ApplicationDate, string? ChainId);

/// <summary>A patent of a valuation, with its facts as they were when it was valued.</summary>
public sealed class ValuedPatent
{
    private ValuedPatent()
    {
        PatentId = "";
        Title = "";
    }

    internal ValuedPatent(Guid valuationId, ValuedPatentFacts facts)
    {
        Id = Guid.CreateVersion7();
        ValuationId = valuationId;
        PatentId = facts.PatentId;
        Title = facts.Title.Length > 500 ? facts.Title[..500] : facts.Title;
        DocumentType = facts.DocumentType;
        ApplicationDate = facts.ApplicationDate;
    }

    public Guid Id { get; private set; }

    public Guid ValuationId { get; private set; }

    public string PatentId { get; private set; }

    public string Title { get; private set; }

    public DocumentType DocumentType { get; private set; }

    public DateOnly? ApplicationDate { get; private set; }

    public int? TermYears => ApplicationDate is { } filed ? StatutoryLife.TermYears(DocumentType, filed) : null;

    public DateOnly? Expiry => StatutoryLife.Expiry(DocumentType, ApplicationDate);

    public decimal? RemainingYears(DateOnly on) => StatutoryLife.RemainingYears(DocumentType, ApplicationDate, on);
}

/// <summary>
/// A valuation (评估) of one patent or a package: every input (<see cref="ValuationTerms"/>), the default royalty
/// rate and its source, the comparables as found at the last save, and the conclusion those give. It is an analysis
/// supporting pledge financing or a capital contribution, never a certified appraisal. Operators and the owner
/// organisation make and revise it; the figures are recomputed from the inputs by <see cref="ValuationCalculator"/>.
/// </summary>
public sealed class PatentValuation
{
    public const int MaxPatents = 20;

    /// <summary>Without a filing date the statute cannot cap the life: the longest term (an invention's) does.</summary>
    public const int UnknownTermYears = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<ValuedPatent> _patents = [];

    private PatentValuation()
    {
        Reference = "";
        Terms = new ValuationTerms();
        ComparablesJson = "[]";
    }

    public Guid Id { get; private set; }

    /// <summary>PG-yyyyMMdd-XXXXXXXX, printed on the report.</summary>
    public string Reference { get; private set; }

    /// <summary>The organisation that owns the patents, whose members may see the valuation; null when none is registered.</summary>
    public Guid? OwnerOrganizationId { get; private set; }

    /// <summary>The industry chain the royalty rate and comparables were looked up in.</summary>
    public string? ChainId { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid UpdatedBy { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>1 when made, one more on every save that changed something.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<ValuedPatent> Patents => _patents;

    public ValuationTerms Terms { get; private set; }

    public decimal DefaultRoyaltyPercent { get; private set; }

    public RoyaltyRateSource RoyaltySource { get; private set; }

    public int RoyaltyLicenceCount { get; private set; }

    /// <summary>The published industry the default came from (its id in the cited table), when it did.</summary>
    public string? PublishedIndustryId { get; private set; }

    /// <summary>The comparable transactions found at the last save, kept so the report shows what the conclusion used.</summary>
    public string ComparablesJson { get; private set; }

    public decimal? LowYuan { get; private set; }

    public decimal? PointYuan { get; private set; }

    public decimal? HighYuan { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<ComparableTransaction> Comparables => JsonSerializer.Deserialize<List<ComparableTransaction>>(ComparablesJson, Json) ?? [];

    public RoyaltyDefault RoyaltyDefault => new(DefaultRoyaltyPercent, RoyaltySource, RoyaltyLicenceCount,
        RoyaltySource == RoyaltyRateSource.PublishedRange ? PublishedRoyaltyRates.Shipped.ForIndustry(PublishedIndustryId) : null);

    /// <summary>Statutory years left on the valuation date: the longest of the patents' (a package earns until its last patent ends).</summary>
    public decimal StatutoryYearsLeft => StatutoryYearsLeftOf(_patents, Terms.ValuationDate);

    /// <summary>The statutory term of the patent with the most years left.</summary>
    public int TermYears => _patents.OrderByDescending(p => p.RemainingYears(Terms.ValuationDate) ?? UnknownTermYears).Select(p => p.TermYears ?? UnknownTermYears).FirstOrDefault(UnknownTermYears);

    public static decimal StatutoryYearsLeftOf(IEnumerable<ValuedPatent> patents, DateOnly on) =>
        patents.Select(p => p.RemainingYears(on) ?? UnknownTermYears).DefaultIfEmpty(0m).Max();

    public static PatentValuation Create(IReadOnlyList<ValuedPatentFacts> patents, Guid? ownerOrganizationId, string? chainId, RoyaltyDefault royalty,
        ValuationTerms terms, IReadOnlyList<ComparableTransaction> comparables, Guid userId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(patents);
        ArgumentNullException.ThrowIfNull(royalty);
        if (patents.Count == 0) throw new ValuationRuleException("Name at least one patent to value.");
        if (patents.Count > MaxPatents) throw new ValuationRuleException("A valuation holds at most 20 patents.");
        var id = Guid.CreateVersion7();
        var valuation = new PatentValuation
        {
            Id = id,
            Reference = "PG-" + now.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-" + id.ToString("N")[^8..].ToUpperInvariant(),
            OwnerOrganizationId = ownerOrganizationId,
            ChainId = chainId,
            CreatedBy = userId,
            CreatedAt = now,
            DefaultRoyaltyPercent = royalty.Percent,
            RoyaltySource = royalty.Source,
            RoyaltyLicenceCount = royalty.LicenceCount,
            PublishedIndustryId = royalty.Published?.IndustryId,
        };
        foreach (var facts in patents.DistinctBy(p => p.PatentId, StringComparer.Ordinal))
            valuation._patents.Add(new ValuedPatent(id, facts));
        valuation.Apply(terms, comparables, userId, now);
        return valuation;
    }

    /// <summary>Saves new inputs (and the comparables found now) and returns what changed; nothing changes when nothing differs.</summary>
    public IReadOnlyList<ValuationChange> Revise(ValuationTerms terms, IReadOnlyList<ComparableTransaction> comparables, Guid userId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var changes = terms.ChangesFrom(Terms);
        var comparablesJson = JsonSerializer.Serialize(comparables, Json);
        if (changes.Count == 0 && comparablesJson == ComparablesJson) return changes;
        Apply(terms, comparables, userId, now);
        return changes;
    }

    /// <summary>The problems of <paramref name="terms"/> for these patents (field, English message, arguments).</summary>
    public static IReadOnlyList<(string Field, string Message, object[] Arguments)> Problems(ValuationTerms terms, decimal statutoryYearsLeft, bool hasComparables) =>
        [.. terms.Check(statutoryYearsLeft, hasComparables)];

    /// <summary>Every approach, the sensitivity table and the conclusion, from the inputs as saved.</summary>
    public ValuationResult Result() => Compute(Terms, Comparables, StatutoryYearsLeft, TermYears, _patents.Count);

    public static ValuationResult Compute(ValuationTerms terms, IReadOnlyList<ComparableTransaction> comparables, decimal statutoryYearsLeft, int termYears, int patentCount)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var income = new IncomeInputs(terms.RevenueYuan, terms.GrowthPercent, terms.RoyaltyPercent, terms.TaxPercent, terms.DiscountPercent, terms.LifeYears);
        return ValuationCalculator.Compute(new ValuationInputs(income, terms.FeesYuan, terms.ResearchCostYuan, terms.ObsolescencePercent,
            terms.MarketAdjustmentPercent, statutoryYearsLeft, termYears, patentCount, terms.Basis), comparables);
    }

    private void Apply(ValuationTerms terms, IReadOnlyList<ComparableTransaction> comparables, Guid userId, DateTime now)
    {
        var problems = terms.Check(StatutoryYearsLeftOf(_patents, terms.ValuationDate), comparables.Count > 0).ToList();
        if (problems.Count > 0) throw new ValuationRuleException(problems[0].Message, problems[0].Arguments);
        Terms = terms;
        ComparablesJson = JsonSerializer.Serialize(comparables, Json);
        var conclusion = Result().Conclusion;
        (LowYuan, PointYuan, HighYuan) = (conclusion?.LowYuan, conclusion?.PointYuan, conclusion?.HighYuan);
        UpdatedBy = userId;
        UpdatedAt = now;
        Revision++;
        Version = Guid.NewGuid();
    }
}

/// <summary>A valuation refused an illegal change; <see cref="Exception.Message"/> is English and a UI string key.</summary>
public sealed class ValuationRuleException(string message, params object[] arguments) : InvalidOperationException(message)
{
    public IReadOnlyList<object> Arguments { get; } = arguments;
}
