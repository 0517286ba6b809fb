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
        if (r.DocumentType is DocumentType.UtilityModel or DocumentType.Design or DocumentType.Plant)
            return new(Valid, Finding.NotMet, $"a {r.DocumentType.ToString().ToLowerInvariant()}, not an invention");
        var granted = r.Stage == PublicationStage.Grant || r.GrantDate is not null;
        return (r.DocumentType, r.LegalStatus) switch
        {
            (DocumentType.Unknown, _) => new(Valid, Finding.Unknown, "patent type not in the source"),
            (_, LegalStatus.InForce) when granted => new(Valid, Finding.Met, $"granted invention in force ({r.LegalStatusText ?? "in force"})"),
            (_, LegalStatus.InForce) => new(Valid, Finding.Unknown, "in force but no grant date or grant publication in the source"),
            (_, LegalStatus.Pending) => new(Valid, Finding.NotMet, $"not granted yet ({r.LegalStatusText ?? "pending"})"),
            (_, LegalStatus.Unknown) => new(Valid, Finding.Unknown, granted ? "granted, but the source carries no legal status" : "legal status not in the source"),
            _ => new(Valid, Finding.NotMet, $"no longer valid: {r.LegalStatusText ?? r.LegalStatus.ToString()}"),
        };
    }

    private RuleFinding StrategicIndustry(PatentRecord r)
    {
        if (r.IpcCodes.Count == 0) return new(Sei, Finding.Unknown, "no IPC codes in the source");
        var matches = taxonomy.MatchSei(r.IpcCodes);
        return matches.Count > 0
            ? new(Sei, Finding.Met, string.Join("; ", matches.Select(m => m.Reason)))
            : new(Sei, Finding.NotMet, $"none of {string.Join(", ", r.IpcCodes)} is in the SEI–IPC concordance");
    }

    internal static RuleFinding ForeignGrant(PatentRecord r)
    {
        var members = r.FamilyMembers.Select(m => PatentNumber.TryParse(m, out var n) ? n : null).OfType<PatentNumber>().ToList();
        var foreign = members.Where(n => n.Country != r.Country && n.Country is not ("WO" or "EA" or "AP" or "OA")).ToList();
        var granted = foreign.Where(n => IsGrantKind(n) == true).ToList();
        if (granted.Count > 0) return new(ForeignFamily, Finding.Met, "granted abroad: " + string.Join(", ", granted.Select(n => n.Canonical)));
        var unclear = foreign.Where(n => IsGrantKind(n) is null).ToList();
        if (unclear.Count > 0) return new(ForeignFamily, Finding.Unknown, "foreign family members without a kind code: " + string.Join(", ", unclear.Select(n => n.Canonical)));
        if (foreign.Count > 0) return new(ForeignFamily, Finding.NotMet, "foreign family members are applications only: " + string.Join(", ", foreign.Select(n => n.Canonical)));
        if (r.Counts.FamilySize is { } size && size > members.Count + 1)
            return new(ForeignFamily, Finding.Unknown, $"family of {size} but its members are not listed");
        if (members.Count == 0 && r.Counts.FamilySize is null && r.FamilyId is null)
            return new(ForeignFamily, Finding.Unknown, "no family data in the source");
        return new(ForeignFamily, Finding.NotMet, members.Count == 0 ? "no family members besides itself" : $"family members only in {r.Country}: {string.Join(", ", members.Select(m => m.Canonical))}");
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
        if (r.ApplicationDate is not { } filed) return new(Maintained, Finding.Unknown, "no filing date in the source");
        var age = (today.DayNumber - filed.DayNumber) / 365.25;
        var ageText = age.ToString("0.0", CultureInfo.InvariantCulture);
        return r.LegalStatus switch
        {
            LegalStatus.InForce when age > years => new(Maintained, Finding.Met, $"in force {ageText} years after filing on {filed:yyyy-MM-dd}"),
            LegalStatus.InForce => new(Maintained, Finding.NotMet, $"in force {ageText} years after filing, not more than {years}"),
            LegalStatus.Unknown => new(Maintained, Finding.Unknown, $"filed {ageText} years ago; whether it is still maintained is not in the source"),
            _ => new(Maintained, Finding.NotMet, $"not maintained: {r.LegalStatusText ?? r.LegalStatus.ToString()}"),
        };
    }

    private RuleFinding PledgeFinancing(PatentRecord r)
    {
        var threshold = options.PledgeThresholdCny;
        var entries = pledges?.For(r) ?? [];
        if (entries.Count > 0)
        {
            var total = entries.Sum(e => e.AmountCny);
            var lines = string.Join(", ", entries.Select(e => $"line {e.Line}"));
            return total >= threshold
                ? new(Pledge, Finding.Met, $"pledged for {Wan(total)} ({lines}), at least the threshold {Wan(threshold)}")
                : new(Pledge, Finding.NotMet, $"pledged for {Wan(total)} ({lines}), below the threshold {Wan(threshold)}");
        }
        return (r.Counts.Pledges, pledges) switch
        {
            (0, _) => new(Pledge, Finding.NotMet, "the source records no pledge"),
            ( > 0, null) => new(Pledge, Finding.Unknown, $"the source records {r.Counts.Pledges} pledge(s); no pledge register with amounts has been uploaded"),
            ( > 0, _) => new(Pledge, Finding.Unknown, $"the source records {r.Counts.Pledges} pledge(s) but the uploaded register has no amount for it"),
            (null, null) => new(Pledge, Finding.Unknown, "no pledge data in the source and no pledge register uploaded"),
            _ => new(Pledge, Finding.NotMet, "not in the uploaded pledge register"),
        };
    }

    private static string Wan(decimal cny) => (cny / 10_000m).ToString("0.##", CultureInfo.InvariantCulture) + " 万元";

    private RuleFinding Awarded(PatentRecord r)
    {
        if (awards is null) return new(Award, Finding.Unknown, "no award list uploaded");
        var won = awards.For(r);
        return won.Count > 0
            ? new(Award, Finding.Met, string.Join("; ", won.Select(a => a.Year is { } y ? $"{a.Award} ({y})" : a.Award)))
            : new(Award, Finding.NotMet, "not in the uploaded award list");
    }
}
