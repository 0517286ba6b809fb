using System.Text.Json.Serialization;

namespace Search.Indexer.Records;

/// <summary>
/// The canonical patent bibliographic record every reader produces and every engine indexes.
/// One record per publication (country + number + kind); other publications of the same
/// application (a CN grant "B" beside its "A" publication) are kept in <see cref="OtherPublicationNumbers"/>.
/// </summary>
public sealed class PatentRecord
{
    /// <summary>
    /// Canonical id: the publication number in canonical form, e.g. <c>CN218751475U</c>; for a record whose source has
    /// no publication number, the application number without check digit (<c>CN202223220665</c>, see <see cref="KeyedByApplication"/>).
    /// </summary>
    public string Id => PublicationNumber.Canonical;

    /// <summary>
    /// The source had no publication number (many Chinese exports key records by 申请号 only): the record stands under
    /// its application number until a publication of that application arrives and takes it in (<see cref="ForApplication"/>).
    /// </summary>
    [JsonIgnore]
    public bool KeyedByApplication => ApplicationNumber is { } a && PublicationNumber.Kind is null && PublicationNumber.Key == a.Key;

    /// <summary>A record for an application whose source gives no publication number, identified by the application number.</summary>
    public static PatentRecord ForApplication(PatentNumber applicationNumber) => new()
    {
        PublicationNumber = new PatentNumber(applicationNumber.Country, applicationNumber.Number),
        ApplicationNumber = applicationNumber,
    };

    public required PatentNumber PublicationNumber { get; set; }
    public PatentNumber? ApplicationNumber { get; set; }
    public List<PatentNumber> OtherPublicationNumbers { get; set; } = [];

    /// <summary>ISO 3166 two-letter code of the publishing office (CN, US, EP, WO …).</summary>
    public string Country => PublicationNumber.Country;
    public string? KindCode => PublicationNumber.Kind;

    public DocumentType DocumentType { get; set; } = DocumentType.Unknown;
    public PublicationStage Stage { get; set; } = PublicationStage.Unknown;

    public List<LocalizedText> Titles { get; set; } = [];
    public List<LocalizedText> Abstracts { get; set; } = [];
    /// <summary>The first (independent) claim, per language.</summary>
    public List<LocalizedText> FirstClaims { get; set; } = [];

    public List<Party> Applicants { get; set; } = [];
    public List<Party> Inventors { get; set; } = [];
    /// <summary>Patent agency (专利代理机构) where the source names one.</summary>
    public string? Agency { get; set; }

    /// <summary>IPC codes in canonical form (<c>H01L21/02</c>), main classification first.</summary>
    public List<string> IpcCodes { get; set; } = [];
    /// <summary>CPC codes in canonical form, main classification first.</summary>
    public List<string> CpcCodes { get; set; } = [];

    public DateOnly? ApplicationDate { get; set; }
    public DateOnly? PublicationDate { get; set; }
    public DateOnly? GrantDate { get; set; }
    /// <summary>Date the right ended (失效日期) where the source carries it.</summary>
    public DateOnly? LapseDate { get; set; }

    public List<PriorityClaim> Priorities { get; set; } = [];
    public string? FamilyId { get; set; }
    /// <summary>Canonical publication numbers of family members (this record excluded).</summary>
    public List<string> FamilyMembers { get; set; } = [];

    public LegalStatus LegalStatus { get; set; } = LegalStatus.Unknown;
    /// <summary>The status exactly as the source wrote it (e.g. <c>有权-审定授权</c>).</summary>
    public string? LegalStatusText { get; set; }
    public List<LegalEvent> LegalEvents { get; set; } = [];

    /// <summary>Province / country code of the first applicant (国省代码), e.g. <c>35</c> for Fujian.</summary>
    public string? RegionCode { get; set; }

    /// <summary>Canonical numbers of cited documents (backward citations) where listed.</summary>
    public List<string> CitedDocuments { get; set; } = [];
    public PatentCounts Counts { get; set; } = new();

    /// <summary>Source columns or elements the product has no field for, kept verbatim.</summary>
    /// <remarks>Populated on deserialisation so the ordinal comparer (and thus key order) survives a JSON round trip.</remarks>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public SortedDictionary<string, string> Extra { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Labels derived from the record by later analysis (industry chain, sub-topic, technology field …),
    /// facet values by label name. The search side stores and indexes them without knowing what they mean.
    /// </summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public SortedDictionary<string, List<string>> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Scores derived by later analysis (e.g. <c>valueIndex</c> in 0–1), by name.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public SortedDictionary<string, double> Scores { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where this record came from; a merged record lists every source.</summary>
    public List<Provenance> Provenance { get; set; } = [];

    public string? Title(string language) => LocalizedText.Pick(Titles, language);
    public string? Abstract(string language) => LocalizedText.Pick(Abstracts, language);
}

public enum DocumentType
{
    Unknown = 0,
    Invention,
    UtilityModel,
    Design,
    Plant,
    Reissue,
}

/// <summary>Whether this publication is an application publication or a granted patent.</summary>
public enum PublicationStage
{
    Unknown = 0,
    Application,
    Grant,
}

/// <summary>Normalised legal status; the source text stays in <see cref="PatentRecord.LegalStatusText"/>.</summary>
public enum LegalStatus
{
    Unknown = 0,
    /// <summary>审中: filed, published or under examination.</summary>
    Pending,
    /// <summary>有权: granted and maintained.</summary>
    InForce,
    /// <summary>无权-未缴年费终止: ended early because fees were not paid.</summary>
    Lapsed,
    /// <summary>无权-期限届满: reached the end of its term.</summary>
    Expired,
    /// <summary>无权-撤回 / 视为撤回 / 放弃 / 驳回: the application ended without a grant, or the right was surrendered.</summary>
    Withdrawn,
    /// <summary>无权-全部无效: declared invalid.</summary>
    Invalidated,
}

public enum PartyType
{
    Unknown = 0,
    University,
    ResearchInstitute,
    Enterprise,
    Individual,
    Government,
}

public sealed record LocalizedText(string Language, string Text)
{
    /// <summary>The text in <paramref name="language"/>, else the first one.</summary>
    public static string? Pick(IReadOnlyList<LocalizedText> texts, string language)
    {
        foreach (var t in texts)
            if (string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase)) return t.Text;
        return texts.Count > 0 ? texts[0].Text : null;
    }
}

public sealed record Party
{
    public required string Name { get; init; }
    public string? Address { get; init; }
    /// <summary>Country of residence (ISO 3166), where known.</summary>
    public string? Country { get; init; }
    public PartyType Type { get; init; }
    /// <summary>True when <see cref="Type"/> was inferred from the name rather than given by the source.</summary>
    public bool TypeInferred { get; init; }
}

public sealed record PriorityClaim(string Country, string Number, DateOnly? Date);

public sealed record LegalEvent(DateOnly? Date, string Code, string? Description);

public sealed class PatentCounts
{
    public int? Citations { get; set; }
    public int? CitedBy { get; set; }
    public int? FamilySize { get; set; }
    public int? Transfers { get; set; }
    public int? Licenses { get; set; }
    public int? Pledges { get; set; }
}

/// <summary>Where a record was read: file, format, and its line (CSV/JSONL) or document index (XML, 1-based).</summary>
public sealed record Provenance(string SourceFile, string Format, long? Line = null, long? DocumentIndex = null);
