using Search.Indexer.Normalization;
using System.Globalization;
using Analytics.HighValue;
using Search.Indexer.Records;

namespace Analytics.Sleeping;

/// <summary>
/// Settings of sleeping-patent (沉睡专利) screening, configuration section "Analytics:Sleeping".
/// Each rule can be switched off; the owner types are the ones the user picks.
/// </summary>
public sealed class SleepingPatentOptions
{
    public const string Section = "Analytics:Sleeping";

    public bool RequireInForce { get; set; } = true;
    /// <summary>Owners to screen (a university screening its own portfolio picks University).</summary>
    public List<PartyType> OwnerTypes { get; set; } = [PartyType.University, PartyType.ResearchInstitute];
    public bool RequireNoTransfer { get; set; } = true;
    public bool RequireNoLicense { get; set; } = true;
    public bool RequireNoPledge { get; set; } = true;
    /// <summary>No implementation (实施) record: only known from an uploaded list of implemented patents.</summary>
    public bool RequireNoImplementation { get; set; } = true;
    public int MinYearsSinceGrant { get; set; } = 3;
    public bool RequireFeesPaid { get; set; } = true;
    /// <summary>
    /// The portfolio to screen: patents with an applicant whose name contains one of these (case and
    /// width ignored), e.g. a university's own name and its variants. Empty screens every owner.
    /// </summary>
    public List<string> OwnerNames { get; set; } = [];

    /// <summary>
    /// These settings for a site with or without a list of implemented patents: without one no patent can
    /// show an implementation record, so the rule (which could only say "unknown" and leave every patent
    /// undecided) is left out, as <c>Analytics report-sleeping</c> does. A copy; these settings stay as they are.
    /// </summary>
    public SleepingPatentOptions ForImplementedList(string? implementedFile)
    {
        var copy = (SleepingPatentOptions)MemberwiseClone();
        copy.OwnerTypes = [.. OwnerTypes];
        copy.OwnerNames = [.. OwnerNames];
        if (string.IsNullOrWhiteSpace(implementedFile)) copy.RequireNoImplementation = false;
        return copy;
    }

    /// <summary>Whether the record belongs to the portfolio <see cref="OwnerNames"/> describes.</summary>
    public bool InPortfolio(PatentRecord record) =>
        OwnerNames.Count == 0 || record.Applicants.Any(a => OwnerNames.Any(n =>
            TextNormalizer.ToHalfWidth(a.Name).Contains(TextNormalizer.ToHalfWidth(n).Trim(), StringComparison.OrdinalIgnoreCase)));
}

/// <summary>How one patent fares against every sleeping rule; <see cref="Verdict"/> is met only when all rules are.</summary>
public sealed record SleepingAssessment(string Id, IReadOnlyList<RuleFinding> Rules)
{
    public Finding Verdict => Findings.AllOf(Rules.Select(r => r.Finding));

    /// <summary>The rules that made it sleep (all met), or the ones that stop it.</summary>
    public IEnumerable<RuleFinding> Deciding => Verdict switch
    {
        Finding.Met => Rules,
        Finding.NotMet => Rules.Where(r => r.Finding == Finding.NotMet),
        _ => Rules.Where(r => r.Finding == Finding.Unknown),
    };
}

/// <summary>
/// Explicit, configurable rules for sleeping patents: in force, owned by the chosen owner types, no
/// transfer, licence, pledge or implementation record, some years after grant, fees paid. A rule the
/// source has no data for is "unknown", never a silent "no".
/// </summary>
/// <param name="pledgeRegister">
/// A register of pledges (the marketplace's, released ones included): when given, "no pledge" reads it rather than the
/// source's pledge count, so a pledge registered on the platform ends the patent's sleep at once.
/// </param>
public sealed class SleepingPatentRules(SleepingPatentOptions options, TimeProvider clock, ISet<string>? implementedPatentKeys = null,
    PatentNumberLookup<PledgeEntry>? pledgeRegister = null)
{
    public const string InForce = "in force";
    public const string Owner = "owner type";
    public const string NoTransfer = "no transfer";
    public const string NoLicense = "no licence";
    public const string NoPledge = "no pledge";
    public const string NoImplementation = "no implementation record";
    public const string YearsSinceGrant = "years since grant";
    public const string FeesPaid = "fees paid";

    public SleepingAssessment Assess(PatentRecord r)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rules = new List<RuleFinding>();
        if (options.RequireInForce) rules.Add(InForceRule(r));
        if (options.OwnerTypes.Count > 0) rules.Add(OwnerRule(r));
        if (options.RequireNoTransfer)
            rules.Add(NoneRule(NoTransfer, r.Counts.Transfers, Phrase.Of("the source has no transfer count"), Phrase.Of("0 transfers recorded"),
                Phrase.Of("{0} transfer(s) recorded", PhraseArgument.Number(r.Counts.Transfers ?? 0))));
        if (options.RequireNoLicense)
            rules.Add(NoneRule(NoLicense, r.Counts.Licenses, Phrase.Of("the source has no licence count"), Phrase.Of("0 licences recorded"),
                Phrase.Of("{0} licence(s) recorded", PhraseArgument.Number(r.Counts.Licenses ?? 0))));
        if (options.RequireNoPledge)
            rules.Add(pledgeRegister is null
                ? NoneRule(NoPledge, r.Counts.Pledges, Phrase.Of("the source has no pledge count"), Phrase.Of("0 pledges recorded"),
                    Phrase.Of("{0} pledge(s) recorded", PhraseArgument.Number(r.Counts.Pledges ?? 0)))
                : RegisterRule(r, pledgeRegister));
        if (options.RequireNoImplementation) rules.Add(ImplementationRule(r));
        if (options.MinYearsSinceGrant > 0) rules.Add(GrantAgeRule(r, today));
        if (options.RequireFeesPaid) rules.Add(FeesRule(r));
        return new SleepingAssessment(r.Id, rules);
    }

    private static RuleFinding InForceRule(PatentRecord r) => r.LegalStatus switch
    {
        LegalStatus.InForce => new(InForce, Finding.Met, Phrase.Of("{0}", HighValueAssessor.StatusText(r))),
        LegalStatus.Unknown => new(InForce, Finding.Unknown, Phrase.Of("legal status not in the source")),
        _ => new(InForce, Finding.NotMet, Phrase.Of("{0}", HighValueAssessor.StatusText(r))),
    };

    private RuleFinding OwnerRule(PatentRecord r)
    {
        var match = r.Applicants.FirstOrDefault(a => options.OwnerTypes.Contains(a.Type));
        if (match is not null)
            return new(Owner, Finding.Met, match.TypeInferred
                ? Phrase.Of("{0} is {1} (inferred from the name)", match.Name, OwnerType(match.Type))
                : Phrase.Of("{0} is {1}", match.Name, OwnerType(match.Type)));
        if (r.Applicants.Count == 0 || r.Applicants.All(a => a.Type == PartyType.Unknown))
            return new(Owner, Finding.Unknown, r.Applicants.Count == 0
                ? Phrase.Of("no applicant in the source")
                : Phrase.Of("owner type of {0} unknown", PhraseArgument.List(r.Applicants.Select(a => a.Name))));
        return new(Owner, Finding.NotMet, Phrase.Of("owners are {0}; the screening looks for {1}",
            PhraseArgument.Join(r.Applicants.Select(a => Phrase.Of("{0} ({1})", a.Name, OwnerType(a.Type)))),
            PhraseArgument.Join(options.OwnerTypes.Select(OwnerType))));
    }

    /// <summary>An owner type as a sentence names it ("is a university").</summary>
    internal static Phrase OwnerType(PartyType type) => type switch
    {
        PartyType.University => Phrase.Of("a university"),
        PartyType.ResearchInstitute => Phrase.Of("a research institute"),
        PartyType.Enterprise => Phrase.Of("an enterprise"),
        PartyType.Individual => Phrase.Of("an individual"),
        PartyType.Government => Phrase.Of("a government body"),
        _ => Phrase.Of("of unknown type"),
    };

    // The register is the record of pledges here: a patent it names was pledged, one it does not name was not.
    private static RuleFinding RegisterRule(PatentRecord r, PatentNumberLookup<PledgeEntry> register) =>
        register.For(r) is { Count: > 0 } entries
            ? new(NoPledge, Finding.NotMet, Phrase.Of("{0} pledge(s) in the pledge register", PhraseArgument.Number(entries.Count)))
            : new(NoPledge, Finding.Met, Phrase.Of("no pledge in the pledge register"));

    private static RuleFinding NoneRule(string rule, int? count, Phrase noCount, Phrase none, Phrase some) => count switch
    {
        null => new(rule, Finding.Unknown, noCount),
        0 => new(rule, Finding.Met, none),
        _ => new(rule, Finding.NotMet, some),
    };

    private RuleFinding ImplementationRule(PatentRecord r)
    {
        if (implementedPatentKeys is null) return new(NoImplementation, Finding.Unknown, Phrase.Of("no list of implemented patents uploaded"));
        var keys = new[] { r.PublicationNumber.Key }.Concat(r.OtherPublicationNumbers.Select(o => o.Key)).Concat(r.ApplicationNumber is { } a ? [a.Key] : []);
        return keys.Any(implementedPatentKeys.Contains)
            ? new(NoImplementation, Finding.NotMet, Phrase.Of("in the uploaded list of implemented patents"))
            : new(NoImplementation, Finding.Met, Phrase.Of("not in the uploaded list of implemented patents"));
    }

    private RuleFinding GrantAgeRule(PatentRecord r, DateOnly today)
    {
        if (r.GrantDate is not { } granted)
            return r.LegalStatus == LegalStatus.Pending
                ? new(YearsSinceGrant, Finding.NotMet, Phrase.Of("not granted yet"))
                : new(YearsSinceGrant, Finding.Unknown, Phrase.Of("no grant date in the source"));
        var years = (today.DayNumber - granted.DayNumber) / 365.25;
        var text = years.ToString("0.0", CultureInfo.InvariantCulture);
        var day = granted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var minimum = PhraseArgument.Number(options.MinYearsSinceGrant);
        return years >= options.MinYearsSinceGrant
            ? new(YearsSinceGrant, Finding.Met, Phrase.Of("granted {0}, {1} years ago (at least {2})", day, text, minimum))
            : new(YearsSinceGrant, Finding.NotMet, Phrase.Of("granted {0}, only {1} years ago (fewer than {2})", day, text, minimum));
    }

    private static RuleFinding FeesRule(PatentRecord r) => r.LegalStatus switch
    {
        LegalStatus.InForce => new(FeesPaid, Finding.Met, Phrase.Of("in force, so annual fees are paid")),
        LegalStatus.Lapsed => new(FeesPaid, Finding.NotMet, r.LegalStatusText is { } text ? Phrase.Of("{0}", text) : Phrase.Of("lapsed for unpaid fees")),
        LegalStatus.Unknown or LegalStatus.Pending => new(FeesPaid, Finding.Unknown, Phrase.Of("fee status not in the source")),
        _ => new(FeesPaid, Finding.NotMet, Phrase.Of("no fees due: {0}", HighValueAssessor.StatusText(r))),
    };
}
