namespace Analytics.Reports;

/// <summary>
/// A patent navigation report (专利导航报告, GB/T 39551-2020) for one scope and period: trends, technology
/// composition, key players, the region's position, supply for transfer and recommended paths. Plain data,
/// serialised as JSON for the web cache; charts and documents are drawn from it.
/// </summary>
public sealed record NavigationReport
{
    public required ReportScope Scope { get; init; }
    public required string ScopeDescription { get; init; }
    public required string CityName { get; init; }
    public required string ProvinceName { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    /// <summary>Records read from the index (the whole corpus) and how many fell in scope and period.</summary>
    public long RecordsRead { get; init; }
    public long RecordsInScope { get; init; }
    public double Seconds { get; init; }
    public string? IndexVersion { get; init; }

    public required TrendSection Trends { get; init; }
    public required CompositionSection Composition { get; init; }
    public required PlayersSection Players { get; init; }
    public required RegionSection Region { get; init; }
    public required SupplySection Supply { get; init; }
    public required IReadOnlyList<Recommendation> Recommendations { get; init; }

    /// <summary>What the report leaves out and why; empty in reports stored before it existed.</summary>
    public ReportExclusions Excluded { get; init; } = new();

    /// <summary>Patents in scope that are synthetic demo data (<see cref="Search.Indexer.Records.SyntheticData"/>), counted like the others.</summary>
    public long SyntheticInScope { get; init; }
}

/// <summary>
/// The patents a report leaves out, by reason. Before the scope: patents that match the technology part (chain, IPC,
/// query, applicants) but are not in the report, because they have no date to place in the period, were filed outside
/// it, or lie outside the region. Within the scope: patents a figure cannot count.
/// </summary>
public sealed record ReportExclusions
{
    /// <summary>Patents matching the technology part of the scope, whatever their date and place.</summary>
    public long TechnologyMatches { get; init; }

    /// <summary>Matches with neither a filing nor a publication date: no period can include them.</summary>
    public long NoFilingDate { get; init; }

    /// <summary>Matches filed before or after the period.</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>Matches in the period outside the scope's region (only with a region).</summary>
    public long OutsideRegion { get; init; }

    /// <summary>Of <see cref="OutsideRegion"/>: those with neither an applicant address nor a province code, which no region can hold.</summary>
    public long OutsideRegionUnplaced { get; init; }

    /// <summary>Patents in scope without a legal status: not counted as valid.</summary>
    public long NoLegalStatus { get; init; }

    /// <summary>Patents in scope without an IPC code: in no IPC subclass or technology field.</summary>
    public long NoIpc { get; init; }

    /// <summary>Patents in scope without an applicant: not among the key players.</summary>
    public long NoApplicant { get; init; }

    /// <summary>Patents in scope that cannot be placed (no applicant address or province code): counted in all data only.</summary>
    public long Unplaced { get; init; }

    /// <summary>True when anything is left out.</summary>
    public bool Any => NoFilingDate + OutsidePeriod + OutsideRegion + NoLegalStatus + NoIpc + NoApplicant + Unplaced > 0;
}

/// <summary>One filing year: applications by document type, grants (by grant year), and growth against the year before.</summary>
public sealed record YearRow(int Year, long Applications, long Inventions, long UtilityModels, long Designs, long Other, long Grants, double? Growth);

public sealed record TrendSection(IReadOnlyList<YearRow> Years, long Applications, long Grants, long ValidInventions, double? AnnualGrowth, string Note)
{
    /// <summary><see cref="Note"/> (Chinese, for the documents) as a phrase the web translates; null in reports stored before it existed.</summary>
    public Phrase? NotePhrase { get; init; }
}

public sealed record NamedCount(string Code, string Name, long Count, double Share);

public sealed record CompositionSection(IReadOnlyList<NamedCount> IpcSubclasses, IReadOnlyList<NamedCount> TechnologyFields, IReadOnlyList<NamedCount> SubTopics,
    IReadOnlyList<NamedCount> Chains, long WithoutSubTopic);

public sealed record ApplicantRow(string Name, string Type, long Applications, long Grants, long Valid, string? Place)
{
    /// <summary>The type <see cref="Type"/> names in Chinese; null in reports stored before it existed.</summary>
    public Search.Indexer.Records.PartyType? PartyType { get; init; }
}

public sealed record CoApplicantLink(string A, string B, long Patents);

/// <summary>Who files: top applicants, universities and institutes against enterprises, and who files together.</summary>
public sealed record PlayersSection(IReadOnlyList<ApplicantRow> TopApplicants, IReadOnlyList<NamedCount> ByApplicantType,
    long UniversityPatents, long EnterprisePatents, long JointUniversityEnterprise, IReadOnlyList<CoApplicantLink> CoApplicants, long DistinctApplicants);

/// <summary>The scope's patents at one level: the city, its province, or the whole corpus.</summary>
public sealed record RegionLevelRow(string Level, string Name, long Patents, long AllPatents, double ShareOfScope, double ScopeShareOfLevel, double? AnnualGrowth);

/// <summary>Revealed technological advantage of the city and the province in one field: (level's share in the field) / (corpus's share in the field).</summary>
public sealed record AdvantageRow(int Field, string Name, long CityPatents, long ProvincePatents, long AllPatents, double? CityRta, double? ProvinceRta);

public sealed record RegionSection(IReadOnlyList<RegionLevelRow> Levels, IReadOnlyList<AdvantageRow> Advantage, IReadOnlyList<NamedCount> Counties,
    long Unplaced, string Method)
{
    public Phrase? MethodPhrase { get; init; }
}

public sealed record SupplyPatent(string Id, string? Title, string Owners, double? ValueIndex, bool HighValue, bool Sleeping, bool OpenLicense);

public sealed record SupplySection(long HighValue, long Sleeping, long OpenLicenses, long Valid, long Labelled,
    IReadOnlyList<SupplyPatent> TopHighValue, IReadOnlyList<SupplyPatent> TopSleeping, IReadOnlyList<SupplyPatent> OpenLicensed, string Note)
{
    public Phrase? NotePhrase { get; init; }
}

public enum RecommendationKind
{
    /// <summary>Local universities hold sleeping patents local enterprises do not file in: license them (开放许可/许可活动).</summary>
    LicensingCampaign,
    /// <summary>A field grows fast elsewhere and is weak locally: bring in talent or technology (人才/技术引进).</summary>
    Introduction,
    /// <summary>A field where the city is strong and growing: cultivate high-value portfolios (培育).</summary>
    Cultivation,
    /// <summary>High-value patents in scope have open licences: promote them to local enterprises.</summary>
    PromoteOpenLicenses,
}

/// <summary>
/// A rule-based suggestion with the figures that triggered it: in Chinese for the report's documents, and as
/// phrases the web translates (null in reports stored before they existed).
/// </summary>
public sealed record Recommendation(RecommendationKind Kind, string Title, string Reason, string Rule)
{
    public Phrase? TitlePhrase { get; init; }
    public Phrase? ReasonPhrase { get; init; }
    public Phrase? RulePhrase { get; init; }
}
