using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Organizations;
using Marketplace.Web.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Contests;

/// <summary>
/// A contest's entries: an organisation's entry and its patents, its documents (PDFs kept outside the web root) and its
/// eligibility, checked again at every change; and who may see an entry's documents.
/// </summary>
public sealed class EntryService(
    MarketplaceDbContext db,
    AuditLog audit,
    IPatentIndex index,
    IPatentOwnership ownership,
    IOptions<ContestOptions> options,
    TimeProvider clock,
    JudgingService judging)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<ContestEntry?> EntryAsync(Guid contestId, Guid entryId) =>
        db.ContestEntries.Include(e => e.Documents).FirstOrDefaultAsync(e => e.ContestId == contestId && e.Id == entryId);

    public Task<ContestEntry?> EntryOfAsync(Guid contestId, Guid organizationId) =>
        db.ContestEntries.Include(e => e.Documents).FirstOrDefaultAsync(e => e.ContestId == contestId && e.OrganizationId == organizationId);

    public async Task<IReadOnlyList<ContestEntry>> EntriesAsync(Guid contestId)
    {
        var list = await db.ContestEntries.Include(e => e.Documents).Where(e => e.ContestId == contestId).AsNoTracking().ToListAsync();
        return list.OrderBy(e => e.FinalRank ?? int.MaxValue).ThenBy(e => e.CreatedAt).ToList();
    }

    /// <summary>Only members of a verified university, research institute or enterprise enter, for their organisation.</summary>
    public async Task<ContestEntry> SaveEntryAsync(Contest contest, Organization organization, Guid userId, string group, string title, string summary, string team, string patentNumbers)
    {
        if (organization.MemberOf(userId) is null) throw new ContestRuleException("Only members of the organisation can enter for it.");
        if (organization.Verification != VerificationStatus.Verified) throw new ContestRuleException("Only verified organisations can enter.");
        if (organization.Type is not (OrganizationType.University or OrganizationType.ResearchInstitute or OrganizationType.Enterprise))
            throw new ContestRuleException("Only universities, research institutes and enterprises can enter.");
        var ids = await ResolvePatentsAsync(patentNumbers);
        var entry = await EntryOfAsync(contest.Id, organization.Id);
        var isNew = entry is null;
        entry ??= ContestEntry.Create(contest, organization.Id, organization.Name, userId, Now);
        entry.Edit(contest, group, title, summary, team, ids, Now);
        await CheckEligibilityAsync(contest, organization, entry);
        if (isNew) db.ContestEntries.Add(entry);
        audit.Add(isNew ? ContestAuditActions.EntrySubmitted : ContestAuditActions.EntryChanged, organization.Id, entry.Title,
            $"{contest.Name}: {string.Join(",", entry.PatentIds)}; eligible={entry.Eligible}");
        await db.SaveChangesAsync();
        return entry;
    }

    /// <summary>Patent numbers as people write them (one per line or comma), looked up in the index; unknown ones keep their text so the check can say so.</summary>
    private async Task<List<string>> ResolvePatentsAsync(string text)
    {
        var tokens = (text ?? "").Split(['\n', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (tokens.Count > 100) throw new ContestRuleException("An entry may have at most {0} patents.", 100);
        var ids = new List<string>();
        foreach (var token in tokens)
        {
            if (token.Length > 40) throw new ContestRuleException("{0} is not a patent number.", token[..40]);
            var found = await index.LookupAsync(token);
            var record = found.FirstOrDefault(r => r.Stage == PublicationStage.Grant) ?? (found.Count > 0 ? found[0] : null);
            ids.Add(record?.Id ?? token.ToUpperInvariant());
        }
        return ids;
    }

    /// <summary>
    /// Checks every entry of the contest again (after its rules changed), without saving: the caller saves the rules and
    /// the new verdicts in one unit of work. Returns how many entries there are and how many were eligible before and after.
    /// </summary>
    public async Task<EligibilityRecheck> RecheckEligibilityAsync(Contest contest)
    {
        var entries = await db.ContestEntries.Include(e => e.Documents).Where(e => e.ContestId == contest.Id).ToListAsync();
        var organizationIds = entries.Select(e => e.OrganizationId).Distinct().ToList();
        var organizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
        var before = entries.Count(e => e.Eligible);
        foreach (var entry in entries)
            await CheckEligibilityAsync(contest, organizations[entry.OrganizationId], entry);
        return new EligibilityRecheck(entries.Count, before, entries.Count(e => e.Eligible));
    }

    private async Task CheckEligibilityAsync(Contest contest, Organization organization, ContestEntry entry)
    {
        var records = await index.GetManyAsync(entry.PatentIds);
        var patents = new List<(string, PatentRecord?, OwnershipAnswer?)>();
        foreach (var id in entry.PatentIds)
        {
            var record = records.GetValueOrDefault(id);
            patents.Add((id, record, record is null ? null : await ownership.CheckAsync(organization, record)));
        }
        entry.RecordEligibility(EligibilityChecker.Check(contest.Rules, organization, patents, entry.Documents.Select(d => d.Kind).ToList()));
    }

    public async Task<EntryDocument> AttachDocumentAsync(Contest contest, Organization organization, ContestEntry entry, Guid userId, EntryDocumentKind kind, string fileName, byte[] content)
    {
        if (organization.MemberOf(userId) is null || entry.OrganizationId != organization.Id)
            throw new ContestRuleException("Only members of the organisation can enter for it.");
        ContestEntry.ValidatePdf(content);
        var replaced = entry.Documents.FirstOrDefault(d => d.Kind == kind);
        var storedName = PdfUploads.NewName();
        var document = entry.AttachDocument(contest, kind, fileName, content, storedName, userId, Now);
        var folder = DocumentFolder(contest.Id);
        await PdfUploads.SaveAsync(folder, storedName, content);
        if (replaced is not null) db.Remove(replaced);
        await CheckEligibilityAsync(contest, organization, entry);
        audit.Add(ContestAuditActions.DocumentAttached, organization.Id, document.FileName, $"{contest.Name}: {kind}, {content.Length} bytes");
        await db.SaveChangesAsync();
        if (replaced is not null) File.Delete(Path.Combine(folder, replaced.StoredName));
        return document;
    }

    public async Task<byte[]?> ReadDocumentAsync(Guid contestId, EntryDocument document)
    {
        var path = Path.Combine(DocumentFolder(contestId), Path.GetFileName(document.StoredName));
        return File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
    }

    private string DocumentFolder(Guid contestId) => Path.Combine(options.Value.DocumentsPath, contestId.ToString("N"));

    private Task<bool> IsMemberAsync(Guid organizationId, Guid userId) =>
        db.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == userId);

    /// <summary>An entry's documents are for its organisation's members, operators and the judges assigned to it.</summary>
    public async Task<bool> MaySeeEntryAsync(ContestEntry entry, Guid? userId, bool isOperator) =>
        isOperator || (userId is { } id && (await IsMemberAsync(entry.OrganizationId, id) || await judging.IsAssignedAsync(entry.ContestId, entry.Id, id)));

    /// <summary>The documents the entry's patents call for (<see cref="EligibilityChecker.RequiredDocuments"/>), to offer only those uploads.</summary>
    public async Task<IReadOnlyList<EntryDocumentKind>> RequiredDocumentsAsync(ContestEntry entry)
    {
        var records = await index.GetManyAsync(entry.PatentIds);
        return EligibilityChecker.RequiredDocuments(entry.PatentIds.Select(id => records.GetValueOrDefault(id)?.DocumentType));
    }

    /// <summary>The patents of entries with the analytics labels judges see (value index, high value, chain).</summary>
    public async Task<IReadOnlyDictionary<string, PatentRecord>> PatentsAsync(IEnumerable<string> ids) =>
        await index.GetManyAsync(ids.Distinct(StringComparer.Ordinal).ToList());
}

/// <summary>Entries checked again after a contest's rules changed: how many, and how many were eligible before and after.</summary>
public sealed record EligibilityRecheck(int Entries, int EligibleBefore, int EligibleAfter);
