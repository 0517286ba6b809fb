namespace Search.Indexer.Records;

/// <summary>
/// The bibliographic summary of a record: what corpus-wide statistics (navigation reports, the city's
/// indicators) count, without the long texts (abstracts, claims) and lists (inventors, priorities, family,
/// legal events, citations, source columns, provenance) that make up most of a stored record.
/// Engines keep it beside the record so that a pass over a million records reads a fraction of the bytes
/// (<see cref="Engine.IPatentIndex.ScanAsync"/> with <see cref="Engine.RecordView.Summary"/>).
/// </summary>
public static class RecordSummary
{
    /// <summary>The JSON properties (<see cref="RecordJson"/> names) a summary keeps, for engines that filter stored sources.</summary>
    public static IReadOnlyList<string> Properties { get; } =
    [
        "publicationNumber", "applicationNumber", "documentType", "stage", "titles", "applicants", "ipcCodes", "cpcCodes",
        "applicationDate", "publicationDate", "grantDate", "lapseDate", "legalStatus", "regionCode", "counts", "labels", "scores",
    ];

    /// <summary>A new record holding only the summary of <paramref name="r"/> (lists are copied; parties and texts are immutable and shared).</summary>
    public static PatentRecord Of(PatentRecord r)
    {
        var summary = new PatentRecord
        {
            PublicationNumber = r.PublicationNumber,
            ApplicationNumber = r.ApplicationNumber,
            DocumentType = r.DocumentType,
            Stage = r.Stage,
            Titles = [.. r.Titles],
            Applicants = [.. r.Applicants],
            IpcCodes = [.. r.IpcCodes],
            CpcCodes = [.. r.CpcCodes],
            ApplicationDate = r.ApplicationDate,
            PublicationDate = r.PublicationDate,
            GrantDate = r.GrantDate,
            LapseDate = r.LapseDate,
            LegalStatus = r.LegalStatus,
            RegionCode = r.RegionCode,
            Counts = new PatentCounts
            {
                Citations = r.Counts.Citations, CitedBy = r.Counts.CitedBy, FamilySize = r.Counts.FamilySize,
                Transfers = r.Counts.Transfers, Licenses = r.Counts.Licenses, Pledges = r.Counts.Pledges,
            },
        };
        foreach (var (name, values) in r.Labels) summary.Labels[name] = [.. values];
        foreach (var (name, value) in r.Scores) summary.Scores[name] = value;
        return summary;
    }
}
