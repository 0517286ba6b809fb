using Marketplace.Web.Uploads;

namespace Marketplace.Web.Contests;

/// <summary>
/// A university's or enterprise's entry (参赛项目): patents it owns, a project summary, the team, and
/// its business plan and evaluation documents. Editable until the first stage's deadline, then frozen;
/// the eligibility check is recorded with its reasons each time the entry changes.
/// </summary>
public sealed class ContestEntry
{
    public const int MaxDocumentBytes = 10 * 1024 * 1024;

    private readonly List<EntryDocument> _documents = [];

    // For EF Core.
    private ContestEntry()
    {
        OrganizationName = "";
    }

    private ContestEntry(Guid id, Guid contestId, Guid organizationId, string organizationName, Guid createdBy, DateTime createdAt)
    {
        Id = id;
        ContestId = contestId;
        OrganizationId = organizationId;
        OrganizationName = organizationName;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid ContestId { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>Kept as entered, for results and certificates.</summary>
    public string OrganizationName { get; private set; }

    public string Group { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Summary { get; private set; } = "";

    /// <summary>Team members and roles, free text.</summary>
    public string Team { get; private set; } = "";

    /// <summary>Canonical publication numbers from the index.</summary>
    public List<string> PatentIds { get; private set; } = [];

    public bool Eligible { get; private set; }

    /// <summary>Why the entry is (not) eligible: English keys with their arguments, one per check.</summary>
    public List<EligibilityReason> EligibilityReasons { get; private set; } = [];

    /// <summary>The highest stage (order) the entry competes in; 1 at first, raised when it advances.</summary>
    public int StageReached { get; private set; } = 1;

    /// <summary>Set when the entry did not advance from the stage with this order.</summary>
    public int? EliminatedAtStage { get; private set; }

    public int? FinalRank { get; private set; }

    public Award? Award { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyCollection<EntryDocument> Documents => _documents;

    public static ContestEntry Create(Contest contest, Guid organizationId, string organizationName, Guid userId, DateTime now)
    {
        EnsureEditable(contest, now);
        return new ContestEntry(Guid.CreateVersion7(), contest.Id, organizationId, organizationName, userId, now);
    }

    public void Edit(Contest contest, string group, string title, string summary, string team, IReadOnlyList<string> patentIds, DateTime now)
    {
        EnsureEditable(contest, now);
        if (!contest.Groups.Contains(group, StringComparer.Ordinal)) throw new ContestRuleException("Choose one of the contest's groups.");
        if (string.IsNullOrWhiteSpace(title)) throw new ContestRuleException("The project needs a title.");
        if (title.Trim().Length > 200) throw new ContestRuleException("The title may have at most 200 characters.");
        if (string.IsNullOrWhiteSpace(summary)) throw new ContestRuleException("Describe the project in a summary.");
        if (summary.Length > 5000 || (team ?? "").Length > 2000) throw new ContestRuleException("The summary may have at most 5000 and the team 2000 characters.");
        if (patentIds.Count == 0) throw new ContestRuleException("Enter at least one patent.");
        if (patentIds.Count > contest.Rules.MaxPatentsPerEntry) throw new ContestRuleException("An entry may have at most {0} patents.", contest.Rules.MaxPatentsPerEntry);
        Group = group;
        Title = title.Trim();
        Summary = summary.Trim();
        Team = (team ?? "").Trim();
        PatentIds = [.. patentIds.Distinct(StringComparer.Ordinal)];
        UpdatedAt = now;
    }

    public EntryDocument AttachDocument(Contest contest, EntryDocumentKind kind, string fileName, byte[] content, string storedName, Guid userId, DateTime now)
    {
        EnsureEditable(contest, now);
        ValidatePdf(content);
        if (!Enum.IsDefined(kind)) throw new ContestRuleException("Unknown document kind.");
        // One document per kind: a new upload replaces the old one.
        _documents.RemoveAll(d => d.Kind == kind);
        var document = new EntryDocument(Guid.CreateVersion7(), Id, kind, Path.GetFileName(fileName), storedName, content.Length, userId, now);
        _documents.Add(document);
        UpdatedAt = now;
        return document;
    }

    /// <summary>A PDF by its content (starts with <c>%PDF-</c>), not by its name or declared type; at most 10 MB.</summary>
    public static void ValidatePdf(byte[] content)
    {
        switch (PdfUploads.Check(content, MaxDocumentBytes))
        {
            case PdfRefusal.Empty: throw new ContestRuleException("The document is empty.");
            case PdfRefusal.TooLarge: throw new ContestRuleException("A document may have at most 10 MB.");
            case PdfRefusal.NotPdf: throw new ContestRuleException("Only PDF documents are accepted.");
        }
    }

    public void RecordEligibility(IReadOnlyList<EligibilityReason> reasons)
    {
        EligibilityReasons = [.. reasons];
        Eligible = reasons.All(r => r.Passed);
    }

    internal void Advance(int toStage) => StageReached = Math.Max(StageReached, toStage);

    internal void Eliminate(int atStage) => EliminatedAtStage = atStage;

    internal void Rank(int rank, Award? award)
    {
        FinalRank = rank;
        Award = award;
    }

    private static void EnsureEditable(Contest contest, DateTime now)
    {
        if (!contest.AcceptsEntries(now)) throw new ContestRuleException("Entries can no longer be changed: the submission deadline has passed.");
    }
}

public enum EntryDocumentKind
{
    BusinessPlan = 1,
    Evaluation = 2,
}

public enum Award
{
    Gold = 1,
    Silver = 2,
    Excellence = 3,
}

/// <summary>One eligibility check: passed or not, with an English key (and arguments) saying why.</summary>
public sealed record EligibilityReason(bool Passed, string Key, string Argument = "");

/// <summary>A PDF kept outside the web root (<see cref="ContestOptions.DocumentsPath"/>), served only through an authorised page.</summary>
public sealed class EntryDocument
{
    // For EF Core.
    private EntryDocument()
    {
        FileName = StoredName = "";
    }

    internal EntryDocument(Guid id, Guid entryId, EntryDocumentKind kind, string fileName, string storedName, long length, Guid uploadedBy, DateTime uploadedAt)
    {
        Id = id;
        EntryId = entryId;
        Kind = kind;
        FileName = fileName;
        StoredName = storedName;
        Length = length;
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }

    public Guid EntryId { get; private set; }

    public EntryDocumentKind Kind { get; private set; }

    public string FileName { get; private set; }

    /// <summary>Name of the file under the documents folder (a random name; never the uploaded one).</summary>
    public string StoredName { get; private set; }

    public long Length { get; private set; }

    public Guid UploadedBy { get; private set; }

    public DateTime UploadedAt { get; private set; }
}
