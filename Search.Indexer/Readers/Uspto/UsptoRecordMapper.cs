using System.Text.RegularExpressions;
using System.Xml.Linq;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Readers.Uspto;

/// <summary>Why a parsed document could not become a record: the element at fault and what was wrong.</summary>
internal sealed record MappingFailure(string Field, RejectionReason Reason);

/// <summary>
/// Maps a parsed USPTO document to a <see cref="PatentRecord"/>. One tolerant mapping serves
/// v4.0–v4.7 of <c>us-patent-grant</c> and <c>us-patent-application</c>: where an element moved
/// between versions both places are read (<c>parties</c> / <c>us-parties</c>,
/// <c>applicants/applicant</c> / <c>us-applicants/us-applicant</c>, <c>classification-ipc</c> /
/// <c>classifications-ipcr</c>, <c>references-cited</c> / <c>us-references-cited</c>), which is
/// also "the closest known mapping" for a version this code has never seen. The pre-2005
/// <c>patent-application-publication</c> (pap-v16) has its own mapping.
/// </summary>
/// <remarks>
/// Legal status is left <see cref="LegalStatus.Unknown"/> for grants and applications alike: a
/// weekly bibliographic file says what was published that day, not whether fees were paid, the
/// term ran out, or an application was later granted or abandoned. Writing InForce or Pending
/// would state as present fact something the source only implied years ago; a legal-status
/// source merged later (see <see cref="RecordMerger"/>) fills the field.
/// </remarks>
internal static partial class UsptoRecordMapper
{
    private const string Format = "uspto-xml";
    private const string Language = "en";

    [GeneratedRegex(@"^\s*1\s*\.\s*")]
    private static partial Regex LeadingClaimNumber();

    [GeneratedRegex(@"^[A-H]\d{2}[A-Z]$")]
    private static partial Regex Subclass();

    public static (PatentRecord? Record, MappingFailure? Failure) Map(XElement root, UsptoDtd dtd, Provenance provenance) =>
        dtd.IsPreGrantPublication ? MapPreGrantPublication(root, dtd, provenance) : MapV4(root, dtd, provenance);

    private static (PatentRecord?, MappingFailure?) MapV4(XElement root, UsptoDtd dtd, Provenance provenance)
    {
        var isGrant = dtd.Root == UsptoDtd.Grant;
        var bib = root.Element(isGrant ? "us-bibliographic-data-grant" : "us-bibliographic-data-application")
                  ?? root.Element("us-bibliographic-data-grant") ?? root.Element("us-bibliographic-data-application");
        var pub = bib.Path("publication-reference", "document-id");
        var number = PublicationNumber(dtd, pub.ValueAt("country") ?? root.Attribute("country")?.Value ?? "US",
            pub.ValueAt("doc-number"), pub.ValueAt("kind"), "publication-reference/document-id/doc-number", out var failure);
        if (number is null) return (null, failure);

        var publicationDate = RequiredDate(dtd, pub.ValueAt("date") ?? root.Attribute("date-publ")?.Value, "publication-reference/document-id/date", out failure);
        if (failure is not null) return (null, failure);
        var title = UsptoXml.Text(bib?.Element("invention-title"));
        if (title is null) return (null, Missing(dtd, "invention-title", RejectionReasons.UsptoNoInventionTitle.With()));

        var appRef = bib.Path("application-reference");
        var app = appRef.Path("document-id");
        var record = new PatentRecord
        {
            PublicationNumber = number,
            ApplicationNumber = ApplicationNumber(app.ValueAt("country"), app.ValueAt("doc-number"), bib.ValueAt("us-application-series-code")),
            ApplicationDate = OptionalDate(app.ValueAt("date")),
            PublicationDate = publicationDate,
            GrantDate = isGrant ? publicationDate : null,
            Titles = [new LocalizedText(Language, title)],
            LegalStatus = LegalStatus.Unknown,
            Provenance = [provenance],
        };
        (record.DocumentType, record.Stage) = TypeAndStage(number, appRef?.Attribute("appl-type")?.Value, isGrant);

        if (UsptoXml.Text(root.Element("abstract")) is { } abstractText) record.Abstracts.Add(new LocalizedText(Language, abstractText));
        if (FirstClaim(root.Element("claims")?.Elements("claim")) is { } claim) record.FirstClaims.Add(new LocalizedText(Language, claim));

        record.IpcCodes = Distinct(IpcrSymbols(bib.All("classifications-ipcr", "classification-ipcr"))
            .Concat(UsptoIpcSymbols(bib.All("classification-ipc", "main-classification").Concat(bib.All("classification-ipc", "further-classification")))));
        record.CpcCodes = Distinct(IpcrSymbols(bib.All("classifications-cpc", "main-cpc", "classification-cpc")
            .Concat(bib.All("classifications-cpc", "further-cpc", "classification-cpc"))));

        MapV4Parties(bib, record);
        MapV4Citations(bib, record);
        MapV4Related(bib, record);
        if (bib.ValueAt("number-of-claims") is { } claims) record.Extra["number-of-claims"] = claims;
        return (record, null);
    }

    private static void MapV4Parties(XElement? bib, PatentRecord record)
    {
        var parties = bib?.Element("parties") ?? bib?.Element("us-parties");
        var applicants = parties.All("applicants", "applicant").Concat(parties.All("us-applicants", "us-applicant")).ToList();
        // v4.0–v4.2 list inventors as applicants of type "applicant-inventor"; v4.3 on list them
        // apart under inventors (and, since the AIA, applicants may be the assignee instead).
        var inventors = parties.All("inventors", "inventor").ToList();
        if (inventors.Count == 0)
            inventors = applicants.Where(IsInventor).ToList();
        record.Inventors = Distinct(inventors.Select(i => PartyFrom(i, PartyType.Individual)));

        // The assignees own the patent: they are the applicants the product reasons about.
        var assignees = bib.All("assignees", "assignee").Concat(parties.All("assignees", "assignee")).ToList();
        var owners = assignees.Select(a => PartyFrom(a, a.ValueAt("addressbook", "role") ?? a.ValueAt("role")));
        var nonInventorApplicants = applicants.Where(a => !IsInventor(a)).Select(a => PartyFrom(a, role: null));
        record.Applicants = Distinct(owners);
        if (record.Applicants.Count == 0) record.Applicants = Distinct(nonInventorApplicants);
        if (record.Applicants.Count == 0) record.Applicants = [.. record.Inventors];

        var agent = parties.All("agents", "agent").FirstOrDefault()?.Element("addressbook");
        record.Agency = agent is null ? null : agent.ValueAt("orgname") ?? PersonName(agent);
    }

    private static bool IsInventor(XElement applicant) =>
        applicant.Attribute("app-type")?.Value.Contains("inventor", StringComparison.OrdinalIgnoreCase) == true;

    private static void MapV4Citations(XElement? bib, PatentRecord record)
    {
        var references = bib?.Element("references-cited") ?? bib?.Element("us-references-cited");
        if (references is null) return;
        var citations = references.Elements("citation").Concat(references.Elements("us-citation")).ToList();
        // Counts.Citations counts every backward citation, patent and non-patent literature alike;
        // CitedDocuments lists the patent ones by number.
        record.Counts.Citations = citations.Count;
        record.CitedDocuments = Distinct(citations
            .Select(c => c.Path("patcit", "document-id"))
            .Select(d => OtherNumber(d.ValueAt("country") ?? "US", d.ValueAt("doc-number"), d.ValueAt("kind"))));
    }

    private static void MapV4Related(XElement? bib, PatentRecord record)
    {
        foreach (var claim in bib.All("priority-claims", "priority-claim"))
        {
            if (claim.ValueAt("doc-number") is not { } n) continue;
            record.Priorities.Add(new PriorityClaim(claim.ValueAt("country") ?? "", n, OptionalDate(claim.ValueAt("date"))));
        }

        var related = bib?.Element("us-related-documents");
        // A US provisional application is the domestic priority of this one (35 U.S.C. 119(e)).
        foreach (var provisional in related.All("us-provisional-application", "document-id"))
        {
            if (provisional.ValueAt("doc-number") is { } n)
                record.Priorities.Add(new PriorityClaim(provisional.ValueAt("country") ?? "US", n, OptionalDate(provisional.ValueAt("date"))));
        }
        // The pre-grant publication of this same application.
        record.OtherPublicationNumbers = Distinct(related.All("related-publication", "document-id")
            .Select(d => ParsedNumber(d.ValueAt("country") ?? "US", d.ValueAt("doc-number"), d.ValueAt("kind"))))
            .Where(n => n != record.PublicationNumber).ToList();

        var family = new List<string?>();
        var applications = new List<string>();
        foreach (var relation in related?.Elements().SelectMany(e => e.Elements("relation")) ?? [])
        {
            var parent = relation.Element("parent-doc");
            family.AddRange(parent.All("parent-grant-document", "document-id")
                .Select(d => OtherNumber(d.ValueAt("country") ?? "US", d.ValueAt("doc-number"), d.ValueAt("kind"))));
            if (parent.Path("document-id") is { } parentApp && parentApp.ValueAt("doc-number") is { } n)
                applications.Add(RelatedApplication(relation.Parent!.Name.LocalName, parentApp.ValueAt("country") ?? "US", n, parent.ValueAt("parent-status")));
        }
        // A PCT publication (WO …) of the same invention is a family member.
        family.AddRange(bib.All("pct-or-regional-publishing-data", "document-id")
            .Select(d => OtherNumber(d.ValueAt("country") ?? "WO", d.ValueAt("doc-number"), d.ValueAt("kind"))));
        record.FamilyMembers = Distinct(family).Where(f => f != record.Id).ToList();
        if (applications.Count > 0) record.Extra["related-applications"] = string.Join("; ", applications.Distinct());
    }

    private static (PatentRecord?, MappingFailure?) MapPreGrantPublication(XElement root, UsptoDtd dtd, Provenance provenance)
    {
        var bib = root.Element("subdoc-bibliographic-information");
        var doc = bib.Path("document-id");
        var number = PublicationNumber(dtd, doc.ValueAt("country-code") ?? "US", doc.ValueAt("doc-number"), doc.ValueAt("kind-code"),
            "subdoc-bibliographic-information/document-id/doc-number", out var failure);
        if (number is null) return (null, failure);
        var publicationDate = RequiredDate(dtd, doc.ValueAt("document-date"), "document-id/document-date", out failure);
        if (failure is not null) return (null, failure);
        var technical = bib.Path("technical-information");
        var title = UsptoXml.Text(technical?.Element("title-of-invention"));
        if (title is null) return (null, Missing(dtd, "title-of-invention", RejectionReasons.UsptoNoTitleOfInvention.With()));

        var filing = bib.Path("domestic-filing-data");
        var record = new PatentRecord
        {
            PublicationNumber = number,
            ApplicationNumber = ApplicationNumber("US", filing.ValueAt("application-number", "doc-number"), filing.ValueAt("application-number-series-code")),
            ApplicationDate = OptionalDate(filing.ValueAt("filing-date")),
            PublicationDate = publicationDate,
            Titles = [new LocalizedText(Language, title)],
            LegalStatus = LegalStatus.Unknown,
            Provenance = [provenance],
        };
        (record.DocumentType, record.Stage) = TypeAndStage(number, null, isGrant: false);

        if (UsptoXml.Text(root.Element("subdoc-abstract")) is { } abstractText) record.Abstracts.Add(new LocalizedText(Language, abstractText));
        if (FirstClaim(root.Element("subdoc-claims")?.Elements("claim")) is { } claim) record.FirstClaims.Add(new LocalizedText(Language, claim));

        var ipc = technical.Path("classification-ipc");
        record.IpcCodes = Distinct(UsptoIpcSymbols(ipc.All("classification-ipc-primary", "ipc").Concat(ipc.All("classification-ipc-secondary", "ipc"))));

        var inventors = bib.All("inventors", "first-named-inventor").Concat(bib.All("inventors", "inventor"));
        record.Inventors = Distinct(inventors.Select(PapInventor));
        record.Applicants = Distinct(bib.All("assignee").Select(PapAssignee));
        // In this format the applicants are the inventors unless an assignee is named.
        if (record.Applicants.Count == 0) record.Applicants = [.. record.Inventors];

        foreach (var priority in bib.All("foreign-priority-data"))
        {
            if (priority.ValueAt("priority-application-number", "doc-number") is { } n)
                record.Priorities.Add(new PriorityClaim(priority.ValueAt("country-code") ?? "", n, OptionalDate(priority.ValueAt("filing-date"))));
        }
        var continuity = bib.Path("continuity-data");
        foreach (var provisional in continuity?.Descendants("non-provisional-of-provisional") ?? [])
        {
            var id = provisional.Descendants("document-id").FirstOrDefault();
            if (id.ValueAt("doc-number") is { } n)
                record.Priorities.Add(new PriorityClaim("US", n, OptionalDate(id.ValueAt("document-date"))));
        }
        record.FamilyMembers = Distinct((continuity?.Descendants("parent-patent") ?? [])
            .Select(p => p.Element("document-id"))
            .Select(d => OtherNumber(d.ValueAt("country-code") ?? "US", d.ValueAt("doc-number"), d.ValueAt("kind-code"))))
            .Where(f => f != record.Id).ToList();
        var applications = (continuity?.Descendants("parent-child") ?? [])
            .Select(pc => (Relation: pc.Parent?.Name.LocalName ?? "related", Parent: pc.Path("parent", "document-id"), Status: pc.ValueAt("parent-status")))
            .Where(x => x.Parent.ValueAt("doc-number") is not null)
            .Select(x => RelatedApplication(x.Relation, x.Parent.ValueAt("country-code") ?? "US", x.Parent.ValueAt("doc-number")!, x.Status))
            .Distinct().ToList();
        if (applications.Count > 0) record.Extra["related-applications"] = string.Join("; ", applications);
        return (record, null);
    }

    private static Party? PapInventor(XElement inventor)
    {
        var name = inventor.Element("name");
        var full = PartyNames.Clean(Join(" ", name.ValueAt("given-name"), name.ValueAt("middle-name"), name.ValueAt("family-name")));
        if (full is null) return null;
        if (name.ValueAt("name-suffix") is { } suffix) full += ", " + suffix;
        var residence = inventor.Path("residence")?.Elements().FirstOrDefault();
        var country = CountryCode(residence.ValueAt("country-code")) ?? (residence?.Name.LocalName == "residence-us" ? "US" : null);
        return ApplicantTypeClassifier.Create(full, Join(", ", residence.ValueAt("city"), residence.ValueAt("state")), PartyType.Individual, country);
    }

    private static Party? PapAssignee(XElement assignee)
    {
        var name = assignee.ValueAt("organization-name")
                   ?? PartyNames.Clean(Join(" ", assignee.ValueAt("name", "given-name"), assignee.ValueAt("name", "middle-name"), assignee.ValueAt("name", "family-name")));
        if (name is null) return null;
        var address = assignee.Element("address");
        var country = CountryCode(address.ValueAt("country", "country-code") ?? address.ValueAt("country-code"));
        return ApplicantTypeClassifier.Create(name, Join(", ", address.ValueAt("city"), address.ValueAt("state")), RoleType(assignee.ValueAt("assignee-type")), country);
    }

    /// <summary>An owner from an applicant or assignee element, typed by its USPTO role code where that is decisive.</summary>
    private static Party? PartyFrom(XElement element, string? role)
    {
        var party = PartyFrom(element, RoleType(role));
        if (party is null || !party.TypeInferred || party.Type is not (PartyType.Individual or PartyType.Unknown)) return party;
        var isOrganisation = element.Element("addressbook").ValueAt("orgname") is not null;
        // Role 02/03 is "company or corporation": a name the classifier cannot place ("Sway AS") is a company.
        if (isOrganisation && role?.TrimStart('0') is "2" or "3") return party with { Type = PartyType.Enterprise };
        // A named organisation is never an individual, whatever its name looks like.
        return isOrganisation && party.Type == PartyType.Individual ? party with { Type = PartyType.Unknown } : party;
    }

    /// <summary>A party from an applicant, inventor, assignee or agent element holding an addressbook.</summary>
    private static Party? PartyFrom(XElement element, PartyType given)
    {
        var book = element.Element("addressbook") ?? element;
        var org = book.ValueAt("orgname");
        var name = org ?? PersonName(book);
        if (name is null) return null;
        var address = book.Element("address");
        var country = CountryCode(address.ValueAt("country")) ?? CountryCode(element.ValueAt("residence", "country"));
        var text = Join(", ", address.ValueAt("street"), address.ValueAt("address-1"), address.ValueAt("address-2"), address.ValueAt("city"), address.ValueAt("state"));
        if (org is not null && given == PartyType.Individual) given = PartyType.Unknown;
        return ApplicantTypeClassifier.Create(name, text, given, country);
    }

    /// <summary>"Given Family" (with a suffix after a comma), the order people read names in.</summary>
    private static string? PersonName(XElement book)
    {
        var name = PartyNames.Clean(Join(" ", book.ValueAt("first-name"), book.ValueAt("middle-name"), book.ValueAt("last-name")) ?? book.ValueAt("name"));
        if (name is not null && book.ValueAt("suffix") is { } suffix) name += ", " + suffix;
        return name;
    }

    // USPTO assignee type codes: 02/03 US/foreign company (which includes universities, so the
    // name decides), 04/05 individual, 06/07 US/foreign government, 08/09 county/state government.
    private static PartyType RoleType(string? role) => role?.TrimStart('0') switch
    {
        "4" or "5" => PartyType.Individual,
        "6" or "7" or "8" or "9" => PartyType.Government,
        _ => PartyType.Unknown,
    };

    private static (DocumentType, PublicationStage) TypeAndStage(PatentNumber number, string? applicationType, bool isGrant)
    {
        var (type, _) = KindCodes.Classify(number.Country, number.Kind);
        if (type == DocumentType.Unknown)
        {
            type = applicationType?.ToLowerInvariant() switch
            {
                "utility" or "sir" => DocumentType.Invention,
                "design" => DocumentType.Design,
                "plant" => DocumentType.Plant,
                "reissue" => DocumentType.Reissue,
                _ => number.Number.StartsWith('D') ? DocumentType.Design
                    : number.Number.StartsWith("RE", StringComparison.Ordinal) ? DocumentType.Reissue
                    : number.Number.StartsWith("PP", StringComparison.Ordinal) ? DocumentType.Plant
                    : DocumentType.Unknown,
            };
        }
        // The root element, not the kind code, says whether this is a grant or an application publication.
        return (type, isGrant ? PublicationStage.Grant : PublicationStage.Application);
    }

    private static PatentNumber? PublicationNumber(UsptoDtd dtd, string country, string? docNumber, string? kind, string field, out MappingFailure? failure)
    {
        failure = null;
        if (docNumber is null)
        {
            failure = Missing(dtd, field, RejectionReasons.UsptoNoNumber.With());
            return null;
        }
        var number = ParsedNumber(country, docNumber, kind);
        if (number is null)
            failure = new MappingFailure(field, RejectionReasons.UsptoNumberInvalid.With(docNumber));
        return number;
    }

    /// <summary>The number from its XML parts, or null when the parts do not make one.</summary>
    private static PatentNumber? ParsedNumber(string country, string? docNumber, string? kind)
    {
        if (string.IsNullOrWhiteSpace(docNumber)) return null;
        var n = PatentNumber.FromParts(country, docNumber, kind);
        return PatentNumber.TryParse(n.Canonical, out _) && n.Number.Length > 0 ? n : null;
    }

    private static string? OtherNumber(string country, string? docNumber, string? kind) => ParsedNumber(country, docNumber, kind)?.Canonical;

    /// <summary>US application numbers carry the two-digit series code in front of the serial: 10/339,710 → 10339710.</summary>
    private static PatentNumber? ApplicationNumber(string? country, string? docNumber, string? seriesCode)
    {
        if (docNumber is null) return null;
        var digits = docNumber.Trim();
        if (digits.Length == 6 && seriesCode is { Length: 2 } && digits.All(char.IsAsciiDigit))
            digits = seriesCode + digits;
        return ParsedNumber(country ?? "US", digits, null);
    }

    private static string RelatedApplication(string relation, string country, string docNumber, string? status)
    {
        // pap-v16 names the relation "continuation-of", v4 "continuation".
        if (relation.EndsWith("-of", StringComparison.Ordinal)) relation = relation[..^3];
        var number = ParsedNumber(country, docNumber, null)?.Canonical ?? country + docNumber;
        return status is null ? $"{relation} of {number}" : $"{relation} of {number} ({status})";
    }

    private static DateOnly? RequiredDate(UsptoDtd dtd, string? text, string field, out MappingFailure? failure)
    {
        failure = null;
        if (!PatentDates.TryParseWithReason(text, out var date, out var error))
            failure = new MappingFailure(field, error!);
        else if (date is null)
            failure = Missing(dtd, field, RejectionReasons.UsptoNoDate.With());
        return date;
    }

    private static DateOnly? OptionalDate(string? text) => PatentDates.TryParse(text, out var date, out _) ? date : null;

    private static MappingFailure Missing(UsptoDtd dtd, string field, RejectionReason what) =>
        new(field, dtd.Known ? what : RejectionReasons.Pair.With(dtd.NotSupported(), what));

    private static string? FirstClaim(IEnumerable<XElement>? claims)
    {
        var text = UsptoXml.Text(claims?.FirstOrDefault());
        return text is null ? null : TextNormalizer.Clean(LeadingClaimNumber().Replace(text, ""));
    }

    /// <summary>IPCR and CPC symbols from their parts: section, class, subclass, main-group, subgroup.</summary>
    private static IEnumerable<string?> IpcrSymbols(IEnumerable<XElement> elements) =>
        elements
            // The first symbol (symbol-position F) is the main classification.
            .OrderBy(e => e.ValueAt("symbol-position") == "F" ? 0 : 1)
            .Select(e => Normalize($"{e.ValueAt("section")}{e.ValueAt("class")}{e.ValueAt("subclass")}{e.ValueAt("main-group")}/{e.ValueAt("subgroup")}"));

    /// <summary>
    /// Pre-2006 IPC strings as USPTO writes them: positional <c>A45F  504</c> (subclass, group
    /// right-aligned in three places, then the subgroup: A45F 5/04), or <c>A41B001/00</c>.
    /// </summary>
    private static IEnumerable<string?> UsptoIpcSymbols(IEnumerable<XElement> elements)
    {
        foreach (var e in elements)
        {
            var raw = e.Value.TrimEnd();
            if (raw.Length >= 9 && !raw.Contains('/', StringComparison.Ordinal) && Subclass().IsMatch(raw[..4]))
                yield return Normalize($"{raw[..4]}{raw[4..7].Trim()}/{raw[7..].Trim()}");
            else
                yield return Normalize(raw);
        }
    }

    private static string? Normalize(string raw) => Classification.TryNormalize(raw, out var code, out _) ? code : null;

    private static string? CountryCode(string? text) =>
        text is { Length: 2 } && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiLetterUpper(text[1]) ? text : null;

    private static string? Join(string separator, params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return present.Count == 0 ? null : string.Join(separator, present);
    }

    private static List<T> Distinct<T>(IEnumerable<T?> items) where T : class =>
        items.OfType<T>().Distinct().ToList();

    private static List<Party> Distinct(IEnumerable<Party?> parties)
    {
        var result = new List<Party>();
        foreach (var p in parties)
            if (p is not null && !result.Any(r => string.Equals(r.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
                result.Add(p);
        return result;
    }
}
