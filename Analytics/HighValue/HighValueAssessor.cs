using System.Globalization;
using Analytics.Taxonomy;
using Search.Indexer.Records;

namespace Analytics.HighValue;

/// <summary>Settings of the high-value rules (configuration section "Analytics:HighValue").</summary>
public sealed class HighValueOptions
{
    public const string Section = "Analytics:HighValue";

    /// <summary>Pledge financing at or above this (CNY) counts as "relatively high"; CNIPA leaves the figure to local practice.</summary>
    public decimal PledgeThresholdCny { get; set; } = 5_000_000m;
    /// <summary>Years since filing a patent must be maintained beyond.</summary>
    public int MaintainedYears { get; set; } = 10;
}

/// <summary>Whether a patent counts as a high-value invention patent, with every criterion's finding and reason.</summary>
public sealed record HighValueAssessment(RuleFinding ValidInvention, IReadOnlyList<RuleFinding> Criteria)
{
    public Finding IsHighValue
    {
        get
        {
            if (ValidInvention.Finding == Finding.NotMet) return Finding.NotMet;
            var any = Findings.AnyOf(Criteria.Select(c => c.Finding));
            if (any == Finding.NotMet) return Finding.NotMet;
            return ValidInvention.Finding == Finding.Unknown ? Finding.Unknown : any;
        }
    }
}

/// <summary>
/// CNIPA's high-value invention patent (高价值发明专利) indicator: a valid invention patent counts if any
/// one holds — (1) in a strategic emerging industry, (2) a family member granted abroad, (3) maintained
/// more than 10 years, (4) relatively high pledge financing, (5) the China Patent Award or a national
/// S&amp;T award. Awards and pledge amounts come from the lists operators upload.
/// </summary>
public sealed class HighValueAssessor(IndustryTaxonomy taxonomy, HighValueOptions options, TimeProvider clock,
    PatentNumberLookup<AwardEntry>? awards = null, PatentNumberLookup<PledgeEntry>? pledges = null)
{
    public const string Valid = "valid invention patent";
    public const string Sei = "strategic emerging industry";
    public const string ForeignFamily = "family member granted abroad";
    public const string Maintained = "maintained over 10 years";
    public const string Pledge = "high pledge financing";
    public const string Award = "patent or S&T award";

    public HighValueAssessment Assess(PatentRecord record)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new HighValueAssessment(ValidInvention(record), [StrategicIndustry(record), ForeignGrant(record), MaintainedLong(record, today), PledgeFinancing(record), Awarded(record)]);
    }

    internal static RuleFinding ValidInvention(PatentRecord r)
    {
        switch (r.DocumentType)
        {
            case DocumentType.UtilityModel: return new(Valid, Finding.NotMet, Phrase.Of("a utility model, not an invention"));
            case DocumentType.Design: return new(Valid, Finding.NotMet, Phrase.Of("a design, not an invention"));
            case DocumentType.Plant: return new(Valid, Finding.NotMet, Phrase.Of("a plant patent, not an invention"));
        }
        var granted = r.Stage == PublicationStage.Grant || r.GrantDate is not null;
        return (r.DocumentType, r.LegalStatus) switch
        {
            (DocumentType.Unknown, _) => new(Valid, Finding.Unknown, Phrase.Of("patent type not in the source")),
            (_, LegalStatus.InForce) when granted => new(Valid, Finding.Met, Phrase.Of("granted invention in force ({0})", StatusText(r))),
            (_, LegalStatus.InForce) => new(Valid, Finding.Unknown, Phrase.Of("in force but no grant date or grant publication in the source")),
            (_, LegalStatus.Pending) => new(Valid, Finding.NotMet, Phrase.Of("not granted yet ({0})", StatusText(r))),
            (_, LegalStatus.Unknown) => new(Valid, Finding.Unknown, granted ? Phrase.Of("granted, but the source carries no legal status") : Phrase.Of("legal status not in the source")),
            _ => new(Valid, Finding.NotMet, Phrase.Of("no longer valid: {0}", StatusText(r))),
        };
    }

    /// <summary>The source's own legal-status words, or the status's name when the source has none.</summary>
    internal static PhraseArgument StatusText(PatentRecord r) => r.LegalStatusText is { } text ? text : StatusName(r.LegalStatus);

    /// <summary>A legal status by the name the web's labels use.</summary>
    internal static Phrase StatusName(LegalStatus status) => status switch
    {
        LegalStatus.Pending => Phrase.Of("Pending"),
        LegalStatus.InForce => Phrase.Of("In force"),
        LegalStatus.Lapsed => Phrase.Of("Lapsed (fees unpaid)"),
        LegalStatus.Expired => Phrase.Of("Expired"),
        LegalStatus.Withdrawn => Phrase.Of("Withdrawn or rejected"),
        LegalStatus.Invalidated => Phrase.Of("Invalidated"),
        _ => Phrase.Of("Unknown"),
    };

    private RuleFinding StrategicIndustry(PatentRecord r)
    {
        if (r.IpcCodes.Count == 0) return new(Sei, Finding.Unknown, Phrase.Of("no IPC codes in the source"));
        var matches = taxonomy.MatchSei(r.IpcCodes);
        return matches.Count > 0
            ? new(Sei, Finding.Met, Phrase.Of("{0}", PhraseArgument.Join(matches.Select(m => m.Explanation))))
            : new(Sei, Finding.NotMet, Phrase.Of("none of {0} is in the SEI–IPC concordance", PhraseArgument.List(r.IpcCodes)));
    }

    internal static RuleFinding ForeignGrant(PatentRecord r)
    {
        var members = r.FamilyMembers.Select(m => PatentNumber.TryParse(m, out var n) ? n : null).OfType<PatentNumber>().ToList();
        var foreign = members.Where(n => n.Country != r.Country && n.Country is not ("WO" or "EA" or "AP" or "OA")).ToList();
        var granted = foreign.Where(n => IsGrantKind(n) == true).ToList();
        if (granted.Count > 0) return new(ForeignFamily, Finding.Met, Phrase.Of("granted abroad: {0}", PhraseArgument.List(granted.Select(n => n.Canonical))));
        var unclear = foreign.Where(n => IsGrantKind(n) is null).ToList();
        if (unclear.Count > 0) return new(ForeignFamily, Finding.Unknown, Phrase.Of("foreign family members without a kind code: {0}", PhraseArgument.List(unclear.Select(n => n.Canonical))));
        if (foreign.Count > 0) return new(ForeignFamily, Finding.NotMet, Phrase.Of("foreign family members are applications only: {0}", PhraseArgument.List(foreign.Select(n => n.Canonical))));
        if (r.Counts.FamilySize is { } size && size > members.Count + 1)
            return new(ForeignFamily, Finding.Unknown, Phrase.Of("family of {0} but its members are not listed", PhraseArgument.Number(size)));
        if (members.Count == 0 && r.Counts.FamilySize is null && r.FamilyId is null)
            return new(ForeignFamily, Finding.Unknown, Phrase.Of("no family data in the source"));
        return new(ForeignFamily, Finding.NotMet, members.Count == 0 ? Phrase.Of("no family members besides itself") : Phrase.Of("family members only in {0}: {1}", r.Country, PhraseArgument.List(members.Select(m => m.Canonical))));
    }

    /// <summary>Grant kinds by office: B/C (B1, B2, C …), US E (reissue); A kinds are applications; null when there is no kind.</summary>
    internal static bool? IsGrantKind(PatentNumber n) => n.Kind switch
    {
        null or "" => null,
        var k when k[0] is 'B' or 'C' => true,
        "E" when n.Country == "US" => true,
        _ => false,
    };

    private RuleFinding MaintainedLong(PatentRecord r, DateOnly today)
    {
        var years = options.MaintainedYears;
        if (r.ApplicationDate is not { } filed) return new(Maintained, Finding.Unknown, Phrase.Of("no filing date in the source"));
        var age = (today.DayNumber - filed.DayNumber) / 365.25;
        var ageText = age.ToString("0.0", CultureInfo.InvariantCulture);
        return r.LegalStatus switch
        {
            LegalStatus.InForce when age > years => new(Maintained, Finding.Met, Phrase.Of("in force {0} years after filing on {1}", ageText, Day(filed))),
            LegalStatus.InForce => new(Maintained, Finding.NotMet, Phrase.Of("in force {0} years after filing, not more than {1}", ageText, PhraseArgument.Number(years))),
            LegalStatus.Unknown => new(Maintained, Finding.Unknown, Phrase.Of("filed {0} years ago; whether it is still maintained is not in the source", ageText)),
            _ => new(Maintained, Finding.NotMet, Phrase.Of("not maintained: {0}", StatusText(r))),
        };
    }

    private RuleFinding PledgeFinancing(PatentRecord r)
    {
        var threshold = options.PledgeThresholdCny;
        var entries = pledges?.For(r) ?? [];
        if (entries.Count > 0)
        {
            var total = entries.Sum(e => e.AmountCny);
            var lines = PhraseArgument.List(entries.Select(e => e.Line.ToString(CultureInfo.InvariantCulture)));
            return total >= threshold
                ? new(Pledge, Finding.Met, Phrase.Of("pledged for {0} (register lines {1}), at least the threshold {2}", Wan(total), lines, Wan(threshold)))
                : new(Pledge, Finding.NotMet, Phrase.Of("pledged for {0} (register lines {1}), below the threshold {2}", Wan(total), lines, Wan(threshold)));
        }
        return (r.Counts.Pledges, pledges) switch
        {
            (0, _) => new(Pledge, Finding.NotMet, Phrase.Of("the source records no pledge")),
            ( > 0, null) => new(Pledge, Finding.Unknown, Phrase.Of("the source records {0} pledge(s); no pledge register with amounts has been uploaded", PhraseArgument.Number(r.Counts.Pledges.Value))),
            ( > 0, _) => new(Pledge, Finding.Unknown, Phrase.Of("the source records {0} pledge(s) but the uploaded register has no amount for it", PhraseArgument.Number(r.Counts.Pledges.Value))),
            (null, null) => new(Pledge, Finding.Unknown, Phrase.Of("no pledge data in the source and no pledge register uploaded")),
            _ => new(Pledge, Finding.NotMet, Phrase.Of("not in the uploaded pledge register")),
        };
    }

    /// <summary>An amount in 万元 (ten thousand yuan), the unit pledge registers use.</summary>
    private static Phrase Wan(decimal cny) => Phrase.Of("{0} ×10,000 CNY", (cny / 10_000m).ToString("0.##", CultureInfo.InvariantCulture));

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private RuleFinding Awarded(PatentRecord r)
    {
        if (awards is null) return new(Award, Finding.Unknown, Phrase.Of("no award list uploaded"));
        var won = awards.For(r);
        return won.Count > 0
            ? new(Award, Finding.Met, Phrase.Of("{0}", string.Join("; ", won.Select(a => a.Year is { } y ? $"{a.Award} ({y})" : a.Award))))
            : new(Award, Finding.NotMet, Phrase.Of("not in the uploaded award list"));
    }
}
