using Search.Indexer.Records;

namespace Search.Indexer.Normalization;

/// <summary>
/// Merges two records of the same publication (e.g. a USPTO grant and its DOCDB biblio) into
/// one, keeping the more complete value of every field and the provenance of both. Merging a
/// record with itself changes nothing, so loading the same file twice is harmless.
/// </summary>
public static class RecordMerger
{
    public static PatentRecord Merge(PatentRecord existing, PatentRecord incoming)
    {
        if (existing.Id != incoming.Id)
            throw new ArgumentException($"Cannot merge {incoming.Id} into {existing.Id}: different publications.", nameof(incoming));
        return MergeFields(existing, incoming);
    }

    /// <summary>
    /// Takes a record keyed by its application number (<see cref="PatentRecord.KeyedByApplication"/>) into a publication
    /// of the same application: the publication keeps its identity, gains what only the application record had, and
    /// keeps the application record's labels and scores where it has none of its own.
    /// </summary>
    public static PatentRecord MergeApplication(PatentRecord publication, PatentRecord application)
    {
        if (!application.KeyedByApplication || publication.ApplicationNumber?.Key != application.ApplicationNumber!.Key)
            throw new ArgumentException($"Cannot merge {application.Id} into {publication.Id}: not the record of its application.", nameof(application));
        var r = MergeFields(publication, application);
        foreach (var (name, values) in application.Labels) r.Labels.TryAdd(name, values);
        foreach (var (name, value) in application.Scores) r.Scores.TryAdd(name, value);
        return r;
    }

    private static PatentRecord MergeFields(PatentRecord existing, PatentRecord incoming)
    {
        var r = existing;
        r.ApplicationNumber = PreferNumber(r.ApplicationNumber, incoming.ApplicationNumber);
        r.OtherPublicationNumbers = Union(r.OtherPublicationNumbers, incoming.OtherPublicationNumbers);
        if (r.DocumentType == DocumentType.Unknown) r.DocumentType = incoming.DocumentType;
        if (r.Stage == PublicationStage.Unknown) r.Stage = incoming.Stage;
        r.Titles = MergeTexts(r.Titles, incoming.Titles);
        r.Abstracts = MergeTexts(r.Abstracts, incoming.Abstracts);
        r.FirstClaims = MergeTexts(r.FirstClaims, incoming.FirstClaims);
        r.Applicants = MergeParties(r.Applicants, incoming.Applicants);
        r.Inventors = MergeParties(r.Inventors, incoming.Inventors);
        r.Agency ??= incoming.Agency;
        r.IpcCodes = Union(r.IpcCodes, incoming.IpcCodes);
        r.CpcCodes = Union(r.CpcCodes, incoming.CpcCodes);
        r.ApplicationDate ??= incoming.ApplicationDate;
        r.PublicationDate ??= incoming.PublicationDate;
        r.GrantDate ??= incoming.GrantDate;
        r.LapseDate ??= incoming.LapseDate;
        r.Priorities = Union(r.Priorities, incoming.Priorities);
        r.FamilyId ??= incoming.FamilyId;
        r.FamilyMembers = Union(r.FamilyMembers, incoming.FamilyMembers);
        if (r.LegalStatus == LegalStatus.Unknown)
        {
            r.LegalStatus = incoming.LegalStatus;
            r.LegalStatusText = incoming.LegalStatusText;
        }
        r.LegalStatusText ??= incoming.LegalStatusText;
        r.LegalEvents = Union(r.LegalEvents, incoming.LegalEvents);
        r.RegionCode ??= incoming.RegionCode;
        r.CitedDocuments = Union(r.CitedDocuments, incoming.CitedDocuments);
        r.Counts = new PatentCounts
        {
            Citations = Max(r.Counts.Citations, incoming.Counts.Citations),
            CitedBy = Max(r.Counts.CitedBy, incoming.Counts.CitedBy),
            FamilySize = Max(r.Counts.FamilySize, incoming.Counts.FamilySize),
            Transfers = Max(r.Counts.Transfers, incoming.Counts.Transfers),
            Licenses = Max(r.Counts.Licenses, incoming.Counts.Licenses),
            Pledges = Max(r.Counts.Pledges, incoming.Counts.Pledges),
        };
        foreach (var (k, v) in incoming.Extra)
            r.Extra.TryAdd(k, v);
        r.Provenance = Union(r.Provenance, incoming.Provenance);
        return r;
    }

    private static PatentNumber? PreferNumber(PatentNumber? a, PatentNumber? b) =>
        a is null ? b : (a.CheckDigit is null && b is not null && b.Key == a.Key && b.CheckDigit is not null ? b : a);

    private static List<T> Union<T>(List<T> a, List<T> b)
    {
        if (b.Count == 0) return a;
        var result = new List<T>(a);
        foreach (var x in b)
            if (!result.Contains(x)) result.Add(x);
        return result;
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    // Per language, the longer text is the more complete one (a full abstract over a truncated one).
    private static List<LocalizedText> MergeTexts(List<LocalizedText> a, List<LocalizedText> b)
    {
        var result = new List<LocalizedText>(a);
        foreach (var t in b)
        {
            var i = result.FindIndex(x => x.Language == t.Language);
            if (i < 0) result.Add(t);
            else if (t.Text.Length > result[i].Text.Length) result[i] = t;
        }
        return result;
    }

    // The longer list of parties is the more complete; addresses and types fill in by name.
    private static List<Party> MergeParties(List<Party> a, List<Party> b)
    {
        var (main, other) = b.Count > a.Count ? (b, a) : (a, b);
        return main.Select(p =>
        {
            var match = other.FirstOrDefault(o => string.Equals(o.Name, p.Name, StringComparison.OrdinalIgnoreCase));
            if (match is null) return p;
            return p with
            {
                Address = p.Address ?? match.Address,
                Country = p.Country ?? match.Country,
                Type = p.TypeInferred && !match.TypeInferred && match.Type != PartyType.Unknown ? match.Type : p.Type,
                TypeInferred = p.TypeInferred && match.TypeInferred,
            };
        }).ToList();
    }
}
