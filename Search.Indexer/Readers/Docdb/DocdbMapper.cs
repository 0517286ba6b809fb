using System.Text.RegularExpressions;
using System.Xml.Linq;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Readers.Docdb;

/// <summary>A field of one document that cannot be mapped; the document becomes a rejection naming it.</summary>
internal sealed class DocdbFieldException(string field, RejectionReason reason) : Exception(reason.ToString())
{
    public RejectionReason Reason { get; } = reason;

    public string Field { get; } = field;
}

/// <summary>
/// Maps the elements of an OPS / DOCDB exchange response to <see cref="PatentRecord"/>s. Elements are
/// matched by local name: OPS writes them in the default exchange namespace, DOCDB bulk files with an
/// <c>exch:</c> prefix, full-text responses in the fulltext namespace.
/// </summary>
internal static partial class DocdbMapper
{
    public const string Format = "docdb-xml";

    // "SCIENT DRILLING INT [US]": DOCDB/epodoc names end with the residence country in brackets.
    [GeneratedRegex(@"\s*\[(?<cc>[A-Z]{2})\]\s*$")]
    private static partial Regex ResidenceMarker();

    // epodoc PCT application numbers: WO + year + receiving office + serial (WO2013US64552).
    [GeneratedRegex(@"^(?<year>\d{4})(?<ro>[A-Z]{2})(?<serial>\d+)$")]
    private static partial Regex EpodocPct();

    [GeneratedRegex(@"(?m)^\s*1\s*[.)]")]
    private static partial Regex FirstClaimStart();

    [GeneratedRegex(@"(?m)^\s*2\s*[.)]\s")]
    private static partial Regex SecondClaimStart();

    /// <summary>An <c>exchange-document</c> with its bibliographic data.</summary>
    public static PatentRecord MapExchangeDocument(XElement doc, Provenance provenance)
    {
        var biblio = Child(doc, "bibliographic-data");
        if (biblio is null)
        {
            var status = Attr(doc, "status");
            throw new DocdbFieldException("bibliographic-data", status is null
                ? RejectionReasons.DocdbNoBibliographicData.With()
                : RejectionReasons.DocdbNoBibliographicDataWithStatus.With(status));
        }
        if (Attr(doc, "status") == "D")
            throw new DocdbFieldException("status", RejectionReasons.DocdbDeletion.With());

        var number = PublicationNumber(biblio, doc);
        var record = NewRecord(number, provenance);
        record.PublicationDate = DateOf(References(biblio, "publication-reference"), "publication-reference/date")
            ?? ParseDate(Attr(doc, "date-publ"), "exchange-document/@date-publ");
        if (record.Stage == PublicationStage.Grant) record.GrantDate = record.PublicationDate;
        record.FamilyId = Attr(doc, "family-id");

        MapApplication(record, References(biblio, "application-reference"));
        MapPriorities(record, Descendants(Child(biblio, "priority-claims"), "priority-claim"));
        MapClassifications(record, biblio);
        MapParties(record, Child(biblio, "parties"));
        record.Titles = Texts(Children(biblio, "invention-title"), record.Country);
        record.Abstracts = Texts(Children(doc, "abstract").Concat(Children(biblio, "abstract")), record.Country);
        MapCitations(record, Child(biblio, "references-cited"));
        return record;
    }

    /// <summary>
    /// An <c>ops:family-member</c>: its own exchange-document when the response carries biblio,
    /// else the identity, application and priorities the member lists; legal events either way.
    /// </summary>
    public static PatentRecord MapFamilyMember(XElement member, Provenance provenance)
    {
        var doc = Descendants(member, "exchange-document").FirstOrDefault();
        PatentRecord record;
        if (doc is not null && Child(doc, "bibliographic-data") is not null)
        {
            record = MapExchangeDocument(doc, provenance);
        }
        else
        {
            var number = PublicationNumber(member, doc);
            record = NewRecord(number, provenance);
            record.PublicationDate = DateOf(References(member, "publication-reference"), "publication-reference/date");
            if (record.Stage == PublicationStage.Grant) record.GrantDate = record.PublicationDate;
            MapApplication(record, References(member, "application-reference"));
            MapPriorities(record, Children(member, "priority-claim").Concat(Descendants(Child(member, "priority-claims"), "priority-claim")));
        }
        record.FamilyId ??= Attr(member, "family-id");
        foreach (var legal in Children(member, "legal"))
            record.LegalEvents.Add(LegalEventOf(legal));
        return record;
    }

    /// <summary>
    /// An OPS full-text document: its first claim per language as a partial record, or a
    /// <see cref="DocdbFieldException"/> when it holds only a description.
    /// </summary>
    public static PatentRecord MapFulltextDocument(XElement ftxt, Provenance provenance)
    {
        var biblio = Child(ftxt, "bibliographic-data");
        var number = PublicationNumber(biblio ?? ftxt, null);
        var claims = Children(ftxt, "claims").ToList();
        if (claims.Count == 0)
        {
            var description = Child(ftxt, "description") is not null;
            throw new DocdbFieldException(description ? "description" : "claims",
                (description ? RejectionReasons.DocdbFulltextDescription : RejectionReasons.DocdbFulltextWithoutClaims).With(number.Canonical));
        }
        var record = NewRecord(number, provenance);
        foreach (var c in claims)
        {
            var text = FirstClaim(c);
            if (text is null) continue;
            var lang = LanguageOf(Attr(c, "lang"), text, number.Country);
            if (!record.FirstClaims.Exists(t => t.Language == lang))
                record.FirstClaims.Add(new LocalizedText(lang, text));
        }
        if (record.FirstClaims.Count == 0)
            throw new DocdbFieldException("claims", RejectionReasons.DocdbNoClaimText.With(number.Canonical));
        return record;
    }

    /// <summary>The publication a family/legal response was asked about (<c>ops:publication-reference</c>), if readable.</summary>
    public static PatentNumber? QueriedPublication(XElement reference)
    {
        var id = DocdbId([reference]);
        var country = Value(id, "country");
        var docNumber = Value(id, "doc-number");
        return country is null || docNumber is null ? null : PatentNumber.FromParts(country, docNumber, null);
    }

    private static PatentRecord NewRecord(PatentNumber number, Provenance provenance)
    {
        var (type, stage) = KindCodes.Classify(number.Country, number.Kind);
        return new PatentRecord
        {
            PublicationNumber = number,
            DocumentType = type,
            Stage = stage,
            Provenance = [provenance],
        };
    }

    private static PatentNumber PublicationNumber(XElement parent, XElement? doc)
    {
        var id = DocdbId(References(parent, "publication-reference"));
        var country = Value(id, "country") ?? Attr(doc, "country");
        var docNumber = Value(id, "doc-number") ?? Attr(doc, "doc-number");
        var kind = Value(id, "kind") ?? Attr(doc, "kind");
        if (country is null || docNumber is null)
            throw new DocdbFieldException("publication-reference", RejectionReasons.DocdbNoNumber.With());
        var number = PatentNumber.FromParts(country, docNumber, kind);
        if (number.Country.Length != 2 || !number.Country.All(char.IsAsciiLetterUpper) || !number.Number.Any(char.IsAsciiDigit))
            throw new DocdbFieldException("publication-reference", RejectionReasons.DocdbNumberInvalid.With(country, docNumber, kind ?? ""));
        return number;
    }

    private static void MapApplication(PatentRecord record, IReadOnlyList<XElement> references)
    {
        record.ApplicationDate = DateOf(references, "application-reference/date");
        var id = DocdbId(references);
        var country = Value(id, "country");
        var docNumber = Value(id, "doc-number");
        if (country is not null && docNumber is not null)
        {
            var kind = Value(id, "kind");
            var n = PatentNumber.FromParts(country, docNumber, kind);
            // DOCDB gives every application the placeholder kind A; W (PCT), U, T … say what it is.
            record.ApplicationNumber = n.Kind == "A" ? new PatentNumber(n.Country, n.Number, null, n.CheckDigit) : n;
        }
        var original = references.SelectMany(r => Children(r, "document-id"))
            .FirstOrDefault(d => Attr(d, "document-id-type") == "original" || Attr(d.Parent, "data-format") == "original");
        if (Value(original, "doc-number") is { } o)
            record.Extra["docdb.applicationNumberOriginal"] = o;
    }

    private static void MapPriorities(PatentRecord record, IEnumerable<XElement> claims)
    {
        foreach (var claim in claims)
        {
            var ids = Children(claim, "document-id").ToList();
            var date = DateOf([claim], "priority-claim/date");
            PriorityClaim? priority = null;
            var docdb = ids.FirstOrDefault(d => Attr(d, "document-id-type") == "docdb" || (Attr(d, "document-id-type") is null && Value(d, "country") is not null));
            var epodoc = ids.FirstOrDefault(d => Attr(d, "document-id-type") == "epodoc");
            if (Value(docdb, "country") is { } c && Value(docdb, "doc-number") is { } n)
            {
                var number = PatentNumber.FromParts(c, n, Value(docdb, "kind"));
                priority = new PriorityClaim(number.Country, number.Number, date);
            }
            else if (Value(epodoc, "doc-number") is { Length: > 2 } e)
            {
                priority = FromEpodoc(e, date);
            }
            if (priority is not null && !record.Priorities.Contains(priority))
                record.Priorities.Add(priority);
        }
    }

    // epodoc writes the kind as a trailing letter (US201261713164P) and PCT numbers as WO2013US64552;
    // both become the DOCDB form (US 201261713164, US 2013064552) so the two sources merge.
    private static PriorityClaim FromEpodoc(string epodoc, DateOnly? date)
    {
        var country = epodoc[..2].ToUpperInvariant();
        var rest = epodoc[2..].Trim();
        var pct = EpodocPct().Match(rest);
        if (country == "WO" && pct.Success)
            return new PriorityClaim(pct.Groups["ro"].Value, pct.Groups["year"].Value + pct.Groups["serial"].Value.PadLeft(6, '0'), date);
        rest = rest.TrimEnd('P', 'A', 'U', 'W', 'T');
        return new PriorityClaim(country, PatentNumber.FromParts(country, rest, null).Number, date);
    }

    private static void MapClassifications(PatentRecord record, XElement biblio)
    {
        foreach (var ipcr in Descendants(Child(biblio, "classifications-ipcr"), "classification-ipcr"))
            AddCode(record.IpcCodes, Value(ipcr, "text"), "classifications-ipcr/classification-ipcr/text");
        // IPC before IPCR (editions 1–7): main and further classifications as text.
        foreach (var ipc in Children(biblio, "classification-ipc"))
            foreach (var e in ipc.Elements().Where(e => e.Name.LocalName is "main-classification" or "further-classification"))
                AddCode(record.IpcCodes, e.Value, "classification-ipc/" + e.Name.LocalName);

        foreach (var pc in Descendants(Child(biblio, "patent-classifications"), "patent-classification"))
        {
            var scheme = Attr(Child(pc, "classification-scheme"), "scheme") ?? "";
            if (!scheme.StartsWith("CPC", StringComparison.OrdinalIgnoreCase)) continue; // UC, FI, F-term …
            var symbol = Value(pc, "classification-symbol")
                ?? $"{Value(pc, "section")}{Value(pc, "class")}{Value(pc, "subclass")}{Value(pc, "main-group")}/{Value(pc, "subgroup")}";
            AddCode(record.CpcCodes, symbol, "patent-classifications/patent-classification");
        }
    }

    private static void AddCode(List<string> codes, string? raw, string field)
    {
        if (string.IsNullOrWhiteSpace(raw)) return;
        if (!Classification.TryNormalizeWithReason(raw, out var code, out var error))
            throw new DocdbFieldException(field, error!);
        if (!codes.Contains(code)) codes.Add(code);
    }

    private static void MapParties(PatentRecord record, XElement? parties)
    {
        if (parties is null) return;
        record.Applicants = Parties(Descendants(Child(parties, "applicants"), "applicant"), "applicant-name", applicants: true);
        record.Inventors = Parties(Descendants(Child(parties, "inventors"), "inventor"), "inventor-name", applicants: false);
    }

    private sealed record RawParty(string Name, string? Country, int Sequence);

    /// <summary>
    /// DOCDB lists each party in a standardised form (docdb / epodoc, upper case, with a residence
    /// marker) and often in the original form (as filed, e.g. Chinese). The original names win; the
    /// residence country comes from the standardised entry of the same person, matched by name or,
    /// when both lists are equally long, by position.
    /// </summary>
    private static List<Party> Parties(IEnumerable<XElement> elements, string nameElement, bool applicants)
    {
        var original = new List<RawParty>();
        var standard = new List<RawParty>();
        foreach (var e in elements)
        {
            var raw = Value(Child(e, nameElement), "name") ?? Value(e, "name")
                ?? string.Join(", ", new[] { Value(Child(e, nameElement), "last-name"), Value(Child(e, nameElement), "first-name") }.Where(s => s is not null));
            var (name, marker) = CleanName(raw);
            if (name is null) continue;
            var country = marker ?? Value(Child(e, "residence"), "country") ?? Value(Child(e, "addressbook"), "country");
            var seq = int.TryParse(Attr(e, "sequence"), out var s) ? s : 0;
            (Attr(e, "data-format") == "original" ? original : standard).Add(new RawParty(name, country, seq));
        }

        var chosen = original.Count > 0 ? original : standard;
        var result = new List<Party>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var p = chosen[i];
            var country = p.Country;
            if (country is null && !ReferenceEquals(chosen, standard))
            {
                country = standard.FirstOrDefault(s => NameKey(s.Name) == NameKey(p.Name))?.Country
                    ?? (standard.Count == original.Count ? standard[i].Country : null);
            }
            if (result.Exists(r => NameKey(r.Name) == NameKey(p.Name))) continue; // the same person listed twice
            result.Add(applicants
                ? ApplicantTypeClassifier.Create(p.Name, country: country)
                : new Party { Name = p.Name, Country = country, Type = PartyType.Individual });
        }
        return result;
    }

    /// <summary>Readable name and residence marker: "WHITE, MATTHEW, " → "WHITE, MATTHEW"; "IBM [US]" → ("IBM", "US").</summary>
    internal static (string? Name, string? Country) CleanName(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return (null, null);
        var s = TextNormalizer.CollapseWhitespace(TextNormalizer.ToHalfWidth(raw));
        string? country = null;
        var m = ResidenceMarker().Match(s);
        if (m.Success)
        {
            country = m.Groups["cc"].Value;
            s = s[..m.Index];
        }
        // DOCDB ends all but the last name of a list with a comma; a final full stop ("ИНК.") is part of the name.
        s = s.Trim().TrimEnd(',', ';', '，', '；').Trim();
        return (s.Length == 0 ? null : s, country);
    }

    private static string NameKey(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    private static List<LocalizedText> Texts(IEnumerable<XElement> elements, string country)
    {
        var result = new List<LocalizedText>();
        foreach (var e in elements)
        {
            var paragraphs = Children(e, "p").Select(p => TextNormalizer.Clean(p.Value)).Where(p => p is not null).ToList();
            var text = paragraphs.Count > 0 ? string.Join(" ", paragraphs) : TextNormalizer.Clean(e.Value);
            if (text is null) continue;
            var lang = LanguageOf(Attr(e, "lang"), text, country);
            if (!result.Exists(t => t.Language == lang))
                result.Add(new LocalizedText(lang, text));
        }
        return result;
    }

    /// <summary>
    /// The language tag, lower case. Untagged text and OPS's <c>ol</c> ("original language") are
    /// named from the script, then from the publishing country.
    /// </summary>
    internal static string LanguageOf(string? lang, string text, string country)
    {
        if (!string.IsNullOrWhiteSpace(lang) && !lang.Equals("ol", StringComparison.OrdinalIgnoreCase))
            return lang.Trim().ToLowerInvariant();
        if (text.Any(c => c is >= '\u3040' and <= '\u30FF')) return "ja";
        if (text.Any(c => c is >= '\uAC00' and <= '\uD7AF')) return "ko";
        if (TextNormalizer.ContainsCjk(text)) return country == "JP" ? "ja" : "zh";
        if (text.Any(c => c is >= '\u0400' and <= '\u04FF')) return "ru";
        return country switch
        {
            "DE" or "AT" or "CH" => "de",
            "FR" => "fr",
            "ES" => "es",
            _ => "en",
        };
    }

    private static void MapCitations(PatentRecord record, XElement? references)
    {
        if (references is null) return;
        var nonPatent = 0;
        foreach (var citation in Children(references, "citation"))
        {
            if (Child(citation, "nplcit") is not null) nonPatent++;
            if (Child(citation, "patcit") is not { } patcit) continue;
            var ids = Children(patcit, "document-id").ToList();
            var docdb = ids.FirstOrDefault(d => Attr(d, "document-id-type") == "docdb");
            PatentNumber? number = null;
            if (Value(docdb, "country") is { } c && Value(docdb, "doc-number") is { } n)
                number = PatentNumber.FromParts(c, n, Value(docdb, "kind"));
            else if (ids.Select(d => Value(d, "doc-number")).FirstOrDefault(x => x is not null) is { } any && PatentNumber.TryParse(any, out var parsed))
                number = parsed;
            if (number is not null && !record.CitedDocuments.Contains(number.Canonical))
                record.CitedDocuments.Add(number.Canonical);
        }
        if (record.CitedDocuments.Count + nonPatent > 0)
            record.Counts.Citations = record.CitedDocuments.Count + nonPatent;
    }

    /// <summary>An INPADOC legal event: code and description from the attributes, date from the gazette date (L007EP).</summary>
    private static LegalEvent LegalEventOf(XElement legal)
    {
        var code = Attr(legal, "code");
        if (string.IsNullOrWhiteSpace(code))
            throw new DocdbFieldException("legal/@code", RejectionReasons.DocdbLegalEventWithoutCode.With());
        var gazette = legal.Elements().FirstOrDefault(e => e.Name.LocalName == "L007EP")?.Value;
        var date = ParseDate(gazette, "legal/L007EP");
        return new LegalEvent(date, code.Trim(), TextNormalizer.Clean(Attr(legal, "desc")));
    }

    private static string? FirstClaim(XElement claims)
    {
        var first = Children(claims, "claim").FirstOrDefault();
        var text = (first is null ? null : Children(first, "claim-text").FirstOrDefault()?.Value ?? first.Value)?.Replace("\r", "", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(text)) return null;
        // Some offices put every claim, and an OCR'd "CLAIMS" heading, in one claim-text.
        var start = FirstClaimStart().Match(text);
        if (start.Success) text = text[start.Index..];
        var second = SecondClaimStart().Match(text);
        if (second.Success && second.Index > 0) text = text[..second.Index];
        return TextNormalizer.Clean(text);
    }

    private static DateOnly? DateOf(IReadOnlyList<XElement> references, string field)
    {
        // The docdb document-id's date first, then any other form's (OPS puts application dates on epodoc).
        var ids = references.SelectMany(r => Children(r, "document-id")).ToList();
        var ordered = ids.Where(d => Attr(d, "document-id-type") is "docdb" or null).Concat(ids);
        foreach (var id in ordered)
            if (Value(id, "date") is { } d) return ParseDate(d, field);
        return null;
    }

    private static DateOnly? ParseDate(string? text, string field)
    {
        if (text is null) return null;
        if (!PatentDates.TryParseWithReason(text, out var date, out var error))
            throw new DocdbFieldException(field, error!);
        return date;
    }

    private static XElement? DocdbId(IReadOnlyList<XElement> references)
    {
        var ids = references.SelectMany(r => Children(r, "document-id")).ToList();
        return ids.FirstOrDefault(d => Attr(d, "document-id-type") == "docdb")
            ?? ids.FirstOrDefault(d => Attr(d.Parent, "data-format") == "docdb")
            ?? ids.FirstOrDefault(d => Attr(d, "document-id-type") is null && Attr(d.Parent, "data-format") is null && Value(d, "country") is not null);
    }

    private static List<XElement> References(XElement parent, string name) => Children(parent, name).ToList();

    internal static XElement? Child(XElement? e, string localName) =>
        e?.Elements().FirstOrDefault(x => x.Name.LocalName == localName);

    internal static IEnumerable<XElement> Children(XElement? e, string localName) =>
        e is null ? [] : e.Elements().Where(x => x.Name.LocalName == localName);

    private static IEnumerable<XElement> Descendants(XElement? e, string localName) =>
        e is null ? [] : e.Descendants().Where(x => x.Name.LocalName == localName);

    private static string? Value(XElement? e, string localName) =>
        Child(e, localName)?.Value is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static string? Attr(XElement? e, string name) =>
        e?.Attribute(name)?.Value is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}
